import type { Flag } from "@ipt/shared";
import { nonResponseSuggestions } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { score } from "../test-fixtures";
import { elements, renderHtml, textOf } from "../../../test/static-render";
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
  it("keeps corrected originals, marked, with Correct only for current scores", () => {
    const html = renderHtml(<ScoreHistory scores={scores} canWrite onCorrect={() => undefined} />);
    const rows = elements(html, "tr").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.text).toMatch(
      /^Session 2 PHQ-9 14 .* Superseded Corrected on .+ — Item 3 was entered as 0\.$/,
    );
    expect(rows[2]?.text).toMatch(
      /Current Correction of an earlier score — Item 3 was entered as 0\. Correct/,
    );
    expect(elements(html, "button").map((button) => button.text)).toEqual([
      "Correct the PHQ-9 score of session 1",
      "Correct the PHQ-9 score of session 2",
    ]);
  });

  it("has no Correct buttons for a reader", () => {
    const html = renderHtml(<ScoreHistory scores={scores} canWrite={false} onCorrect={() => undefined} />);
    expect(elements(html, "button")).toHaveLength(0);
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
    const html = renderHtml(<AlertsPanel flags={[flag("not_on_track", "amber")]} />);
    for (const suggestion of nonResponseSuggestions) expect(textOf(html)).toContain(suggestion.text);
    expect(textOf(html)).toContain("Invented message for not_on_track.");
    const plain = renderHtml(<AlertsPanel flags={[flag("measures_overdue", "amber")]} />);
    expect(textOf(plain)).not.toContain(nonResponseSuggestions[0]?.text ?? "missing");
    expect(textOf(renderHtml(<AlertsPanel flags={[]} />))).toBe("No alerts.");
  });
});
