// Group IPT (WHO): each rule with the sources it rests on (and "synthesis" or "choice" where it is ours).
import { describe, expect, it } from "vitest";
import {
  generateGroupMemberPlan,
  generateGroupPlan,
  GROUP_IPT,
  groupScheduleErrors,
  groupSlotFor,
  type GroupScheduleInput,
} from "./group";
import { addDays } from "../dates";
import { PlanRuleError } from "./plan-error";
import { sourceTags, type SourceTag } from "./sources";
import { slotTemplateItems } from "./templates";

const schedule: GroupScheduleInput = {
  lineage: "weissman",
  groupSessions: 8,
  startDate: "2026-02-02",
  weekday: 1,
  startTime: "14:00",
  durationMinutes: 90,
};

describe("the group's sessions and phases [S22d]", () => {
  it.each<[number, number, string, string, SourceTag[]]>([
    [1, 8, "initial", "group-initial", ["S22d"]],
    [2, 8, "middle", "group-middle", ["S22d"]],
    [7, 8, "middle", "group-middle", ["S22d"]],
    [8, 8, "termination", "group-final", ["S22d"]],
    // More than 8 sessions (project choice): still the first initial and the last termination.
    [15, 16, "middle", "group-middle", ["S22d"]],
    [16, 16, "termination", "group-final", ["S22d"]],
  ])("group session %i of %i is %s (%s)", (number, total, phase, slot, sources) => {
    expect(groupSlotFor(number, total)).toEqual({ phase, slot });
    const tags = slotTemplateItems(groupSlotFor(number, total).slot, "standard", "weissman").flatMap(
      (item) => item.sources,
    );
    for (const tag of sources) expect(tags).toContain(tag);
  });

  it("refuses a session outside the group", () => {
    expect(() => groupSlotFor(9, 8)).toThrow(PlanRuleError);
    expect(() => groupSlotFor(0, 8)).toThrow(PlanRuleError);
  });
});

describe("the group schedule (WHO 8 sessions [S22a][S22d]; 8–16 and 60–120 min a project choice)", () => {
  it.each<[string, { groupSessions: number; sessionMinutes: number }, string[]]>([
    ["the WHO format", { groupSessions: 8, sessionMinutes: 90 }, []],
    ["16 sessions (the Uganda trial's length)", { groupSessions: 16, sessionMinutes: 90 }, []],
    ["7 sessions", { groupSessions: 7, sessionMinutes: 90 }, ["groupSessions"]],
    ["17 sessions", { groupSessions: 17, sessionMinutes: 90 }, ["groupSessions"]],
    ["45-minute sessions", { groupSessions: 8, sessionMinutes: 45 }, ["sessionMinutes"]],
    ["both wrong", { groupSessions: 2, sessionMinutes: 200 }, ["groupSessions", "sessionMinutes"]],
  ])("%s", (_, input, fields) => {
    expect(groupScheduleErrors(input).map((error) => error.field)).toEqual(fields);
  });

  it("cites sources that exist", () => {
    for (const tag of GROUP_IPT.sources) expect(sourceTags[tag]).toBeTruthy();
  });
});

describe("generating the group's plan", () => {
  const plan = generateGroupPlan(schedule);

  it("has 8 weekly group sessions from the first Monday, at the group's time", () => {
    expect(plan.map((session) => session.plannedDate)).toEqual([
      "2026-02-02",
      "2026-02-09",
      "2026-02-16",
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
    ]);
    expect(plan.every((session) => session.startTime === "14:00" && session.durationMinutes === 90)).toBe(
      true,
    );
    expect(plan.map((session) => session.phase)).toEqual([
      "initial",
      ...Array<string>(6).fill("middle"),
      "termination",
    ]);
  });

  it("gives every agenda item a source, and no member's problem area on the group's own agenda", () => {
    for (const session of plan) {
      expect(session.agenda.length).toBeGreaterThan(0);
      for (const item of session.agenda) {
        expect(item.sources.length, item.key).toBeGreaterThan(0);
        expect(item.key.startsWith("middle.area"), item.key).toBe(false);
        expect(item.done).toBe(false);
      }
    }
  });

  it.each<[string, Partial<GroupScheduleInput>, string]>([
    ["too few sessions", { groupSessions: 4 }, "groupSessions"],
    ["an impossible date", { startDate: "2026-02-30" }, "startDate"],
    ["an impossible time", { startTime: "25:00" }, "startTime"],
  ])("refuses %s, naming the field", (_, change, field) => {
    let thrown: unknown;
    try {
      generateGroupPlan({ ...schedule, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanRuleError);
    expect((thrown as PlanRuleError).field).toBe(field);
  });
});

describe("a member's own plan", () => {
  const member = generateGroupMemberPlan({
    ...schedule,
    primaryArea: "role_transition",
    disputeStage: null,
    sensitivity: false,
  });

  it("is the pre-group meeting, the 8 group sessions and the closing meeting [S22d][S17a]", () => {
    expect(member.map((session) => session.slot)).toEqual([
      "group-pre",
      "group-initial",
      ...Array<string>(6).fill("group-middle"),
      "group-final",
      "group-closing",
    ]);
    expect(member.map((session) => session.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(member.map((session) => session.groupNumber)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, null]);
    // A week before the first group session and a week after the last (project choice).
    expect(member[0]?.plannedDate).toBe("2026-01-26");
    expect(member[9]?.plannedDate).toBe("2026-03-30");
  });

  it.each<[string, string, SourceTag[]]>([
    ["group-pre", "group-pre.symptom-inventory", ["S22d"]],
    ["group-pre", "group-pre.problem-area", ["S22a", "S22d"]],
    ["group-pre", "group-pre.contract", ["S17a"]],
    ["group-middle", "group-middle.homework", ["S22d"]],
    ["group-final", "group-final.referral", ["S22d"]],
    ["group-closing", "group-closing.review", ["S17a", "S17c"]],
  ])("the %s agenda has %s citing its sources", (slot, key, sources) => {
    const session = member.find((s) => s.slot === slot);
    const item = session?.agenda.find((i) => i.key === key);
    expect(item, key).toBeDefined();
    for (const tag of sources) expect(item?.sources).toContain(tag);
  });

  it("carries the member's own problem area into their middle group sessions only", () => {
    const middle = member.filter((session) => session.slot === "group-middle");
    for (const session of middle) {
      expect(session.agenda.some((item) => item.key.startsWith("middle.area.role_transition"))).toBe(true);
    }
    const others = member.filter((session) => session.slot !== "group-middle");
    for (const session of others) {
      expect(session.agenda.some((item) => item.key.startsWith("middle.area"))).toBe(false);
    }
  });

  it("starts at a later group session for a member who joins late", () => {
    const late = generateGroupMemberPlan({
      ...schedule,
      primaryArea: null,
      disputeStage: null,
      sensitivity: false,
      fromGroupSession: 3,
    });
    expect(late.map((session) => session.groupNumber)).toEqual([null, 3, 4, 5, 6, 7, 8, null]);
    expect(late[0]?.plannedDate).toBe("2026-02-09");
  });
});

describe("IPT-G's mid-treatment individual meeting (an option; the WHO format has none)", () => {
  const base = { ...schedule, primaryArea: null, disputeStage: null, sensitivity: false };

  it.each<[string, number, number | undefined, (number | null)[], SourceTag[]]>([
    // IPT-G: between sessions 10 and 11 of 20 [S17a]; here after ⌊N/2⌋ (project choice for 8–16).
    ["8 sessions: after group session 4", 8, undefined, [null, 1, 2, 3, 4, null, 5, 6, 7, 8, null], ["S17a"]],
    [
      "16 sessions: after group session 8",
      16,
      undefined,
      [null, ...range(1, 8), null, ...range(9, 16), null],
      ["S17a"],
    ],
    ["joined at session 3: still after 4", 8, 3, [null, 3, 4, null, 5, 6, 7, 8, null], ["S17a"]],
    ["joined after it: none", 8, 5, [null, 5, 6, 7, 8, null], []],
  ])("%s", (_, groupSessions, fromGroupSession, groupNumbers, sources) => {
    const plan = generateGroupMemberPlan({ ...base, groupSessions, fromGroupSession, midGroupMeeting: true });
    expect(plan.map((session) => session.groupNumber)).toEqual(groupNumbers);
    expect(plan.map((session) => session.number)).toEqual(range(1, plan.length));
    const mid = plan.find((session) => session.slot === "group-mid");
    expect(mid === undefined).toBe(sources.length === 0);
    if (mid) {
      // A few days after the group session before it (project choice), in the middle phase.
      const before = plan[plan.indexOf(mid) - 1];
      expect(mid.phase).toBe("middle");
      expect(mid.plannedDate).toBe(addDays(before?.plannedDate ?? "", GROUP_IPT.midMeetingDaysAfter));
      for (const tag of sources) {
        expect(
          mid.agenda.some((item) => item.key === "group-mid.progress" && item.sources.includes(tag)),
        ).toBe(true);
      }
    }
  });

  it("is not there unless asked for", () => {
    expect(generateGroupMemberPlan(base).some((session) => session.slot === "group-mid")).toBe(false);
    for (const tag of GROUP_IPT.midMeetingSources) expect(sourceTags[tag]).toBeTruthy();
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
