import { endOfTreatmentSummary, type EndOfTreatmentSummary } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { SummaryDocument } from "./summary-document";

const id = (n: number) => `5a1d7c3e-2b4f-4e6a-9c8d-7f6e5d4c3b${String(n).padStart(2, "0")}`;
const change = (instrument: "phq9" | "gad7", from: number, to: number, percent: number) => ({
  instrument,
  baseline: { sessionNumber: 1, total: from },
  latest: { sessionNumber: 12, total: to },
  change: to - from,
  reductionPercent: percent,
  count: 4,
});
const outcome = {
  status: "response",
  statusLabel: "Response",
  percentRulesApply: true,
  phq9: change("phq9", 18, 7, 61.1),
  gad7: change("gad7", 12, 6, 50),
  hamd17: null,
  indicators: [
    {
      code: "response",
      label: "Response",
      met: true,
      detail: "PHQ-9 18 → 7 (61.1% lower).",
      sources: ["HEDIS"],
    },
    { code: "remission", label: "Remission", met: false, detail: "Latest PHQ-9 is 7.", sources: ["ICSI"] },
    {
      code: "hamd17_remission",
      label: "HAM-D-17 remission",
      met: null,
      detail: "No HAM-D-17 scores.",
      sources: ["S25i"],
    },
  ],
};

const fixture = (overrides: Partial<EndOfTreatmentSummary> = {}): EndOfTreatmentSummary =>
  endOfTreatmentSummary.parse({
    course: {
      id: id(1),
      sequence: 1,
      format: "standard",
      lineage: "weissman",
      phase: "completed",
      plannedSessions: 12,
      startDate: "2026-01-05",
      endedOn: "2026-03-30",
      outcome: "completed",
      outcomeReason: null,
      primaryArea: "role_dispute",
      secondaryArea: null,
      disputeStage: "impasse",
      sensitivityModifier: false,
      formulation: "Invented formulation text.",
    },
    client: { id: id(2), displayName: "Client B (invented)" },
    therapist: { id: id(3), name: "Dr Invented Therapist", email: "therapist@example.test" },
    sessions: { held: 11, noShow: 1, cancelled: 1, planned: 12 },
    firstHeldOn: "2026-01-05",
    lastHeldOn: "2026-03-30",
    measures: { phq9: outcome.phq9, gad7: outcome.gad7, hamd17: null },
    baselineBands: {
      phq9: { key: "moderately_severe", label: "Moderately severe" },
      gad7: { key: "moderate", label: "Moderate" },
      hamd17: null,
    },
    finalBands: { phq9: { key: "mild", label: "Mild" }, gad7: { key: "mild", label: "Mild" }, hamd17: null },
    outcome,
    techniques: [{ technique: "communication_analysis", sessions: 6 }],
    termination: {
      raisedAt: "2026-03-09T10:00:00.000Z",
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: false,
      relapsePlan: "Invented relapse plan.",
      nextStep: "maintenance_offered",
    },
    riskFlags: { raised: 1, open: 0 },
    generatedAt: "2026-03-31T09:00:00.000Z",
    ...overrides,
  });

/** The text of the first table row that starts with `name`. */
const rowOf = (name: string) =>
  screen
    .getAllByRole("row")
    .map(textOf)
    .find((text) => text.startsWith(name)) ?? "";

const renderSummary = (summary = fixture()) => renderWithProviders(<SummaryDocument summary={summary} />);

describe("end-of-treatment summary", () => {
  it("has its heading, a Print button that prints, and no provisional note once the course has ended", async () => {
    // happy-dom has no print dialog: stand one in to see the button asks for it.
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const { container, user } = renderSummary();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("End-of-treatment summary");
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Print"]);
    expect(textOf(container)).not.toContain("Provisional");
    expect(screen.getAllByRole("heading", { level: 2 }).map(textOf)).toEqual([
      "Course",
      "Problem area and formulation",
      "Work done",
      "Scores",
      "Outcome",
      "Ending",
      "Risk flags",
      "Sources",
    ]);
    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
  });

  it("gives client, therapist, dates, attendance, focus and work done", () => {
    const text = textOf(renderSummary().container);
    expect(text).toContain("Client Client B (invented)");
    expect(text).toContain("Therapist Dr Invented Therapist");
    expect(text).toContain("Ended Mon, 30 Mar 2026 (completed)");
    expect(text).toContain("Sessions 11 held of 12 planned; 1 did not attend; 1 cancelled");
    expect(text).toMatch(/Primary problem area [^(]+\(impasse\)/);
    expect(text).toContain("Formulation Invented formulation text.");
    expect(text).toContain("Communication analysis 6");
  });

  it("shows baseline and final scores with bands, and each outcome definition with its result and sources", () => {
    const { container } = renderSummary();
    expect(rowOf("PHQ-9")).toBe(
      "PHQ-9 18 (Moderately severe) Session 1 7 (Mild) Session 12 −11 (61.1% lower) 4",
    );
    expect(rowOf("HAM-D-17 ")).toBe("HAM-D-17 Not recorded Not recorded — 0");
    expect(textOf(container)).toContain("Outcome status Response");
    expect(rowOf("Response")).toBe("Response Sources: [HEDIS] Met PHQ-9 18 → 7 (61.1% lower).");
    expect(rowOf("Remission")).toContain("Not met");
    expect(rowOf("HAM-D-17 remission")).toContain("Not applicable");
  });

  it("gives the ending checklist, relapse plan, next step and risk flags", () => {
    const text = textOf(renderSummary().container);
    expect(text).toContain("Progress reviewed Yes");
    expect(text).toContain("Feelings about ending discussed No");
    expect(text).toContain("Warning signs and relapse plan Invented relapse plan.");
    expect(text).toContain("Next step Maintenance offered under a new contract");
    expect(text).toContain("Raised during the course 1 Still open None");
  });

  it("is marked provisional while the course is running, and shows open risk flags as urgent", () => {
    const running = fixture({ riskFlags: { raised: 2, open: 1 } });
    running.course = { ...running.course, phase: "middle", endedOn: null, outcome: null };
    const { container } = renderSummary(running);
    expect(textOf(container)).toContain("Provisional: this course has not ended.");
    expect(textOf(container)).toContain("Still open ! Urgent: 1 open");
    expect(screen.getByText("Urgent: 1 open").classList.contains("text-risk")).toBe(true);
  });
});
