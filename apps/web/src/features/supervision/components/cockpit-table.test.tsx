import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { rowsByHeader, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { nonResponseRow, quietRow, riskRow } from "../test-fixtures";
import { CockpitTable, overdueItems } from "./cockpit-table";

type Rows = Parameters<typeof CockpitTable>[0]["rows"];

const CAPTION = "Active clients of your supervisees, most urgent first";

function tableOf(items: Rows) {
  const { unmount } = renderWithProviders(<CockpitTable rows={items} />);
  const table = screen.getByRole("table", { name: CAPTION });
  const cells = rowsByHeader(table);
  const rows = within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row, index) => ({ row, cell: cells[index] as Record<string, HTMLElement> }));
  return { table, rows, unmount };
}

const listed = (cell: HTMLElement | undefined) => within(cell as HTMLElement).getAllByRole("listitem");

describe("supervisor's cockpit table", () => {
  it("has a caption, scoped column headers with the flags right after the client, and one row header per client", () => {
    const { table } = tableOf([riskRow]);
    expect(within(table).getAllByRole("columnheader").map(textOf)).toEqual([
      "Client",
      "Flags",
      "Phase",
      "Session",
      "Therapist",
      "Overdue",
      "Latest PHQ-9",
      "Change from baseline",
      "Outcome",
      "Last activity",
    ]);
    expect(table.querySelectorAll('th[scope="col"]')).toHaveLength(10);
    expect(within(table).getAllByRole("rowheader")).toHaveLength(1);
  });

  it("keeps the urgency order the API gives (it never re-sorts)", () => {
    const clients = (items: Rows) => {
      const { rows, unmount } = tableOf(items);
      // The first link of the row header names the client (the folded columns follow it).
      const texts = rows.map(({ cell }) =>
        textOf(within(cell.Client as HTMLElement).getAllByRole("link")[0]),
      );
      unmount();
      return texts;
    };
    expect(clients([riskRow, nonResponseRow, quietRow])).toEqual([
      "Review Client 1 (invented)",
      "Review Client 2 (invented)",
      "Review Client 3 (invented)",
    ]);
    expect(clients([quietRow, riskRow])[0]).toContain("Client 3 (invented)");
  });

  it("shows an open risk flag first, in red and in words, and marks the row", () => {
    const [risk, nonResponse] = tableOf([riskRow, nonResponseRow]).rows;
    const badges = listed(risk?.cell.Flags);
    expect(badges[0]?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(textOf(badges[0])).toBe("Urgent: PHQ-9 item 9");
    expect(textOf(badges[1])).toBe("Review: Measures due");
    expect(risk?.row.classList.contains("row--risk")).toBe(true);
    expect(nonResponse?.row.classList.contains("row--risk")).toBe(false);
    expect(nonResponse?.cell.Flags?.querySelector(".badge--flag-red")).toBeNull();
    expect(listed(nonResponse?.cell.Flags).map(textOf)).toEqual([
      "Review: Early non-response",
      "Review: Ending not raised",
    ]);
  });

  it("lists what is overdue in words", () => {
    const [risk, nonResponse, quiet] = tableOf([riskRow, nonResponseRow, quietRow]).rows;
    expect(listed(risk?.cell.Overdue).map(textOf)).toEqual(["Measures overdue", "2 unsigned sessions"]);
    expect(listed(nonResponse?.cell.Overdue).map(textOf)).toEqual([
      "1 unsigned session",
      "Ending not raised",
    ]);
    expect(textOf(quiet?.cell.Overdue)).toBe("None");
    expect(overdueItems({ measures: true, unsignedSessions: 3, terminationNotRaised: true })).toEqual([
      "Measures overdue",
      "3 unsigned sessions",
      "Ending not raised",
    ]);
  });

  it("shows where the course stands: therapist, phase, session n of N, PHQ-9, change, outcome, last activity", () => {
    const [risk, , quiet] = tableOf([riskRow, nonResponseRow, quietRow]).rows;
    expect(textOf(risk?.cell.Therapist)).toBe("Therapist B (invented)");
    expect(textOf(risk?.cell.Phase)).toBe("Middle phase");
    expect(textOf(risk?.cell.Session)).toBe("5 of 12");
    expect(textOf(risk?.cell["Latest PHQ-9"])).toBe(
      "18 Moderately severe Session 4 Scores and risk for Client 1 (invented)",
    );
    expect(textOf(risk?.cell["Change from baseline"])).toBe("+2 (12.5% higher)");
    expect(textOf(risk?.cell.Outcome)).toBe("No response");
    expect(risk?.cell["Last activity"]?.querySelector("time")?.dateTime).toBe("2026-03-02T10:00:00.000Z");
    expect(textOf(risk?.cell["Last activity"])).toMatch(/2026/);

    expect(textOf(quiet?.cell.Phase)).toBe("Initial phase");
    expect(textOf(quiet?.cell.Session)).toBe("0 of 16");
    expect(textOf(quiet?.cell["Latest PHQ-9"])).toBe("None Scores and risk for Client 3 (invented)");
    expect(textOf(quiet?.cell["Change from baseline"])).toBe("None");
    expect(textOf(quiet?.cell.Outcome)).toBe("No scores yet");
    expect(textOf(quiet?.cell.Flags)).toBe("None");
    expect(textOf(quiet?.cell["Last activity"])).toBe("None yet");
  });

  it("links the client to the read-only review and the scores to the measures page", () => {
    tableOf([riskRow]);
    const review = screen.getByRole("link", { name: "Review Client 1 (invented)" });
    expect(review.getAttribute("href")).toBe(`/supervision/courses/${riskRow.course.id}`);
    // Once as a column and once folded into the row header; CSS shows one of the two by width.
    const measures = screen.getAllByRole("link", { name: "Scores and risk for Client 1 (invented)" });
    expect(measures.map((link) => link.getAttribute("href"))).toEqual([
      `/courses/${riskRow.course.id}/measures`,
      `/courses/${riskRow.course.id}/measures`,
    ]);
  });
});

describe("the crisis steps from the cockpit", () => {
  const crisisSteps = (clientName: string) => <button type="button">Crisis steps for {clientName}</button>;

  it("puts the page's crisis steps under a red flag's badge only, in the always-shown flags column", () => {
    renderWithProviders(
      <CockpitTable rows={[riskRow, nonResponseRow, quietRow]} crisisSteps={crisisSteps} />,
    );
    const [red, amber, quiet] = rowsByHeader(screen.getByRole("table", { name: CAPTION }));
    expect(
      within(red!.Flags!).getByRole("button", { name: `Crisis steps for ${riskRow.client.displayName}` }),
    ).toBeTruthy();
    expect(within(amber!.Flags!).queryByRole("button")).toBeNull();
    expect(within(quiet!.Flags!).queryByRole("button")).toBeNull();
  });
});
