import { Section } from "../../../components/section";
import { useCourseMeasures } from "../../../features/measures/api/get-course-measures";
import { useReloadSession } from "../../../features/sessions/api/get-session";
import { SessionMeasures } from "../../../features/measures/components/session-measures";
import { QuestionnaireLinksPanel } from "../../../features/questionnaires/components/questionnaire-links-panel";
import { useSessionOfLayout } from "./session-layout";

/**
 * Scores recorded at this session and the risk flags raised here (which must be followed up before
 * signing); then the questionnaires sent to the client for this session.
 */
export function SessionMeasuresRoute() {
  const session = useSessionOfLayout();
  const reload = useReloadSession(session.id);
  // The schedule decides which questionnaires are ticked for a session.
  const measures = useCourseMeasures(session.course.id);
  const dueSessions = measures.data?.schedule.map((point) => point.sessionNumber) ?? [];
  return (
    <>
      <Section focusable id="measures-heading" title="Measures">
        <SessionMeasures session={session} headingId="measures-heading" onReload={reload} />
      </Section>
      <Section id="questionnaires-heading" title="Questionnaires for the client">
        <QuestionnaireLinksPanel
          courseId={session.course.id}
          sessions={[session]}
          fixedSessionId={session.id}
          dueSessions={dueSessions}
          canSend={session.course.phase !== "completed"}
        />
      </Section>
    </>
  );
}
