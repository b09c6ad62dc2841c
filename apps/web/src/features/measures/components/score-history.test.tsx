import type { Flag } from "@ipt/shared";
import { nonResponseSuggestions } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { textOf } from "../../../test/queries";
import { score } from "../test-fixtures";
import { AlertsPanel, bySeverity } from "./alerts-panel";
import { correctionNotes, ScoreHistory } from "./score-history";

const original = score(1, "phq9", 2, 14, { current: false });
const correction = score(2, "phq9", 2, 15, {
  correctsId: original.id,
  correctionReason: "Item 3 was entered as 0.",
  enteredAt: "2026-09-03T09:30:00.000Z",
});
const scores = [score(3, "phq9", 1, 16), original, correction];

describe("ScoreHistory", () => {
  it("keeps corrected originals, marked, with Correct only for current scores", async () => {
    const onCorrect = vi.fn();
    render(<ScoreHistory scores={scores} canWrite onCorrect={onCorrect} />);
    const table = screen.getByRole("table", { name: "All scores, with corrections" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    // Cells by column (the row header also holds the folded "Given on" and "Entered").
    const cells = (row: HTMLElement | undefined) =>
      within(row as HTMLElement)
        .getAllByRole("cell")
        .map(textOf);
    expect(cells(rows[1]).slice(0, 2)).toEqual([
      expect.stringMatching(/^PHQ-9 14 /),
      expect.stringMatching(/^Superseded Corrected on .+ — Item 3 was entered as 0\.$/),
    ]);
    expect(cells(rows[2])[1]).toMatch(/^Current Correction of an earlier score — Item 3 was entered as 0\.$/);
    expect(screen.getAllByRole("button").map(textOf)).toEqual([
      "Correct the PHQ-9 score of session 1",
      "Correct the PHQ-9 score of session 2",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Correct the PHQ-9 score of session 2" }));
    expect(onCorrect).toHaveBeenCalledWith(correction);
  });

  it("has no Correct buttons for a reader", () => {
    render(<ScoreHistory scores={scores} canWrite={false} onCorrect={() => undefined} />);
    expect(screen.getAllByRole("row")).toHaveLength(4);
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("words a chain of corrections", () => {
    expect(correctionNotes(original, scores)).toEqual([
      expect.stringMatching(/^Corrected on .+ — Item 3 was entered as 0\.$/),
    ]);
    expect(correctionNotes(correction, scores)).toEqual([
      "Correction of an earlier score — Item 3 was entered as 0.",
    ]);
    expect(correctionNotes(scores[0] ?? correction, scores)).toEqual([]);
  });
});

const flag = (code: Flag["code"], severity: Flag["severity"]): Flag => ({
  code,
  severity,
  message: `Invented message for ${code}.`,
  sources: ["MBC-default"],
});

describe("AlertsPanel", () => {
  it("puts red alerts first", () => {
    const ordered = bySeverity([flag("measures_overdue", "amber"), flag("risk_item9", "red")]);
    expect(ordered.map((entry) => entry.code)).toEqual(["risk_item9", "measures_overdue"]);
  });

  it("adds the sources' suggestions when the course is not on track", () => {
    const { container, rerender } = render(<AlertsPanel flags={[flag("not_on_track", "amber")]} />);
    for (const suggestion of nonResponseSuggestions) expect(textOf(container)).toContain(suggestion.text);
    expect(screen.getByText("Invented message for not_on_track.", { exact: false })).toBeTruthy();
    rerender(<AlertsPanel flags={[flag("measures_overdue", "amber")]} />);
    expect(textOf(container)).not.toContain(nonResponseSuggestions[0]?.text ?? "missing");
    rerender(<AlertsPanel flags={[]} />);
    expect(textOf(container)).toBe("No alerts.");
  });
});
