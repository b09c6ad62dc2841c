import { Section } from "../../../components/section";
import { PlanHistory, ProblemAreaHistory } from "../../../features/courses/components/plan-history";
import { useCourseOfLayout } from "./course-layout";

/** What changed in the plan and the focus, and when. */
export function CourseHistoryRoute() {
  const course = useCourseOfLayout();
  return (
    <>
      <Section focusable id="plan-history-heading" title="Plan changes">
        <PlanHistory course={course} />
      </Section>
      <Section focusable id="area-history-heading" title="Problem-area changes">
        <ProblemAreaHistory course={course} />
      </Section>
    </>
  );
}
