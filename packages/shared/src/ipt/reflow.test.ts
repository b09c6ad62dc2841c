import { describe, expect, it } from "vitest";
import { PlanRuleError } from "./plan-error";
import {
  generatePlan,
  nextSessionDate,
  reflowPlan,
  type GeneratePlanInput,
  type ReflowInput,
  type ReflowSession,
} from "./plan";
import type { AgendaItem } from "./templates";
import type { SessionStatus } from "./vocabulary";

const course: GeneratePlanInput = {
  format: "standard",
  lineage: "weissman",
  total: 12,
  startDate: "2026-03-02",
  weekday: 1,
  startTime: "09:00",
  durationMinutes: 50,
  frequency: "weekly",
  lead: 2,
  primaryArea: "role_transition",
  disputeStage: null,
  sensitivity: false,
};

const customItem: AgendaItem = {
  key: "custom.1",
  text: "Ask about the new flat",
  kind: "custom",
  sources: [],
  done: false,
};

/** A stored course as the API would hold it: ids s1…sN, the first `held` sessions held. */
function storedCourse(input: GeneratePlanInput, held = 0): ReflowSession[] {
  return generatePlan(input).map((session) => ({
    id: `s${session.number}`,
    status: session.number <= held ? "held" : "planned",
    plannedDate: session.plannedDate,
    startTime: session.startTime,
    createdOrder: session.number,
    number: session.number,
    phase: session.phase,
    slot: session.slot,
    agenda: session.agenda,
  }));
}

function reflowInput(input: GeneratePlanInput, sessions: ReflowSession[]): ReflowInput {
  const {
    total: _total,
    startDate: _startDate,
    weekday: _weekday,
    startTime: _startTime,
    durationMinutes: _durationMinutes,
    ...context
  } = input;
  return { ...context, sessions };
}

function appended(sessions: ReflowSession[], id: string): ReflowSession {
  const last = sessions.at(-1);
  if (!last) throw new Error("no sessions");
  return {
    id,
    status: "planned",
    plannedDate: nextSessionDate(last.plannedDate, "weekly", 1),
    startTime: "09:00",
    createdOrder: sessions.length + 1,
    number: null,
    phase: null,
    slot: null,
    agenda: [],
  };
}

const withStatus = (session: ReflowSession, status: SessionStatus): ReflowSession => ({ ...session, status });
const byId = <T extends { id: string }>(sessions: T[], id: string): T => {
  const found = sessions.find((session) => session.id === id);
  if (!found) throw new Error(`no session ${id}`);
  return found;
};

describe("reflowPlan", () => {
  it("changes nothing on an unedited plan", () => {
    const result = reflowPlan(reflowInput(course, storedCourse(course, 3)));
    expect(result.map((s) => s.changed)).toEqual(Array(12).fill(false));
    expect(result.map((s) => s.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("appends an added session and moves termination one session later", () => {
    const sessions = storedCourse(course, 3);
    sessions[11] = { ...sessions[11]!, agenda: [...sessions[11]!.agenda, customItem] };
    const result = reflowPlan(reflowInput(course, [...sessions, appended(sessions, "s13")]));

    expect(result.map((s) => s.id)).toEqual(Array.from({ length: 13 }, (_, i) => `s${i + 1}`));
    expect(result.map((s) => s.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(result.slice(9).map((s) => [s.slot, s.phase])).toEqual([
      ["middle", "middle"],
      ["raise-ending", "termination"],
      ["termination", "termination"],
      ["final", "termination"],
    ]);
    expect(result.map((s) => s.changed)).toEqual([...Array<boolean>(9).fill(false), true, true, true, true]);
    expect(byId(result, "s13").plannedDate).toBe("2026-05-25");
    expect(byId(result, "s13").agenda[0]?.key).toBe("final.final-rating");
    // s10 was raise-ending and is a middle session again; s12 was final and keeps its custom item last.
    expect(byId(result, "s10").agenda.some((item) => item.key === "middle.area.role_transition.roles")).toBe(
      true,
    );
    const s12 = byId(result, "s12").agenda;
    expect(s12[0]?.key).toBe("termination.since-last");
    expect(s12.at(-1)).toEqual(customItem);
    expect(s12.filter((item) => item.key.startsWith("final."))).toEqual([]);
  });

  it("keeps the agenda of held sessions even when their slot changes", () => {
    const sessions = storedCourse(course, 10);
    const result = reflowPlan(reflowInput(course, [...sessions, appended(sessions, "s13")]));
    const s10 = byId(result, "s10");
    expect(s10.slot).toBe("middle");
    expect(s10.phase).toBe("middle");
    expect(s10.agenda).toBe(sessions[9]!.agenda);
    expect(s10.changed).toBe(true);
  });

  it("closes up numbers after a planned session is dropped, moving phases and keeping custom items", () => {
    const thirteen = { ...course, total: 13 };
    const sessions = storedCourse(thirteen, 1);
    sessions[3] = { ...sessions[3]!, agenda: [...sessions[3]!.agenda, customItem] };
    const remaining = sessions.filter((session) => session.id !== "s2");
    const result = reflowPlan(reflowInput(thirteen, remaining));

    expect(result.map((s) => s.id)).toEqual(["s1", ...Array.from({ length: 11 }, (_, i) => `s${i + 3}`)]);
    expect(result.map((s) => s.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const s3 = byId(result, "s3");
    expect([s3.number, s3.slot, s3.phase]).toEqual([2, "initial-2", "initial"]);
    expect(s3.agenda[0]?.key).toBe("initial-2.inventory");
    // s4 moves from the middle phase back into the initial phase: new template, custom item kept last.
    const s4 = byId(result, "s4");
    expect([s4.number, s4.slot, s4.phase]).toEqual([3, "initial-3", "initial"]);
    expect(s4.agenda.map((item) => item.key)).toEqual([
      "initial-3.formulation",
      "initial-3.agreement",
      "initial-3.contract",
      "initial-3.start-focus",
      "custom.1",
    ]);
    // Termination now starts at 12 − 2 = 10, which is s11.
    expect([byId(result, "s11").number, byId(result, "s11").slot]).toEqual([10, "raise-ending"]);
    expect(byId(result, "s1").changed).toBe(false);
    expect(byId(result, "s6").changed).toBe(true);
    expect(byId(result, "s6").agenda).toBe(remaining[4]!.agenda);
  });

  it("moves the IPT-A middle parent item to whichever session becomes the first middle session", () => {
    const ipta = { ...course, format: "ipt_a" as const, total: 13 };
    const sessions = storedCourse(ipta, 1).filter((session) => session.id !== "s2");
    const result = reflowPlan(reflowInput(ipta, sessions));
    const s5 = byId(result, "s5");
    expect([s5.number, s5.slot]).toEqual([4, "middle"]);
    expect(s5.agenda.map((item) => item.key)).toContain("middle.parent");
    expect(s5.changed).toBe(true);
    expect(byId(result, "s6").agenda.map((item) => item.key)).not.toContain("middle.parent");
  });

  it("unnumbers a cancelled session, renumbers later ones and keeps the total with a replacement", () => {
    const sessions = storedCourse(course, 4);
    sessions[4] = withStatus(sessions[4]!, "cancelled");
    const result = reflowPlan(reflowInput(course, [...sessions, appended(sessions, "s13")]));

    expect(result).toHaveLength(13);
    const s5 = byId(result, "s5");
    expect(s5).toEqual({
      id: "s5",
      number: null,
      phase: null,
      slot: "middle",
      agenda: sessions[4].agenda,
      plannedDate: "2026-03-30",
      changed: true,
    });
    expect(result.filter((s) => s.number !== null).map((s) => s.id)).toEqual([
      "s1",
      "s2",
      "s3",
      "s4",
      "s6",
      "s7",
      "s8",
      "s9",
      "s10",
      "s11",
      "s12",
      "s13",
    ]);
    expect(result.filter((s) => s.number !== null).map((s) => s.number)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect([byId(result, "s6").number, byId(result, "s12").slot, byId(result, "s13").slot]).toEqual([
      5,
      "termination",
      "final",
    ]);
    expect(byId(result, "s4").changed).toBe(false);
  });

  it("leaves an already-cancelled session unchanged", () => {
    const sessions = storedCourse(course, 4);
    sessions[4] = { ...withStatus(sessions[4]!, "cancelled"), number: null, phase: null };
    const first = reflowPlan(reflowInput(course, [...sessions, appended(sessions, "s13")]));
    expect(byId(first, "s5").changed).toBe(false);
  });

  it("refuses a cancellation without a replacement when it drops the course below its minimum", () => {
    const sessions = storedCourse(course, 4);
    sessions[4] = withStatus(sessions[4]!, "cancelled");
    expect(() => reflowPlan(reflowInput(course, sessions))).toThrow(PlanRuleError);
    try {
      reflowPlan(reflowInput(course, sessions));
    } catch (error) {
      expect((error as PlanRuleError).field).toBe("sessions");
      expect((error as PlanRuleError).message).toBe("Standard IPT has 12–16 sessions; this plan has 11.");
    }
  });

  it("counts no-shows as sessions", () => {
    const sessions = storedCourse(course, 4);
    sessions[3] = withStatus(sessions[3]!, "no_show");
    const result = reflowPlan(reflowInput(course, sessions));
    expect(byId(result, "s4").number).toBe(4);
    expect(result.every((s) => !s.changed)).toBe(true);
  });

  it("refuses to add a session to IPT-B", () => {
    const iptb = { ...course, format: "ipt_b" as const, total: 9 };
    const sessions = storedCourse(iptb);
    expect(() => reflowPlan(reflowInput(iptb, [...sessions, appended(sessions, "s10")]))).toThrow(
      "Brief IPT (IPT-B) has exactly 9 sessions; this plan has 10.",
    );
  });

  it("renumbers by date after a reschedule changes the order", () => {
    const sessions = storedCourse(course, 3);
    // s6 moves to the day after s8.
    sessions[5] = { ...sessions[5]!, plannedDate: "2026-04-21" };
    const result = reflowPlan(reflowInput(course, sessions));
    expect(result.map((s) => s.id).slice(4, 9)).toEqual(["s5", "s7", "s8", "s6", "s9"]);
    expect([byId(result, "s7").number, byId(result, "s8").number, byId(result, "s6").number]).toEqual([
      6, 7, 8,
    ]);
    // All three stay middle sessions: same slot, same agenda, new numbers.
    expect(byId(result, "s6").agenda).toBe(sessions[5].agenda);
    expect(result.filter((s) => s.changed).map((s) => s.id)).toEqual(["s7", "s8", "s6"]);
  });

  it("swaps slots when a reschedule moves a middle session past the raise-ending session", () => {
    const sessions = storedCourse(course, 3);
    sessions[8] = { ...sessions[8]!, plannedDate: "2026-05-05" }; // s9 to the day after s10
    const result = reflowPlan(reflowInput(course, sessions));
    expect([byId(result, "s10").number, byId(result, "s10").slot]).toEqual([9, "middle"]);
    expect([byId(result, "s9").number, byId(result, "s9").slot]).toEqual([10, "raise-ending"]);
    expect(byId(result, "s9").agenda.map((item) => item.key)).toContain("raise-ending.raise");
    expect(byId(result, "s10").agenda.map((item) => item.key)).toContain("middle.area.role_transition.roles");
  });

  it("orders sessions on the same date by time of day, whatever their creation order", () => {
    const sessions = storedCourse(course, 3);
    // s7 moves to s6's date, earlier in the day: it comes first although created later.
    sessions[6] = { ...sessions[6]!, plannedDate: sessions[5]!.plannedDate, startTime: "08:00" };
    const result = reflowPlan(reflowInput(course, sessions));
    expect([byId(result, "s7").number, byId(result, "s6").number]).toEqual([6, 7]);
    sessions[6] = { ...sessions[6], startTime: "17:30" };
    const later = reflowPlan(reflowInput(course, sessions));
    expect([byId(later, "s6").number, byId(later, "s7").number]).toEqual([6, 7]);
  });

  it("orders sessions on the same date and time by creation order", () => {
    const sessions = storedCourse(course, 3);
    sessions[6] = { ...sessions[6]!, plannedDate: sessions[5]!.plannedDate, createdOrder: 20 };
    sessions[5] = { ...sessions[5]!, createdOrder: 21 };
    const result = reflowPlan(reflowInput(course, sessions));
    expect([byId(result, "s7").number, byId(result, "s6").number]).toEqual([6, 7]);
  });

  it("rejects a session with an invalid date", () => {
    const sessions = storedCourse(course);
    sessions[2] = { ...sessions[2]!, plannedDate: "2026-04-31" };
    expect(() => reflowPlan(reflowInput(course, sessions))).toThrow(/real date/);
  });
});
