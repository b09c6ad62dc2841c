import { hasGriefArea, type CourseDetail } from "@ipt/shared";
import { Link } from "react-router";
import { ContractSummary, FocusSummary } from "../../../components/clinical/course-summary";
import { GriefTasksSummary } from "../../../components/clinical/grief-tasks-summary";
import { Section } from "../../../components/section";
import { paths } from "../../../config/paths";
import { CourseWarnings } from "../../../features/courses/components/course-warnings";
import { GriefTasksForm } from "../../../features/courses/components/grief-tasks-form";
import { useCourseOfLayout } from "./course-layout";

/** The points about grief's fit (the death's timing against the onset), shown with the grief tasks. */
const griefWarningCodes = new Set(["grief_timing", "grief_without_death"]);

/** Grief's structured tasks: the form while the course is open, the notes once it is completed. */
function GriefWork({ course }: { course: CourseDetail }) {
  return (
    <Section focusable id="grief-heading" title="Grief tasks">
      <CourseWarnings warnings={course.warnings.filter((warning) => griefWarningCodes.has(warning.code))} />
      {course.phase === "completed" ? (
        <GriefTasksSummary course={course} />
      ) : (
        <GriefTasksForm key={course.id} course={course} />
      )}
    </Section>
  );
}

/** The focus the therapist and client agreed, and the contract, with the set-up pages that edit them. */
export function CourseFormulationRoute() {
  const course = useCourseOfLayout();
  const setup = paths.therapist.courseSetup;
  return (
    <>
      <Section focusable id="focus-heading" title="Problem area and formulation">
        <FocusSummary course={course} />
        <ul className="link-list">
          <li>
            <Link to={setup.problemArea.getHref(course.client.id, course.id)}>Change the problem area</Link>
          </li>
          <li>
            <Link to={setup.formulation.getHref(course.client.id, course.id)}>
              Edit the formulation and contract
            </Link>
          </li>
          <li>
            <Link to={setup.inventory.getHref(course.client.id, course.id)}>Interpersonal inventory</Link>
          </li>
        </ul>
      </Section>
      {hasGriefArea(course) ? <GriefWork course={course} /> : null}
      <Section focusable id="contract-heading" title="Contract">
        <ContractSummary course={course} />
      </Section>
    </>
  );
}
