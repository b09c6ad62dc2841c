import { formatPresets } from "@ipt/shared";
import { useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageFallback } from "../../components/page-fallback";
import { PageHeading } from "../../components/page-heading";
import { paths } from "../../config/paths";
import { useCourse } from "../../features/courses/api/get-course";
import { useCourseFidelity } from "../../features/fidelity/api/get-course-fidelity";
import { CourseFidelitySection } from "../../features/fidelity/components/course-fidelity-section";
import { SupervisedCourse } from "../../features/supervision/components/supervised-course";
import { ReviewPanel } from "./review-panel";

const supervision = { label: "Supervision", href: paths.supervision.cockpit.getHref() };

/** A supervisee's course, read only, with its fidelity ratings and the sessions proposed for review. */
export function SupervisionCourseRoute() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  // The therapist's name comes with the ratings; the page does not wait for it.
  const therapist = useCourseFidelity(courseId).data?.therapist;

  if (course.isPending || course.isError) {
    return (
      <PageFallback
        crumbs={[supervision, { label: "Course review" }]}
        heading="Course review"
        query={course}
        loading="Loading the course…"
        errorTitle="The course could not be loaded."
      />
    );
  }

  const data = course.data;
  return (
    <div className="page">
      <Breadcrumbs crumbs={[supervision, { label: `${data.client.displayName}, course ${data.sequence}` }]} />
      <PageHeading title={`${data.client.displayName}: course review`}>{data.client.displayName}</PageHeading>
      <p className="page-subtitle">
        {formatPresets[data.format].label}, course {data.sequence}
        {therapist ? `, seen by ${therapist.name}` : ""}.
      </p>
      <p className="notice">Read only: you are reviewing as a supervisor.</p>
      <SupervisedCourse course={data} fidelity={<CourseFidelitySection courseId={data.id} />} />
      <ReviewPanel courseId={data.id} />
    </div>
  );
}
