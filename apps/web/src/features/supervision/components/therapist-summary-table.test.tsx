import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { rowsByHeader, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { THERAPIST_A, THERAPIST_B, summaryOf } from "../test-fixtures";
import { formatRating, overdueText, shareText, TherapistSummaryTable } from "./therapist-summary-table";

const CAPTION = "Supervisees at a glance";

function rowsOf(...args: Parameters<typeof TherapistSummaryTable>) {
  renderWithProviders(<TherapistSummaryTable {...args[0]} />);
  return rowsByHeader(screen.getByRole("table", { name: CAPTION }));
}

const measured = summaryOf({});
const unmeasured = summaryOf({
  therapist: THERAPIST_B,
  activeClients: 2,
  measuredCourses: 0,
  responseShare: null,
  remissionShare: null,
  openRiskFlags: 2,
  overdueItems: 1,
  fidelityAverage: null,
  fidelityRatings: 0,
});

describe("supervisees at a glance", () => {
  it("says plainly when no supervisee is assigned (no empty table)", () => {
    const { container } = renderWithProviders(<TherapistSummaryTable summaries={[]} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(textOf(container.querySelector("p"))).toBe("No supervisees are assigned to you yet.");
  });

  it("has a caption and scoped headers, and states the fidelity pass mark with its sources", () => {
    const { container } = renderWithProviders(<TherapistSummaryTable summaries={[measured]} />);
    const table = screen.getByRole("table", { name: CAPTION });
    expect(within(table).getAllByRole("columnheader").map(textOf)).toEqual([
      "Therapist",
      "Active clients",
      "Response",
      "Remission",
      "Open risk flags",
      "Overdue items",
      "Fidelity",
    ]);
    expect(within(table).getAllByRole("rowheader")).toHaveLength(1);
    expect(textOf(container)).toContain("the pass mark is 3.0 Sources: [S12a] [S12b]");
  });

  it("shows shares of the measured courses, risk in red words, overdue clients and the fidelity average", () => {
    const [a, b] = rowsOf({ summaries: [measured, unmeasured] });
    expect(textOf(a?.["Active clients"])).toBe("4");
    expect(textOf(a?.Response)).toBe("50% of 4");
    expect(textOf(a?.Remission)).toBe("25% of 4");
    expect(textOf(a?.["Open risk flags"])).toBe("None");
    expect(textOf(a?.["Overdue items"])).toBe("None");
    expect(textOf(a?.Fidelity)).toBe("3.4 Meets pass mark 3.0 5 supervisor ratings");

    expect(textOf(b?.Response)).toBe("No measured courses");
    expect(textOf(b?.Remission)).toBe("No measured courses");
    expect(b?.["Open risk flags"]?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(textOf(b?.["Open risk flags"])).toBe("! Urgent: 2 open");
    expect(textOf(b?.["Overdue items"])).toBe("1 client");
    expect(textOf(b?.Fidelity)).toBe("Not rated yet");
  });

  it("never rounds a rating up to the pass mark", () => {
    const [row] = rowsOf({ summaries: [summaryOf({ fidelityAverage: 2.96, fidelityRatings: 1 })] });
    expect(textOf(row?.Fidelity)).toBe("2.96 Below pass mark 3.0 1 supervisor rating");
    expect(formatRating(3)).toBe("3.0");
    expect(formatRating(4.25)).toBe("4.25");
  });

  it("links each therapist's name to the cockpit filtered to them, marking the one shown", () => {
    const rows = rowsOf({ summaries: [measured, unmeasured], selectedTherapistId: THERAPIST_B.id });
    const links = screen.getAllByRole("link");
    expect(links.map(textOf)).toEqual([THERAPIST_A.name, THERAPIST_B.name]);
    expect(links[0]?.getAttribute("href")).toBe(`/supervision?therapistId=${THERAPIST_A.id}`);
    expect(links[0]?.getAttribute("aria-current")).toBeNull();
    expect(screen.getByRole("link", { current: true })).toBe(links[1]);
    expect(textOf(rows[1]?.Therapist)).toBe(`${THERAPIST_B.name} Their clients are shown below`);
  });

  it("words shares and overdue counts", () => {
    expect(shareText(1, 3)).toBe("100% of 3");
    expect(shareText(0, 2)).toBe("0% of 2");
    expect(shareText(null, 0)).toBeNull();
    expect(overdueText(0)).toBe("None");
    expect(overdueText(3)).toBe("3 clients");
  });
});
