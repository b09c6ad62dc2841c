import type { RuleGap } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { nextSetupStep, setupSteps } from "./setup-steps";

const gap = (item: RuleGap["item"]): RuleGap => ({ item, message: item, sources: [] });

const course = {
  id: "course-1",
  client: { id: "client-1", displayName: "A. B.", workingDiagnosis: "", version: 1 },
  phase: "initial" as const,
  initialPhaseGaps: [gap("sick_role"), gap("problem_area"), gap("formulation_agreed"), gap("contract")],
  primaryArea: null,
  contractAgreedOn: null,
  sessions: [] as unknown[],
};

const plannedSession = { id: "session-1" };

describe("setupSteps", () => {
  it("before the course exists, only the first step is open", () => {
    const steps = setupSteps("client", null);
    expect(steps.map((step) => step.status)).toEqual([
      "current",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
    expect(steps.every((step) => step.href === null)).toBe(true);
  });

  it("marks steps done from what the course still lacks, and links every later step", () => {
    const steps = setupSteps("problemArea", course);
    expect(steps.map((step) => step.status)).toEqual(["done", "upcoming", "current", "upcoming", "upcoming"]);
    expect(steps[1]?.href).toBe("/clients/client-1/courses/course-1/setup/inventory");
    expect(steps[0]?.href).toBeNull();
  });

  it("counts a role dispute without a stage as not done", () => {
    const steps = setupSteps("plan", {
      ...course,
      initialPhaseGaps: [gap("dispute_stage")],
      primaryArea: "role_dispute",
      contractAgreedOn: "2026-01-05",
    });
    expect(steps.map((step) => step.status)).toEqual(["done", "done", "upcoming", "done", "current"]);
  });

  it("the plan step is done as soon as the plan is saved, still in the initial phase", () => {
    const steps = setupSteps("inventory", {
      ...course,
      initialPhaseGaps: [gap("sick_role")],
      primaryArea: "grief",
      contractAgreedOn: "2026-01-05",
      sessions: [plannedSession],
    });
    expect(steps.map((step) => step.status)).toEqual(["done", "current", "done", "done", "done"]);
  });

  it("names the first step not yet saved as the next one, and none once all are saved", () => {
    expect(nextSetupStep(course)).toEqual({
      label: "Set-up: interpersonal inventory",
      href: "/clients/client-1/courses/course-1/setup/inventory",
    });
    const saved = {
      ...course,
      initialPhaseGaps: [gap("sick_role")],
      primaryArea: "grief" as const,
      contractAgreedOn: "2026-01-05",
    };
    expect(nextSetupStep(saved)?.label).toBe("Set-up: interpersonal inventory");
    expect(nextSetupStep({ ...saved, initialPhaseGaps: [] })?.label).toBe("Set-up: session plan");
    expect(nextSetupStep({ ...saved, initialPhaseGaps: [], sessions: [plannedSession] })).toBeNull();
  });
});
