import { Section } from "../../../components/section";
import { useCourseMeasures } from "../../../features/measures/api/get-course-measures";
import { PlanSection } from "../../../features/courses/components/plan-section";
import { QuestionnaireLinksPanel } from "../../../features/questionnaires/components/questionnaire-links-panel";
import { useCourseOfLayout } from "./course-layout";

/**
 * The dated sessions of the course, each opening its record, with the plan's edits; then the
 * questionnaires sent to the client for the planned sessions.
 */
export function CoursePlanRoute() {
  const course = useCourseOfLayout();
  // The schedule decides which questionnaires are ticked for a session.
  const measures = useCourseMeasures(course.id);
  const dueSessions = measures.data?.schedule.map((point) => point.sessionNumber) ?? [];
  return (
    <>
      <Section focusable id="sessions-heading" title="Sessions">
        <PlanSection course={course} headingId="sessions-heading" />
      </Section>
      <Section id="questionnaires-heading" title="Questionnaires for the client">
        <QuestionnaireLinksPanel
          courseId={course.id}
          sessions={course.sessions}
          dueSessions={dueSessions}
          canSend={course.phase !== "completed"}
        />
      </Section>
    </>
  );
}
