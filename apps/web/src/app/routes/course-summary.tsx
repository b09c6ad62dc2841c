import { Link, useParams } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useSession } from "../../features/auth/api/get-session";
import { useEndOfTreatmentSummary } from "../../features/summary/api/get-summary";
import { SummaryDocument } from "../../features/summary/components/summary-document";

/** Back to the course for its therapist; supervisors (who have no course page) go to its measures. */
function BackLink({ courseId }: { courseId: string }) {
  const { data: session } = useSession();
  const therapist = session?.user.role === "therapist";
  return (
    <p className="back-link no-print">
      {therapist ? (
        <Link to={paths.therapist.course.getHref(courseId)}>Back to the course</Link>
      ) : (
        <Link to={paths.clinical.courseMeasures.getHref(courseId)}>Back to measures and outcomes</Link>
      )}
    </p>
  );
}

/** The printable end-of-treatment summary of a course, for its therapist and their supervisors. */
export function CourseSummaryRoute() {
  const { courseId = "" } = useParams();
  const summary = useEndOfTreatmentSummary(courseId);

  if (summary.isPending || summary.isError) {
    return (
      <div className="page">
        <BackLink courseId={courseId} />
        <PageHeading>End-of-treatment summary</PageHeading>
        <QueryFallback
          query={summary}
          loading="Loading the summary…"
          errorTitle="The end-of-treatment summary could not be loaded."
        />
      </div>
    );
  }

  return (
    <div className="page print-page">
      <BackLink courseId={courseId} />
      <SummaryDocument summary={summary.data} />
    </div>
  );
}
