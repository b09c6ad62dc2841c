import { coursePhases, phaseLabelFor, type CourseDetail, type CoursePhase } from "@ipt/shared";

function phaseLabel(phase: CoursePhase, lineage: CourseDetail["lineage"]): string {
  return phase === "completed" ? "Completed" : phaseLabelFor(phase, lineage);
}

/** An acute course's phases; a maintenance course has one phase before it is completed. */
const acutePhases = coursePhases.filter((phase) => phase !== "maintenance");
const maintenancePhases: readonly CoursePhase[] = ["maintenance", "completed"];

/** The course's phases in order; the current one is marked with aria-current="step" and in words. */
export function PhaseTimeline({ course }: { course: Pick<CourseDetail, "phase" | "lineage" | "kind"> }) {
  const phases = course.kind === "maintenance" ? maintenancePhases : acutePhases;
  const currentIndex = phases.indexOf(course.phase);
  return (
    <ol className="phase-timeline" aria-label="Course phases">
      {phases.map((phase, index) => {
        const state = index < currentIndex ? "done" : index === currentIndex ? "current" : "upcoming";
        return (
          <li
            key={phase}
            className={`phase-timeline__item phase-timeline__item--${state}`}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="phase-timeline__label">{phaseLabel(phase, course.lineage)}</span>
            <span className="phase-timeline__state">
              {state === "done" ? "Done" : state === "current" ? "Current" : "To come"}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
