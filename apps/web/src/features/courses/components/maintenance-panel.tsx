import { MAINTENANCE_CONTRACT, phaseGuidance, type CourseDetail } from "@ipt/shared";
import { Link } from "react-router";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SummaryRow } from "../../../components/summary-row";
import { paths } from "../../../config/paths";
import { frequencyLabels } from "./labels";

/** The link between an acute course and its maintenance courses, both ways (docs/decisions/026). */
export function MaintenanceLinks({
  course,
}: {
  course: Pick<CourseDetail, "kind" | "acuteCourse" | "maintenanceCourses">;
}) {
  if (course.acuteCourse) {
    return (
      <p className="section__intro">
        Maintenance after{" "}
        <Link to={paths.therapist.course.getHref(course.acuteCourse.id)}>
          the acute course (course {course.acuteCourse.sequence})
        </Link>
        .
      </p>
    );
  }
  if (course.maintenanceCourses.length === 0) return null;
  return (
    <ul className="link-list" aria-label="Maintenance courses">
      {course.maintenanceCourses.map((maintenance) => (
        <li key={maintenance.id}>
          <Link to={paths.therapist.course.getHref(maintenance.id)}>
            Maintenance course {maintenance.sequence}
          </Link>{" "}
          ({coursePhaseLabels[maintenance.phase].toLowerCase()})
        </li>
      ))}
    </ul>
  );
}

/** A maintenance course's format: its contract, its focus and the relapse-prevention plan it reviews. */
export function MaintenanceSummary({ course }: { course: CourseDetail }) {
  const guidance = phaseGuidance.maintenance;
  return (
    <>
      <dl className="summary">
        <SummaryRow term="Format">
          {MAINTENANCE_CONTRACT.label}: {course.plannedSessions} sessions,{" "}
          {frequencyLabels[course.frequency].toLowerCase()}, {course.sessionMinutes} minutes each{" "}
          <SourceTags tags={MAINTENANCE_CONTRACT.sources} />
        </SummaryRow>
        <SummaryRow term="Early warning signs">
          {course.termination.relapseWarningSigns ?? "None written in the acute course."}
        </SummaryRow>
        <SummaryRow term="What to do and when to come back">
          {course.termination.relapsePlan ?? "None written in the acute course."}
        </SummaryRow>
      </dl>
      <h3 className="section__subtitle">What maintenance sessions hold</h3>
      <ul>
        {guidance.tasks.map((task) => (
          <li key={task.key}>
            {task.text} <SourceTags tags={task.sources} />
          </li>
        ))}
      </ul>
    </>
  );
}
