import type { SessionDetail } from "@ipt/shared";
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { Breadcrumbs, type Crumb } from "../../../components/breadcrumbs";
import { sessionTitle } from "../../../components/clinical/session-record";
import { PageFallback } from "../../../components/page-fallback";
import { NextAction } from "../../../components/record-header";
import { SourcesScope } from "../../../components/clinical/source-tags";
import { Tabs } from "../../../components/tabs";
import { paths } from "../../../config/paths";
import { useCourse } from "../../../features/courses/api/get-course";
import { useSession } from "../../../features/sessions/api/get-session";
import { openRiskAt, SessionHeader } from "../../../features/sessions/components/session-header";
import { CrisisSteps } from "../../../features/measures/components/crisis-steps";

function crumbsFor(session: SessionDetail | undefined): Crumb[] {
  const caseload = { label: "Caseload", href: paths.therapist.caseload.getHref() };
  if (!session) return [caseload, { label: "Session" }];
  return [
    caseload,
    { label: session.course.clientName, href: paths.therapist.course.getHref(session.course.id) },
    { label: sessionTitle(session) },
  ];
}

/** What to do next with this session: a safety follow-up first, then signing. */
function SessionNextAction({ session }: { session: SessionDetail }) {
  if (openRiskAt(session).withoutFollowUp > 0) {
    return (
      <NextAction label="Record the safety follow-up for the risk flag raised at this session">
        <Link to={paths.therapist.sessionSection.measures.getHref(session.id)} className="button">
          Go to the risk flag
        </Link>
      </NextAction>
    );
  }
  if (session.status === "cancelled" || session.signedAt) return null;
  return (
    <NextAction label="Complete the record, then sign and lock it">
      <Link to={`${paths.therapist.session.getHref(session.id)}#sign-heading`} className="button">
        Sign and lock
      </Link>
    </NextAction>
  );
}

/** Every section of a session shares this frame: header, next action and the section tabs. */
export function SessionLayout() {
  const { sessionId = "" } = useParams();
  const session = useSession(sessionId);
  // The course's open risk flags (from any session) show here too; the page does not wait for them.
  const course = useCourse(session.data?.course.id ?? "", { enabled: Boolean(session.data) });

  if (session.isPending || session.isError) {
    return (
      <PageFallback
        crumbs={crumbsFor(undefined)}
        heading="Session"
        query={session}
        loading="Loading the session…"
        errorTitle="The session could not be loaded."
      />
    );
  }

  const data = session.data;
  const section = paths.therapist.sessionSection;
  return (
    <div className="page">
      <Breadcrumbs crumbs={crumbsFor(data)} />
      <SessionHeader
        onRisk={<CrisisSteps />}
        session={data}
        courseOpenRisk={course.data?.measures.openRiskFlags}
        actions={
          <Link to={paths.therapist.course.getHref(data.course.id)} className="button button--secondary">
            Course
          </Link>
        }
      />
      <SessionNextAction session={data} />
      <Tabs
        label="Session sections"
        tabs={[
          { label: "Record", href: paths.therapist.session.getHref(data.id) },
          { label: "Measures", href: section.measures.getHref(data.id) },
          { label: "Guidance", href: section.guidance.getHref(data.id) },
          { label: "Supervision", href: section.supervision.getHref(data.id) },
        ]}
      />
      <SourcesScope>
        <Outlet context={data} />
      </SourcesScope>
    </div>
  );
}

/** The session the layout loaded, for its sections. */
export function useSessionOfLayout(): SessionDetail {
  return useOutletContext<SessionDetail>();
}
