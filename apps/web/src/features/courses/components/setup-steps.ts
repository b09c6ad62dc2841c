import type { CourseDetail } from "@ipt/shared";
import type { Step } from "../../../components/step-list";
import { paths } from "../../../config/paths";

export type SetupStepKey = "client" | "inventory" | "problemArea" | "formulation" | "plan";

type SetupCourse = Pick<
  CourseDetail,
  "id" | "client" | "phase" | "initialPhaseGaps" | "primaryArea" | "contractAgreedOn"
> & { sessions: readonly unknown[] };

const labels: Record<SetupStepKey, string> = {
  client: "Client and course format",
  inventory: "Interpersonal inventory",
  problemArea: "Problem area",
  formulation: "Formulation and contract",
  plan: "Session plan",
};

const order: SetupStepKey[] = ["client", "inventory", "problemArea", "formulation", "plan"];

function isDone(step: SetupStepKey, course: SetupCourse | null): boolean {
  if (!course) return false;
  const missing = new Set(course.initialPhaseGaps.map((gap) => gap.item));
  switch (step) {
    case "client":
      return true;
    case "inventory":
      return !missing.has("inventory") && !missing.has("diagnosis_named") && !missing.has("sick_role");
    case "problemArea":
      return course.primaryArea !== null && !missing.has("dispute_stage");
    case "formulation":
      return !missing.has("formulation_agreed") && course.contractAgreedOn !== null;
    case "plan":
      // Done once the plan is saved: its sessions exist.
      return course.sessions.length > 0;
  }
}

function hrefFor(step: SetupStepKey, course: SetupCourse | null): string | null {
  // The client step creates the client and course; once they exist it is not repeated.
  if (step === "client" || !course) return null;
  return paths.therapist.courseSetup[step].getHref(course.client.id, course.id);
}

/** The set-up steps for a course (null before it exists), with `current` marked. */
export function setupSteps(current: SetupStepKey, course: SetupCourse | null): Step[] {
  return order.map((step) => ({
    label: labels[step],
    href: hrefFor(step, course),
    status: step === current ? "current" : isDone(step, course) ? "done" : "upcoming",
  }));
}

export function setupStepLabel(step: SetupStepKey): string {
  return labels[step];
}

/** The first set-up step not yet saved, with its page; null once the whole set-up is saved. */
export function nextSetupStep(course: SetupCourse): { label: string; href: string } | null {
  for (const step of order) {
    const href = hrefFor(step, course);
    if (href && !isDone(step, course)) return { label: `Set-up: ${labels[step].toLowerCase()}`, href };
  }
  return null;
}
