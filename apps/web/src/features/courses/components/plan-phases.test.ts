import type { AgendaItem, SessionSummary } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { itemsBeyondUsual, phasePlans } from "./plan-phases";

const item = (text: string): AgendaItem => ({
  key: text,
  text,
  kind: "phase_task",
  sources: [],
  done: false,
});

function session(
  number: number,
  phase: SessionSummary["phase"],
  status: SessionSummary["status"] = "planned",
) {
  return { id: `s${number}`, number, phase, status } as SessionSummary;
}

describe("the printable plan's phases", () => {
  const agendas: Record<string, AgendaItem[]> = {
    s1: [item("Review symptoms"), item("Name the diagnosis")],
    s2: [item("Review symptoms"), item("Interpersonal inventory")],
    s3: [item("Review symptoms"), item("Agree the problem area")],
    s4: [item("Review symptoms"), item("Work on the dispute")],
    s5: [item("Review symptoms"), item("Work on the dispute")],
    s6: [item("Review the course")],
  };
  const sessions = [
    session(1, "initial"),
    session(2, "initial"),
    session(3, "initial"),
    session(4, "middle"),
    session(5, "middle", "cancelled"),
    session(6, "termination"),
  ];
  const plans = phasePlans(sessions, (id) => agendas[id] ?? []);

  it("groups consecutive sessions by phase, leaving cancelled sessions out", () => {
    expect(plans.map((plan) => [plan.phase, plan.sessions.map((s) => s.number)])).toEqual([
      ["initial", [1, 2, 3]],
      ["middle", [4]],
      ["termination", [6]],
    ]);
  });

  it("keeps as usual only what every session of the phase has; one session keeps its whole agenda", () => {
    expect(plans.map((plan) => plan.usual.map((entry) => entry.text))).toEqual([
      ["Review symptoms"],
      ["Review symptoms", "Work on the dispute"],
      ["Review the course"],
    ]);
  });

  it("lists per session only what differs from its phase", () => {
    const [initial] = plans;
    expect(itemsBeyondUsual(agendas.s2 ?? [], initial?.usual ?? []).map((entry) => entry.text)).toEqual([
      "Interpersonal inventory",
    ]);
    expect(itemsBeyondUsual(agendas.s6 ?? [], plans[2]?.usual ?? [])).toEqual([]);
  });
});
