import type { RuleGap } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { setupSteps } from "./setup-steps";

const gap = (item: RuleGap["item"]): RuleGap => ({ item, message: item, sources: [] });

const course = {
  id: "course-1",
  client: { id: "client-1", displayName: "A. B.", workingDiagnosis: "", version: 1 },
  phase: "initial" as const,
  initialPhaseGaps: [gap("sick_role"), gap("problem_area"), gap("formulation_agreed"), gap("contract")],
  primaryArea: null,
  contractAgreedOn: null,
};

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

  it("the plan step is done once the middle phase has begun", () => {
    const steps = setupSteps("inventory", {
      ...course,
      phase: "middle",
      initialPhaseGaps: [],
      primaryArea: "grief",
      contractAgreedOn: "2026-01-05",
    });
    expect(steps.map((step) => step.status)).toEqual(["done", "current", "done", "done", "done"]);
  });
});
