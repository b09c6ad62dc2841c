import { caseloadEntry, type CaseloadEntry } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { CaseloadTable } from "./caseload-table";

const entry = (overrides: Partial<CaseloadEntry>): CaseloadEntry =>
  caseloadEntry.parse({
    id: "0b6f9a52-3c1e-4d7a-8f2b-5e4c3d2a1b01",
    displayName: "Client A (invented)",
    status: "active",
    course: {
      id: "0b6f9a52-3c1e-4d7a-8f2b-5e4c3d2a1b02",
      format: "standard",
      phase: "middle",
      sessionsHeld: 8,
      plannedSessions: 12,
    },
    nextSession: { number: 9, plannedDate: "2026-03-02", phase: "middle" },
    measures: {
      latestPhq9: { total: 10, sessionNumber: 8, band: { key: "moderate", label: "Moderate" } },
      latestGad7: { total: 6, sessionNumber: 8, band: { key: "mild", label: "Mild" } },
      phq9Change: -8,
      phq9ReductionPercent: 44.4,
      status: "partial_response",
      statusLabel: "Partial response",
      openRiskFlags: 1,
    },
    flags: [
      { code: "risk_item9", severity: "red", message: "Item 9 above 0.", sources: ["S25l"] },
      { code: "termination_not_raised", severity: "amber", message: "Raise the ending.", sources: ["S4"] },
    ],
    ...overrides,
  });

function rowsOf(entries: CaseloadEntry[]) {
  const html = renderHtml(<CaseloadTable entries={entries} />);
  const headers = elements(elements(html, "thead")[0]?.inner ?? "", "th").map((th) => th.text);
  const rows = elements(elements(html, "tbody")[0]?.inner ?? "", "tr").map((row) => {
    const cells = [...row.inner.matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((cell) => cell[0]);
    return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ""]));
  });
  return { headers, rows };
}

describe("caseload measure columns", () => {
  it("puts the flags right after the client, then the phase, the next session and the measures", () => {
    const { headers } = rowsOf([entry({})]);
    expect(headers).toEqual([
      "Client",
      "Flags",
      "Phase",
      "Next session",
      "Latest PHQ-9",
      "Change from baseline",
      "Outcome",
      "Status",
    ]);
  });

  it("shows score, band and session, the change with its percentage, and the outcome status", () => {
    const [row] = rowsOf([entry({})]).rows;
    expect(textOf(row?.["Latest PHQ-9"] ?? "")).toBe("10 Moderate Session 8");
    expect(textOf(row?.["Change from baseline"] ?? "")).toBe("−8 (44.4% lower)");
    expect(textOf(row?.Outcome ?? "")).toBe("Partial response");
  });

  it("shows the red risk flag first, in red and in words", () => {
    const [row] = rowsOf([entry({})]).rows;
    const badges = elements(row?.Flags ?? "", "li");
    expect(badges[0]?.inner).toContain("badge--flag-red");
    expect(badges[0]?.text).toBe("Urgent: PHQ-9 item 9");
    expect(badges[1]?.text).toBe("Review: Ending not raised");
  });

  it("says what is missing when there are no scores, one score, or no course", () => {
    const [baselineOnly, noScores, noCourse] = rowsOf([
      entry({
        measures: {
          latestPhq9: {
            total: 15,
            sessionNumber: 1,
            band: { key: "moderately_severe", label: "Moderately severe" },
          },
          latestGad7: null,
          phq9Change: null,
          phq9ReductionPercent: null,
          status: "baseline_only",
          statusLabel: "Baseline only",
          openRiskFlags: 0,
        },
        flags: [],
      }),
      entry({
        measures: {
          latestPhq9: null,
          latestGad7: null,
          phq9Change: null,
          phq9ReductionPercent: null,
          status: "no_scores",
          statusLabel: "No scores yet",
          openRiskFlags: 0,
        },
        flags: [],
      }),
      entry({ course: null, nextSession: null, measures: null, flags: [] }),
    ]).rows;
    expect(textOf(baselineOnly?.["Change from baseline"] ?? "")).toBe("Baseline only");
    expect(textOf(noScores?.["Latest PHQ-9"] ?? "")).toBe("None");
    expect(textOf(noScores?.Outcome ?? "")).toBe("No scores yet");
    expect(textOf(noCourse?.["Latest PHQ-9"] ?? "")).toBe("None");
    expect(textOf(noCourse?.Outcome ?? "")).toBe("None");
    expect(textOf(noCourse?.Flags ?? "")).toBe("None");
  });
});
