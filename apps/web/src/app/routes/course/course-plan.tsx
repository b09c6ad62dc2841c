import { Section } from "../../../components/section";
import { PlanSection } from "../../../features/courses/components/plan-section";
import { useCourseOfLayout } from "./course-layout";

/** The dated sessions of the course, each opening its record, with the plan's edits. */
export function CoursePlanRoute() {
  const course = useCourseOfLayout();
  return (
    <Section focusable id="sessions-heading" title="Sessions">
      <PlanSection course={course} headingId="sessions-heading" />
    </Section>
  );
}
