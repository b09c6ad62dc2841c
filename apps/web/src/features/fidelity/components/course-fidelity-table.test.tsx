import { fidelityPassSources, reviewSampleSources } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import {
  fidelityOf,
  OTHER_SUPERVISOR,
  rating,
  scores,
  sessionFidelity,
  SUPERVISOR,
  THERAPIST,
} from "../test-fixtures";
import { CourseFidelityTable } from "./course-fidelity-table";

const self = rating(THERAPIST, "self", scores(4, { inventory: 5, risk_reviewed: 3 }));
const supervisor = rating(SUPERVISOR, "supervisor", scores(3, { risk_reviewed: 1, time_limit: null }));

const fidelity = fidelityOf(
  [
    sessionFidelity(1, { sampled: true }),
    sessionFidelity(2, {
      selfRating: self,
      supervisorRatings: [supervisor],
      // Inventory 5 vs 3, risk 3 vs 1; the API lists them in item order.
      disagreements: [{ ratingId: supervisor.id, items: ["inventory", "risk_reviewed"] }],
      sampled: true,
      reviewed: true,
    }),
    sessionFidelity(3, { status: "planned", sampled: true }),
    sessionFidelity(4, { selfRating: self }),
  ],
  { averages: { self: 4.11, supervisor: 2.75 } },
);

const CAPTION = "Fidelity ratings by session";

/** Renders the table; each body row as its class, its row header and its cells' text. */
function rowsOf(value = fidelity) {
  render(<CourseFidelityTable fidelity={value} />);
  const table = screen.getByRole("table", { name: CAPTION });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => ({
      className: row.getAttribute("class") ?? undefined,
      header: textOf(within(row).getByRole("rowheader")),
      cells: within(row).getAllByRole("cell").map(textOf),
    }));
}

describe("CourseFidelityTable", () => {
  it("is a table captioned by what it shows, with a column per fact", () => {
    render(<CourseFidelityTable fidelity={fidelity} />);
    const table = screen.getByRole("table", { name: CAPTION });
    expect(within(table).getAllByRole("columnheader").map(textOf)).toEqual([
      "Session",
      "Sampled for review",
      "Self-rating average",
      "Supervisor average",
      "Reviewed",
      "Items rated 2 or more apart",
    ]);
  });

  it("says which sessions are sampled and reviewed in words, and highlights the sampled rows", () => {
    const table = rowsOf();
    expect(table.map((row) => [row.cells[0], row.cells[3]])).toEqual([
      ["Yes", "No"],
      ["Yes", "Yes"],
      ["Yes", "No"],
      ["No", "No"],
    ]);
    expect(table.map((row) => row.className)).toEqual([
      "row--sampled",
      "row--sampled",
      "row--sampled",
      undefined,
    ]);
    expect(table[2]?.header).toMatch(/^Session 3 Thu, 3 Sept 2026, 09:00 ?, planned$/);
  });

  it("gives the sample's source (UK Level B)", () => {
    const { container } = render(<CourseFidelityTable fidelity={fidelity} />);
    expect(textOf(container)).toContain("UK Level B standard");
    for (const tag of reviewSampleSources) expect(textOf(container)).toContain(`[${tag}]`);
  });

  it("shows each session's averages, or Not rated", () => {
    const table = rowsOf();
    const session2 = table[1];
    // Self: seven items 4, one 5, one 3.
    expect(session2?.cells[1]).toBe("4.0");
    expect(session2?.cells[2]).toBe("2.75");
    expect(table[0]?.cells.slice(1, 3)).toEqual(["Not rated", "Not rated"]);
  });

  it("lists each item 2 or more apart with both scores, by the item's text", () => {
    const table = rowsOf();
    expect(table[1]?.cells[4]).toBe(
      "The interpersonal inventory was completed. Self 5 · Supervisor 3 Risk was reviewed. Self 3 · Supervisor 1",
    );
    expect(table[3]?.cells[4]).toBe("None");
  });

  it("compares the course's averages with the pass mark of 3.0, with its sources", () => {
    const text = textOf(render(<CourseFidelityTable fidelity={fidelity} />).container);
    expect(text).toContain("Self-rating average for the course 4.11, at or above the pass mark of 3.0");
    expect(text).toContain("Supervisor average for the course 2.75, below the pass mark of 3.0");
    for (const tag of fidelityPassSources) expect(text).toContain(`[${tag}]`);
  });

  it("names the supervisor when more than one has rated", () => {
    const other = rating(OTHER_SUPERVISOR, "supervisor", scores(5));
    const two = fidelityOf([
      sessionFidelity(2, {
        selfRating: self,
        supervisorRatings: [supervisor, other],
        disagreements: [{ ratingId: supervisor.id, items: ["inventory"] }],
        reviewed: true,
      }),
    ]);
    const [row] = rowsOf(two);
    expect(row?.cells[2]).toBe(`2.75 (${SUPERVISOR.name}) 5.0 (${OTHER_SUPERVISOR.name})`);
    expect(row?.cells[4]).toBe(
      `The interpersonal inventory was completed. Self 5 · Supervisor 3 (${SUPERVISOR.name})`,
    );
  });

  it("says when there is nothing to rate yet", () => {
    const empty = render(<CourseFidelityTable fidelity={fidelityOf([])} />).container;
    expect(screen.queryByRole("table")).toBeNull();
    expect(textOf(empty)).toContain("The course has no sessions to rate yet.");
    expect(textOf(empty)).toContain("Self-rating average for the course Not rated");
  });
});
