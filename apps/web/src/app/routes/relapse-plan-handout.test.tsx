// The client's one-page relapse-prevention handout: the four parts in plain words, nothing clinical.
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { courseOf } from "../../test/fixtures";
import { textOf } from "../../test/queries";
import { renderWithProviders } from "../../test/render";
import { RelapsePlanHandout } from "./relapse-plan-handout";

const planned = courseOf({
  phase: "termination",
  termination: {
    ...courseOf().termination,
    relapseWarningSigns: "Invented: waking early, staying in.",
    relapseWhatHelped: "Invented: walks with a friend.",
    relapsePeople: "Invented: my sister.",
    relapsePlan: "Invented: call the clinic if it lasts two weeks.",
  },
});

describe("the relapse-prevention handout [S4][S11b]", () => {
  it("prints the four parts under plain headings, with no scores, codes or source tags", () => {
    const { container } = renderWithProviders(<RelapsePlanHandout course={planned} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("My plan for staying well");
    expect(screen.getAllByRole("heading", { level: 2 }).map(textOf)).toEqual([
      "Early warning signs",
      "What helped",
      "People I can contact",
      "What to do, and when to come back",
    ]);
    const text = textOf(container);
    expect(text).toContain("Invented: my sister.");
    expect(text).not.toMatch(/PHQ|GAD|HAM-D|\[S\d|Major depressive|diagnos/i);
    expect(screen.getByRole("button", { name: "Print the handout" })).toBeTruthy();
  });

  it("says which parts are not written yet", () => {
    renderWithProviders(<RelapsePlanHandout course={courseOf({ phase: "termination" })} />);
    expect(screen.getByText(/Not written yet: early warning signs, what helped/)).toBeTruthy();
  });
});
