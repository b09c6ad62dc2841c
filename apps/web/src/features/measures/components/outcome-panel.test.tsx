import { courseOutcomeOf, GAD7_CASENESS_NOTE } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { indicatorResult } from "../../../components/clinical/outcome-indicators";
import { OutcomePanel, reductionText } from "./outcome-panel";

// PHQ-9 16 → 5 and GAD-7 9 → 3 over sessions 1–8: a response, reliable improvement and recovery.
const outcome = courseOutcomeOf({
  phq9: [
    { sessionNumber: 1, total: 16 },
    { sessionNumber: 4, total: 9 },
    { sessionNumber: 8, total: 5 },
  ],
  gad7: [
    { sessionNumber: 1, total: 9 },
    { sessionNumber: 8, total: 3 },
  ],
  hamd17: [],
});

describe("OutcomePanel", () => {
  const renderPanel = () => render(<OutcomePanel outcome={outcome} />);
  /** The body rows of the table named `caption`, as text. */
  const rows = (caption: string) =>
    within(screen.getByRole("table", { name: caption }))
      .getAllByRole("row")
      .slice(1)
      .map((row) => ({ text: textOf(row) }));

  it("says the status in its own words", () => {
    renderPanel();
    expect(outcome.statusLabel).toBe("Response");
    expect(textOf(screen.getByText("Status:", { exact: false }))).toBe("Status: Response");
  });

  it("shows baseline → latest with the change and the reduction", () => {
    renderPanel();
    const phq9 = rows("Change from baseline")[0];
    expect(phq9?.text).toBe("PHQ-9 16 session 1 5 session 8 −11 68.8% lower");
    expect(rows("Change from baseline")).toHaveLength(2);
  });

  it("lists every published definition with its result, why, and its sources", () => {
    renderPanel();
    const definitions = rows("Published outcome definitions");
    expect(definitions).toHaveLength(outcome.indicators.length);
    for (const [index, indicator] of outcome.indicators.entries()) {
      const row = definitions[index];
      expect(row?.text).toContain(indicator.label);
      expect(row?.text).toContain(indicatorResult(indicator));
      for (const tag of indicator.sources) expect(row?.text).toContain(`[${tag}]`);
    }
  });

  it("keeps NHS Talking Therapies GAD-7 caseness (8) apart from the screening cut-off (10)", () => {
    const { container } = renderPanel();
    const gad7 = rows("Published outcome definitions").find((row) => row.text.startsWith("GAD-7 caseness"));
    expect(gad7?.text).toContain("≥ 8; not the screening cut-off of 10");
    expect(gad7?.text).toContain("Met");
    expect(textOf(container)).toContain(GAD7_CASENESS_NOTE.text);
  });

  it("explains when the percentage rules do not apply", () => {
    const low = courseOutcomeOf({
      phq9: [
        { sessionNumber: 1, total: 8 },
        { sessionNumber: 4, total: 2 },
      ],
      gad7: [],
      hamd17: [],
    });
    const { container, rerender } = render(<OutcomePanel outcome={low} />);
    expect(textOf(container)).toContain("apply only when baseline PHQ-9 is 10 or more");
    expect(textOf(container)).toContain("Not applicable");
    rerender(<OutcomePanel outcome={outcome} />);
    expect(textOf(container)).not.toContain("apply only when baseline PHQ-9 is 10 or more");
  });
});

describe("result words", () => {
  it("never leaves a result to colour", () => {
    expect([true, false, null].map((met) => indicatorResult({ met }))).toEqual([
      "Met",
      "Not met",
      "Not applicable",
    ]);
    expect(reductionText({ change: -8, reductionPercent: 44.4 })).toBe("44.4% lower");
    expect(reductionText({ change: 3, reductionPercent: -25 })).toBe("25% higher");
    expect(reductionText({ change: 0, reductionPercent: 0 })).toBe("No change");
    expect(reductionText({ change: 4, reductionPercent: null })).toBe("Not worked out (baseline 0)");
  });
});
