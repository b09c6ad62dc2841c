import { describe, expect, it } from "vitest";
import { agendaFor } from "./agenda";
import { PlanRuleError } from "./plan-error";
import {
  endingIsEarly,
  generatePlan,
  nextSessionDate,
  phaseFor,
  sessionDates,
  slotFor,
  terminationStartNumber,
  type GeneratePlanInput,
} from "./plan";
import { sourceTags } from "./sources";
import { agendaItem } from "./templates";
import {
  disputeStages,
  lineages,
  type CourseFormat,
  type DisputeStage,
  type Lineage,
  type ProblemArea,
} from "./vocabulary";

const base: GeneratePlanInput = {
  format: "standard",
  lineage: "weissman",
  total: 12,
  startDate: "2026-03-02",
  weekday: 1,
  startTime: "09:30",
  durationMinutes: 50,
  frequency: "weekly",
  lead: 2,
  primaryArea: null,
  disputeStage: null,
  sensitivity: false,
};

function expectPlanError(run: () => unknown, field: string, message: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PlanRuleError);
  expect((caught as PlanRuleError).field).toBe(field);
  expect((caught as PlanRuleError).message).toMatch(message);
}

/** Independent of the implementation: day arithmetic on UTC epoch days. */
function expectedDate(start: string, offsetDays: number): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

describe("session numbering", () => {
  it("termination starts total − lead sessions in", () => {
    expect(terminationStartNumber(12, 2)).toBe(10);
    expect(terminationStartNumber(16, 4)).toBe(12);
    expect(terminationStartNumber(9, 3)).toBe(6);
  });

  it("gives the phase of a session number", () => {
    const phases = Array.from({ length: 12 }, (_, i) => phaseFor(i + 1, 12, "standard", 2));
    expect(phases).toEqual([
      "initial",
      "initial",
      "initial",
      "middle",
      "middle",
      "middle",
      "middle",
      "middle",
      "middle",
      "termination",
      "termination",
      "termination",
    ]);
  });

  it("gives the slots of a 12-session standard course", () => {
    const slots = Array.from({ length: 12 }, (_, i) => slotFor(i + 1, 12, "standard", 2));
    expect(slots).toEqual([
      "initial-1",
      "initial-2",
      "initial-3",
      "middle",
      "middle",
      "middle",
      "middle",
      "middle",
      "middle",
      "raise-ending",
      "termination",
      "final",
    ]);
  });

  it("gives IPT-B an engagement session and a two-session initial phase", () => {
    const slots = Array.from({ length: 9 }, (_, i) => slotFor(i + 1, 9, "ipt_b", 2));
    expect(slots).toEqual([
      "engagement",
      "initial-1",
      "initial-2",
      "middle",
      "middle",
      "middle",
      "raise-ending",
      "termination",
      "final",
    ]);
  });

  it("gives a 16-session IPT-A course with a 4-session lead a long termination", () => {
    const slots = Array.from({ length: 16 }, (_, i) => slotFor(i + 1, 16, "ipt_a", 4));
    expect(slots.slice(11)).toEqual(["raise-ending", "termination", "termination", "termination", "final"]);
    expect(slots.slice(3, 11)).toEqual(Array(8).fill("middle"));
  });

  it("rejects a session number outside the course", () => {
    expectPlanError(() => slotFor(0, 12, "standard", 2), "number", /outside a 12-session course/);
    expectPlanError(() => slotFor(13, 12, "standard", 2), "number", /outside/);
  });
});

describe("session dates", () => {
  it("steps weekly or fortnightly in UTC across month, year and leap-day boundaries", () => {
    expect(sessionDates("2026-12-21", 3, "fortnightly")).toEqual(["2026-12-21", "2027-01-04", "2027-01-18"]);
    expect(sessionDates("2028-02-22", 2, "weekly")).toEqual(["2028-02-22", "2028-02-29"]);
    // The European DST change on 2026-03-29 must not shift a day.
    expect(sessionDates("2026-03-23", 3, "weekly")).toEqual(["2026-03-23", "2026-03-30", "2026-04-06"]);
  });

  it("appends one interval after the last date, on the contract's weekday", () => {
    expect(nextSessionDate("2026-01-27", "weekly", 2)).toBe("2026-02-03"); // Tuesday → Tuesday
    expect(nextSessionDate("2026-12-25", "fortnightly", 5)).toBe("2027-01-08"); // Friday → Friday
  });

  it("brings a session appended after a moved one back to the contract's weekday", () => {
    // The last session moved from Monday 2 March to Wednesday 4 March; the contract says Mondays.
    expect(nextSessionDate("2026-03-04", "weekly", 1)).toBe("2026-03-09");
    expect(nextSessionDate("2026-03-04", "fortnightly", 1)).toBe("2026-03-16");
    // Moved earlier, to Friday 27 February: the next Monday after it.
    expect(nextSessionDate("2026-02-27", "weekly", 1)).toBe("2026-03-02");
  });

  it("rejects dates that are not real calendar dates", () => {
    expectPlanError(() => sessionDates("2026-02-30", 2, "weekly"), "startDate", /real date/);
    expectPlanError(() => sessionDates("02/03/2026", 2, "weekly"), "startDate", /real date/);
    expectPlanError(() => nextSessionDate("2026-13-01", "weekly", 1), "plannedDate", /real date/);
  });
});

describe("the contract's weekday and time", () => {
  it("puts every generated session on the weekday at the time, with the session length", () => {
    const plan = generatePlan({ ...base, startDate: "2026-03-02", weekday: 4, startTime: "16:15" });
    // Monday 2 March is not a Thursday: the first session is Thursday 5 March.
    expect(plan[0]).toMatchObject({ plannedDate: "2026-03-05", startTime: "16:15", durationMinutes: 50 });
    expect(plan.map((s) => s.plannedDate).slice(0, 3)).toEqual(["2026-03-05", "2026-03-12", "2026-03-19"]);
    expect(new Set(plan.map((s) => s.startTime))).toEqual(new Set(["16:15"]));
    expect(plan.every((s) => new Date(`${s.plannedDate}T00:00:00Z`).getUTCDay() === 4)).toBe(true);
  });

  it("starts on the start date itself when it falls on the weekday", () => {
    const plan = generatePlan({ ...base, startDate: "2026-03-02", weekday: 1, durationMinutes: 45 });
    expect(plan[0]).toMatchObject({ plannedDate: "2026-03-02", startTime: "09:30", durationMinutes: 45 });
    expect(plan.at(-1)?.plannedDate).toBe(expectedDate("2026-03-02", 11 * 7));
  });
});

const formatTotals: [CourseFormat, number][] = [
  ...[12, 13, 14, 15, 16].flatMap((n): [CourseFormat, number][] => [
    ["standard", n],
    ["ipt_a", n],
  ]),
  ["ipt_b", 9],
];

interface AreaCase {
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
}
function areaCases(lineage: Lineage): AreaCase[] {
  const areas: ProblemArea[] =
    lineage === "weissman"
      ? ["grief", "role_transition", "interpersonal_deficits"]
      : ["grief", "role_transition"];
  return [
    { primaryArea: null, disputeStage: null },
    ...areas.map((primaryArea) => ({ primaryArea, disputeStage: null })),
    ...disputeStages.map((disputeStage) => ({ primaryArea: "role_dispute" as const, disputeStage })),
  ];
}

const areaKinds = new Set(["area_strategy", "technique"]);

describe.each(formatTotals)("generatePlan: %s with %i sessions", (format, total) => {
  it.each(lineages)("holds for every lead, problem area and dispute stage (%s lineage)", (lineage) => {
    for (const lead of [2, 3, 4]) {
      for (const area of areaCases(lineage)) {
        for (const sensitivity of lineage === "stuart" ? [false, true] : [false]) {
          const startDate = "2026-01-05"; // a Monday
          const frequency = lead === 3 ? "fortnightly" : "weekly";
          const plan = generatePlan({
            ...base,
            format,
            lineage,
            total,
            lead,
            startDate,
            frequency,
            sensitivity,
            ...area,
          });
          const context = `${format}/${total}/${lineage}/lead ${lead}/${area.primaryArea}/${area.disputeStage}`;

          expect(plan.length, context).toBe(total);
          expect(plan.map((s) => s.number)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
          const step = frequency === "weekly" ? 7 : 14;
          expect(plan.map((s) => s.plannedDate)).toEqual(
            plan.map((_, i) => expectedDate(startDate, i * step)),
          );

          for (const session of plan) {
            const n = session.number;
            const expectedPhase = n <= 3 ? "initial" : n >= total - lead ? "termination" : "middle";
            expect(session.phase, `${context} #${n}`).toBe(expectedPhase);
            if (n === total) expect(session.slot).toBe("final");
            if (n === total - lead) expect(session.slot).toBe("raise-ending");
            if (n > total - lead && n < total) expect(session.slot).toBe("termination");

            const keys = session.agenda.map((item) => item.key);
            expect(new Set(keys).size, `${context} #${n} duplicate keys`).toBe(keys.length);
            expect(session.agenda.length).toBeGreaterThan(0);
            expect(session.agenda.length).toBeLessThanOrEqual(40);
            for (const item of session.agenda) {
              expect(agendaItem.parse(item)).toEqual(item);
              expect(item.done).toBe(false);
              expect(item.sources.length, item.key).toBeGreaterThan(0);
              for (const tag of item.sources)
                expect(sourceTags, `${item.key} cites ${tag}`).toHaveProperty(tag);
            }

            const areaItems = session.agenda.filter((item) => areaKinds.has(item.kind));
            if (session.phase !== "middle" || area.primaryArea === null) {
              expect(areaItems, `${context} #${n}`).toEqual([]);
            } else {
              expect(areaItems.filter((item) => item.kind === "area_strategy").length).toBeGreaterThanOrEqual(
                1,
              );
              expect(areaItems.filter((item) => item.kind === "technique").length).toBeGreaterThanOrEqual(2);
              expect(keys.some((key) => key.startsWith(`middle.area.${area.primaryArea}.`))).toBe(true);
              if (area.disputeStage !== null) {
                expect(keys).toContain(`middle.area.role_dispute.stage.${area.disputeStage}`);
              }
              expect(keys.includes("middle.sensitivity")).toBe(sensitivity);
            }
          }
        }
      }
    }
  });
});

describe("generatePlan content by format", () => {
  it("starts initial-phase sessions 1–3 with the right slots", () => {
    const plan = generatePlan({ ...base, total: 14, lead: 3 });
    expect(plan.slice(0, 4).map((s) => [s.slot, s.phase])).toEqual([
      ["initial-1", "initial"],
      ["initial-2", "initial"],
      ["initial-3", "initial"],
      ["middle", "middle"],
    ]);
    expect(plan[10]?.slot).toBe("raise-ending");
    expect(plan[0]?.agenda.map((item) => item.key)).toContain("initial-1.sick-role");
    expect(plan[2]?.agenda.map((item) => item.key)).toEqual([
      "initial-3.formulation",
      "initial-3.agreement",
      "initial-3.contract",
      "initial-3.start-focus",
    ]);
  });

  it("plans IPT-A parent involvement at session 1, the first middle session and the final session", () => {
    const plan = generatePlan({ ...base, format: "ipt_a", total: 13, primaryArea: "role_transition" });
    const withParent = plan
      .filter((s) => s.agenda.some((item) => item.key.endsWith(".parent")))
      .map((s) => s.number);
    expect(withParent).toEqual([1, 4, 13]);
    expect(plan[0]?.agenda.find((item) => item.key === "initial-1.sick-role")?.text).toMatch(
      /limited sick role/,
    );
    expect(plan[4]?.agenda.map((item) => item.key)).toContain("middle.technique.work-at-home");
  });

  it("gives IPT-B the engagement session and the formulation and contract at session 3", () => {
    const plan = generatePlan({ ...base, format: "ipt_b", total: 9 });
    expect(plan[0]?.slot).toBe("engagement");
    expect(plan[0]?.agenda.map((item) => item.key)).toEqual([
      "engagement.motivation",
      "engagement.barriers",
      "engagement.brief-format",
    ]);
    expect(plan[1]?.agenda.map((item) => item.key)).toContain("initial-1.inventory-start");
    expect(plan[2]?.agenda.map((item) => item.key)).toEqual([
      "initial-2.inventory-complete",
      "initial-2.formulation",
      "initial-2.agreement",
      "initial-2.contract",
    ]);
  });

  it("uses the closeness circle in IPT-A and the Stuart lineage only", () => {
    const circleAt = (input: Partial<GeneratePlanInput>) =>
      generatePlan({ ...base, ...input })
        .filter((s) => s.agenda.some((item) => item.key.endsWith(".closeness-circle")))
        .map((s) => s.number);
    expect(circleAt({})).toEqual([]);
    expect(circleAt({ format: "ipt_a" })).toEqual([2]);
    expect(circleAt({ lineage: "stuart" })).toEqual([2]);
    expect(circleAt({ format: "ipt_b", total: 9, lineage: "stuart" })).toEqual([2]);
  });

  it("words the ending by lineage", () => {
    const raise = (lineage: Lineage) =>
      generatePlan({ ...base, lineage })[9]?.agenda.find((item) => item.key === "raise-ending.raise")?.text;
    expect(raise("weissman")).toMatch(/^Raise the ending explicitly/);
    expect(raise("stuart")).toMatch(/^Raise the conclusion of acute treatment explicitly/);
  });

  it("asks for staging when a role dispute has no stage yet", () => {
    const middle = generatePlan({ ...base, primaryArea: "role_dispute" })[4];
    expect(middle?.agenda.find((item) => item.kind === "area_strategy")).toEqual({
      key: "middle.area.role_dispute.stage",
      text: "Role dispute: stage the dispute (renegotiation, impasse or dissolution) before choosing a plan of action.",
      kind: "area_strategy",
      sources: ["S2", "S29b"],
      done: false,
    });
  });

  it("puts the stage-specific task on middle sessions of a staged dispute", () => {
    const agenda = agendaFor({
      slot: "middle",
      format: "standard",
      lineage: "weissman",
      primaryArea: "role_dispute",
      disputeStage: "renegotiation",
      sensitivity: false,
      number: 5,
      total: 12,
    });
    expect(agenda.filter((item) => item.kind === "area_strategy").map((item) => item.text)).toEqual([
      "Role dispute (renegotiation): improve communication and help both parties calm down so that negotiation can succeed.",
      "Role dispute: go through a recent argument in detail and look at the expectations on each side.",
    ]);
    expect(agenda.filter((item) => item.kind === "technique").map((item) => item.key)).toEqual([
      "middle.technique.communication_analysis",
      "middle.technique.clarification",
      "middle.technique.decision_analysis",
    ]);
  });

  it("ignores the sensitivity modifier outside the Stuart lineage", () => {
    const keys = (lineage: Lineage) =>
      agendaFor({
        slot: "middle",
        format: "standard",
        lineage,
        primaryArea: "grief",
        disputeStage: null,
        sensitivity: true,
        number: 5,
        total: 12,
      }).map((item) => item.key);
    expect(keys("weissman")).not.toContain("middle.sensitivity");
    expect(keys("stuart")).toContain("middle.sensitivity");
  });

  it("rejects slots the format does not have", () => {
    const input = { ...base, primaryArea: null, number: 1, total: 12 };
    expectPlanError(() => agendaFor({ ...input, slot: "engagement" }), "slot", /Only IPT-B/);
    expectPlanError(
      () => agendaFor({ ...input, format: "ipt_b", slot: "initial-3" }),
      "slot",
      /two sessions/,
    );
  });
});

describe("generatePlan bounds", () => {
  it.each([
    ["standard", 11],
    ["standard", 17],
    ["ipt_a", 11],
    ["ipt_a", 17],
  ] as const)("rejects %s with %i sessions", (format, total) => {
    expectPlanError(
      () => generatePlan({ ...base, format, total }),
      "total",
      /has 12–16 sessions; this plan has/,
    );
  });

  it.each([8, 10])("rejects IPT-B with %i sessions", (total) => {
    expectPlanError(
      () => generatePlan({ ...base, format: "ipt_b", total }),
      "total",
      new RegExp(`exactly 9 sessions; this plan has ${total}`),
    );
  });

  it.each([1, 5])("rejects a termination lead of %i", (lead) => {
    expectPlanError(() => generatePlan({ ...base, lead }), "lead", /2–4 sessions before the end/);
  });

  it("rejects a fractional total and an invalid start date", () => {
    expectPlanError(() => generatePlan({ ...base, total: 12.5 }), "total", /12–16/);
    expectPlanError(() => generatePlan({ ...base, startDate: "2026-02-29" }), "startDate", /real date/);
    expectPlanError(() => generatePlan({ ...base, startTime: "9:30" }), "startTime", /time like 09:30/);
  });
});

describe("raising the ending early [S4]: more than 4 sessions before the end needs a reason", () => {
  it.each([
    // total, next session, early?
    [12, 10, false], // the plan's start with a lead of 2
    [12, 8, false], // a lead of 4: 4 sessions before the end, still on time
    [12, 7, true], // 5 before the end
    [12, 1, true],
    [16, 12, false],
    [16, 11, true],
    [8, 4, false], // a short course: 4 before the end
  ])("%i sessions, raised before session %i: early = %s", (total, next, early) => {
    expect(endingIsEarly(total, next)).toBe(early);
  });
});
