import type { CourseDetail } from "@ipt/shared";
import { paths } from "../../../config/paths";
import { nextSetupStep } from "./setup-steps";

/** The one thing to do next on a course, and where it is done. */
export interface CourseNextAction {
  label: string;
  /** Where the button goes: a set-up step, a session, or a section of the course's overview. */
  href: string;
  button: string;
}

type NextActionCourse = Pick<
  CourseDetail,
  | "id"
  | "client"
  | "phase"
  | "initialPhaseGaps"
  | "primaryArea"
  | "disputeStage"
  | "contractAgreedOn"
  | "sessions"
  | "nextSession"
  | "terminationStartNumber"
>;

const overviewSection = (courseId: string, section: string) =>
  `${paths.therapist.course.getHref(courseId)}#${section}`;

/**
 * The current phase's next step: finish the set-up, hold the next session, begin the middle phase
 * once every initial-phase task is recorded, raise the ending when its session comes, complete the
 * course after the last session. Other actions stay in their phase's section.
 */
export function courseNextAction(course: NextActionCourse): CourseNextAction | null {
  const next = course.nextSession;
  const hold = next
    ? {
        label: `Hold session ${next.number}`,
        href: paths.therapist.session.getHref(next.id),
        button: `Open session ${next.number}`,
      }
    : null;
  switch (course.phase) {
    case "initial": {
      const step = nextSetupStep(course);
      if (step) return { label: step.label, href: step.href, button: "Continue the set-up" };
      if (course.initialPhaseGaps.length === 0) {
        return {
          label: "Every initial-phase task is recorded: begin the middle phase",
          href: overviewSection(course.id, "phase-heading"),
          button: "Begin the middle phase",
        };
      }
      return hold;
    }
    case "middle":
      if (next && next.number >= course.terminationStartNumber) {
        return {
          label: `Raise the ending at session ${next.number}`,
          href: overviewSection(course.id, "phase-heading"),
          button: "Raise the ending",
        };
      }
      return hold;
    case "termination":
      return (
        hold ?? {
          label: "Every session is held: complete the course",
          href: overviewSection(course.id, "phase-heading"),
          button: "Complete the course",
        }
      );
    case "maintenance":
      return (
        hold ?? {
          label: "Every maintenance session is held: complete the course",
          href: overviewSection(course.id, "phase-heading"),
          button: "Complete the course",
        }
      );
    case "completed":
      return {
        label: "The course is complete",
        href: paths.clinical.courseSummary.getHref(course.id),
        button: "End-of-treatment summary",
      };
  }
}
