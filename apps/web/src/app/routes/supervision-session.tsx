import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageFallback } from "../../components/page-fallback";
import { sessionTitle } from "../../components/clinical/session-record";
import { Section } from "../../components/section";
import { paths } from "../../config/paths";
import { useSession as useSignedInSession } from "../../features/auth/api/get-session";
import { RiskFlagList } from "../../features/measures/components/risk-flag-panel";
import { SessionScores } from "../../features/measures/components/session-measures";
import { SessionFidelityPanel } from "../../features/fidelity/components/session-fidelity";
import { SupervisedSession } from "../../features/supervision/components/supervised-session";
import { useSession } from "../../features/sessions/api/get-session";
import { SessionHeader } from "../../features/sessions/components/session-header";
import { ReviewPanel } from "./review-panel";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";

const supervision = { label: "Supervision", href: paths.supervision.cockpit.getHref() };

/**
 * One session of a supervisee's client, read only: the record, its scores and risk flags with their
 * follow-ups, then the supervisor's own fidelity rating beside the therapist's self-rating.
 */
export function SupervisionSessionRoute() {
  const { sessionId = "" } = useParams();
  const session = useSession(sessionId);
  const viewerId = useSignedInSession().data?.user.id;

  if (session.isPending || session.isError) {
    return (
      <PageFallback
        crumbs={[supervision, { label: "Session review" }]}
        heading="Session review"
        query={session}
        loading="Loading the session…"
        errorTitle="The session could not be loaded."
      />
    );
  }

  const data = session.data;
  const title = sessionTitle(data);
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          supervision,
          { label: data.course.clientName, href: paths.supervision.course.getHref(data.course.id) },
          { label: title },
        ]}
      />
      <SessionHeader session={data} onRisk={<CrisisSteps />} />
      <p className="notice">Read only: you are reviewing as a supervisor.</p>
      <SupervisedSession session={data} />
      <ReviewPanel courseId={data.course.id} session={data} />

      <Section id="measures-heading" title="Measures">
        {data.riskFlags.length > 0 ? (
          <RiskFlagList flags={data.riskFlags} canWrite={false} allowResolve={false} />
        ) : null}
        {data.scores.length > 0 ? (
          <SessionScores scores={data.scores} />
        ) : (
          <p className="muted">No scores recorded at this session.</p>
        )}
        <p>
          <Link to={paths.clinical.courseMeasures.getHref(data.course.id)}>
            Scores and risk for this course
          </Link>
        </p>
      </Section>

      <Section id="fidelity-heading" title="Your fidelity rating">
        {viewerId ? (
          <SessionFidelityPanel
            courseId={data.course.id}
            sessionId={data.id}
            viewerId={viewerId}
            headingId="fidelity-heading"
          />
        ) : null}
      </Section>
    </div>
  );
}
