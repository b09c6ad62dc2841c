import { caseloadEntry, type CaseloadEntry } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { rowsByHeader, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { sessionWhenOn } from "../../../test/session-when";
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
    nextSession: { number: 9, ...sessionWhenOn("2026-03-02", "14:30"), phase: "middle" },
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
  renderWithProviders(<CaseloadTable entries={entries} />);
  return rowsByHeader(screen.getByRole("table", { name: "Clients" }));
}

describe("caseload measure columns", () => {
  it("puts the flags right after the client, then the phase, the next session and the measures", () => {
    renderWithProviders(<CaseloadTable entries={[entry({})]} />);
    const table = screen.getByRole("table", { name: "Clients" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toEqual([
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

  it("shows the next session's date and time of day, marked up with the instant it starts", () => {
    const cell = rowsOf([entry({})])[0]!["Next session"]!;
    expect(textOf(cell)).toContain("Mon, 2 Mar 2026, 14:30");
    expect(cell.querySelector("time")?.getAttribute("datetime")).toBe("2026-03-02T14:30:00.000Z");
  });

  it("shows the phase with the sessions held so far", () => {
    const [row] = rowsOf([entry({})]);
    expect(textOf(row?.Phase)).toBe("Middle phase 8 of 12 held");
  });

  it("shows score, band and session, the change with its percentage, and the outcome status", () => {
    const [row] = rowsOf([entry({})]);
    expect(textOf(row?.["Latest PHQ-9"])).toBe("10 Moderate Session 8");
    expect(textOf(row?.["Change from baseline"])).toBe("−8 (44.4% lower)");
    expect(textOf(row?.Outcome)).toBe("Partial response");
  });

  it("shows the red risk flag first, in red and in words", () => {
    const [row] = rowsOf([entry({})]);
    const badges = within(row?.Flags as HTMLElement).getAllByRole("listitem");
    expect(badges[0]?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(textOf(badges[0])).toBe("Urgent: PHQ-9 item 9");
    expect(textOf(badges[1])).toBe("Review: Ending not raised");
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
        id: "0b6f9a52-3c1e-4d7a-8f2b-5e4c3d2a1b03",
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
      entry({
        id: "0b6f9a52-3c1e-4d7a-8f2b-5e4c3d2a1b04",
        course: null,
        nextSession: null,
        measures: null,
        flags: [],
      }),
    ]);
    expect(textOf(baselineOnly?.["Change from baseline"])).toBe("Baseline only");
    expect(textOf(noScores?.["Latest PHQ-9"])).toBe("None");
    expect(textOf(noScores?.Outcome)).toBe("No scores yet");
    expect(textOf(noCourse?.["Latest PHQ-9"])).toBe("None");
    expect(textOf(noCourse?.Outcome)).toBe("None");
    expect(textOf(noCourse?.Flags)).toBe("None");
  });
});

describe("the crisis steps from the caseload", () => {
  const crisisSteps = (clientName: string) => <button type="button">Crisis steps for {clientName}</button>;

  it("puts the page's crisis steps under a red flag's badge, in the always-shown flags column", () => {
    renderWithProviders(
      <CaseloadTable
        entries={[
          entry({}),
          entry({
            id: "0b6f9a52-3c1e-4d7a-8f2b-5e4c3d2a1b05",
            displayName: "Client B (invented)",
            flags: [
              {
                code: "termination_not_raised",
                severity: "amber",
                message: "Raise the ending.",
                sources: ["S4"],
              },
            ],
          }),
        ]}
        crisisSteps={crisisSteps}
      />,
    );
    const [red, amber] = rowsByHeader(screen.getByRole("table", { name: "Clients" }));
    expect(
      within(red!.Flags!).getByRole("button", { name: "Crisis steps for Client A (invented)" }),
    ).toBeTruthy();
    expect(within(amber!.Flags!).queryByRole("button")).toBeNull();
    expect(screen.getAllByRole("button", { name: /Crisis steps/ })).toHaveLength(1);
  });

  it("shows no crisis steps when the page gives none", () => {
    renderWithProviders(<CaseloadTable entries={[entry({})]} />);
    expect(screen.queryByText(/Crisis steps/)).toBeNull();
  });
});
