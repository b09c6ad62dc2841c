// Maintenance IPT: each rule with the sources it rests on (and "synthesis" where it is ours).
import { describe, expect, it } from "vitest";
import { maintenanceMeasurementPoints, measurementPoints } from "../measures/schedule";
import { defaultMeasurementSettings } from "../measures/settings";
import { MAINTENANCE_CONTRACT } from "./formats";
import { phaseGuidance } from "./guidance";
import {
  generateMaintenancePlan,
  maintenanceContractErrors,
  maintenanceSlotFor,
  maintenanceStartGaps,
  type MaintenancePlanInput,
  type MaintenanceStartState,
} from "./maintenance";
import { PlanRuleError } from "./plan-error";
import { nextSessionDate, reflowPlan } from "./plan";
import { sourceTags } from "./sources";
import { slotTemplateItems } from "./templates";

const completed: MaintenanceStartState["course"] = {
  kind: "acute",
  phase: "completed",
  outcome: "completed",
};

describe("starting maintenance after the acute course [S1a][S4][S11b]", () => {
  it.each<[string, MaintenanceStartState, string[]]>([
    ["a completed acute course, nothing open", { courseId: "a", course: completed, openCourse: null }, []],
    [
      "an acute course still in termination",
      { courseId: "a", course: { ...completed, phase: "termination", outcome: null }, openCourse: null },
      ["phase"],
    ],
    [
      "a discontinued acute course (project choice)",
      { courseId: "a", course: { ...completed, outcome: "discontinued" }, openCourse: null },
      ["outcome"],
    ],
    [
      "a maintenance course as the base",
      { courseId: "a", course: { ...completed, kind: "maintenance" }, openCourse: null },
      ["kind"],
    ],
    [
      "its maintenance course already open",
      { courseId: "a", course: completed, openCourse: { kind: "maintenance", acuteCourseId: "a" } },
      ["maintenanceCourse"],
    ],
    [
      "another open course of the client",
      { courseId: "a", course: completed, openCourse: { kind: "acute", acuteCourseId: null } },
      ["openCourse"],
    ],
  ])("%s", (_, state, fields) => {
    expect(maintenanceStartGaps(state).map((gap) => gap.field)).toEqual(fields);
  });
});

describe("the maintenance contract (6–12 sessions: project synthesis; dosing [S4][S27c])", () => {
  it.each<[number, string, string[]]>([
    [6, "2026-06-02", []],
    [12, "2026-06-02", []],
    [5, "2026-06-02", ["plannedSessions"]],
    [13, "2026-06-02", ["plannedSessions"]],
    [6, "2026-06-01", ["startDate"]],
    [6, "2026-05-20", ["startDate"]],
  ])("%i sessions from %s after an acute course ending 2026-06-01", (plannedSessions, startDate, fields) => {
    expect(
      maintenanceContractErrors({
        plannedSessions,
        frequency: "monthly",
        startDate,
        acuteEndedOn: "2026-06-01",
      }).map((error) => error.field),
    ).toEqual(fields);
  });

  it("cites its sources and says the length is a synthesis", () => {
    expect(MAINTENANCE_CONTRACT.sources).toEqual(["S1a", "S4", "S11b", "S27c", "S27d"]);
    expect(MAINTENANCE_CONTRACT.note).toMatch(/project synthesis/);
    for (const tag of MAINTENANCE_CONTRACT.sources) expect(sourceTags[tag]).toBeTruthy();
  });
});

const planInput: MaintenancePlanInput = {
  format: "standard",
  lineage: "weissman",
  primaryArea: "role_dispute",
  disputeStage: "impasse",
  sensitivity: false,
  total: 6,
  frequency: "monthly",
  startDate: "2026-06-03",
  weekday: 3,
  startTime: "10:00",
  durationMinutes: 50,
};

describe("the maintenance plan", () => {
  it.each([
    ["monthly", ["2026-06-03", "2026-07-01", "2026-07-29", "2026-08-26", "2026-09-23", "2026-10-21"]],
    ["fortnightly", ["2026-06-03", "2026-06-17", "2026-07-01", "2026-07-15", "2026-07-29", "2026-08-12"]],
    ["weekly", ["2026-06-03", "2026-06-10", "2026-06-17", "2026-06-24", "2026-07-01", "2026-07-08"]],
  ] as const)("puts %s sessions on the contract's weekday", (frequency, dates) => {
    const plan = generateMaintenancePlan({ ...planInput, frequency });
    expect(plan.map((session) => session.plannedDate)).toEqual(dates);
    expect(new Set(plan.map((session) => session.phase))).toEqual(new Set(["maintenance"]));
    expect(plan.map((session) => session.slot)).toEqual([
      ...Array<string>(5).fill("maintenance"),
      "maintenance-final",
    ]);
  });

  it("starts on the first contract weekday on or after the start date", () => {
    expect(generateMaintenancePlan({ ...planInput, startDate: "2026-06-01" })[0]?.plannedDate).toBe(
      "2026-06-03",
    );
  });

  it("appends a monthly session 4 weeks on, on the weekday", () => {
    expect(nextSessionDate("2026-06-03", "monthly", 3)).toBe("2026-07-01");
  });

  it.each([5, 13])("refuses a %i-session plan naming total", (total) => {
    expect(() => generateMaintenancePlan({ ...planInput, total })).toThrow(PlanRuleError);
    try {
      generateMaintenancePlan({ ...planInput, total });
    } catch (error) {
      expect((error as PlanRuleError).field).toBe("total");
    }
  });

  it("holds the maintenance tasks: keep the gains, warning signs, review the relapse plan, a score", () => {
    const keys = slotTemplateItems("maintenance", "standard", "weissman").map((item) => item.key);
    expect(keys).toEqual([
      "maintenance.since-last",
      "maintenance.symptom-check",
      "maintenance.keep-gains",
      "maintenance.warning-signs",
      "maintenance.relapse-plan",
    ]);
    const final = slotTemplateItems("maintenance-final", "ipt_a", "stuart").map((item) => item.key);
    expect(final).toContain("maintenance-final.next-step");
    for (const item of [
      ...slotTemplateItems("maintenance", "standard", "weissman"),
      ...slotTemplateItems("maintenance-final", "standard", "weissman"),
    ]) {
      expect(item.sources.length).toBeGreaterThan(0);
    }
    const relapse = slotTemplateItems("maintenance", "standard", "weissman").find(
      (item) => item.key === "maintenance.relapse-plan",
    );
    expect(relapse?.sources).toEqual(["S4", "S11b"]);
  });

  it("labels the maintenance phase guidance's own rules as synthesis", () => {
    const synthesis = phaseGuidance.maintenance.tasks.filter((task) =>
      task.text.startsWith("Project synthesis"),
    );
    expect(synthesis.map((task) => task.key)).toEqual(["maintenance.keep-gains", "maintenance.measure"]);
  });

  it("re-flows a maintenance plan in the maintenance phase after a session is cancelled", () => {
    const plan = generateMaintenancePlan({ ...planInput, total: 7 });
    const reflowed = reflowPlan({
      ...planInput,
      kind: "maintenance",
      lead: 2,
      sessions: plan.map((session, index) => ({
        id: `s${index + 1}`,
        status: index === 2 ? "cancelled" : "planned",
        plannedDate: session.plannedDate,
        startTime: session.startTime,
        createdOrder: index + 1,
        number: session.number,
        phase: session.phase,
        slot: session.slot,
        agenda: session.agenda,
      })),
    });
    expect(reflowed.filter((session) => session.number !== null).map((session) => session.slot)).toEqual([
      ...Array<string>(5).fill("maintenance"),
      "maintenance-final",
    ]);
    expect(reflowed.every((session) => session.phase === "maintenance" || session.number === null)).toBe(
      true,
    );
  });

  it("refuses a slot outside the contract", () => {
    expect(() => maintenanceSlotFor(7, 6)).toThrow(PlanRuleError);
  });
});

describe("maintenance measurement points (project synthesis from [S4][S27c][S23a][S12b])", () => {
  it("measures at every session, the first as baseline and the last as final", () => {
    expect(maintenanceMeasurementPoints(6)).toEqual([
      { sessionNumber: 1, reasons: ["baseline", "every_session"] },
      { sessionNumber: 2, reasons: ["every_session"] },
      { sessionNumber: 3, reasons: ["every_session"] },
      { sessionNumber: 4, reasons: ["every_session"] },
      { sessionNumber: 5, reasons: ["every_session"] },
      { sessionNumber: 6, reasons: ["every_session", "final"] },
    ]);
    expect(measurementPoints(6, defaultMeasurementSettings, "maintenance")).toEqual(
      maintenanceMeasurementPoints(6),
    );
  });
});
