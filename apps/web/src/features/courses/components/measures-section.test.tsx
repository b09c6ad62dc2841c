import { nonResponseSuggestions, type Flag, type MeasureSummary } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { MeasuresSection, splitFlags } from "./measures-section";

const flag = (code: Flag["code"], severity: Flag["severity"]): Flag => ({
  code,
  severity,
  message: `${code} message.`,
  sources: ["MBC-default"],
});

const measures: MeasureSummary = {
  latestPhq9: { total: 14, sessionNumber: 8, band: { key: "moderate", label: "Moderate" } },
  latestGad7: null,
  phq9Change: -2,
  phq9ReductionPercent: 12.5,
  status: "non_response",
  statusLabel: "No response yet",
  openRiskFlags: 1,
};

describe("course page measures", () => {
  it("puts red flags first at the top of the page with the course flags, and other alerts in the section", () => {
    const flags = [
      flag("termination_not_raised", "amber"),
      flag("not_on_track", "amber"),
      flag("risk_item9", "red"),
      flag("secondary_area", "notice"),
    ];
    const { top, measures: section } = splitFlags(flags);
    expect(top.map((entry) => entry.code)).toEqual([
      "risk_item9",
      "termination_not_raised",
      "secondary_area",
    ]);
    expect(section.map((entry) => entry.code)).toEqual(["not_on_track"]);
  });

  it("shows latest scores with bands, the change, the outcome and open risk flags", () => {
    const text = textOf(renderHtml(<MeasuresSection courseId="c1" measures={measures} flags={[]} />));
    expect(text).toContain("Latest PHQ-9 14 (Moderate), session 8");
    expect(text).toContain("Latest GAD-7 No scores yet");
    expect(text).toContain("PHQ-9 change from baseline −2 (12.5% lower)");
    expect(text).toContain("Outcome No response yet");
    expect(text).toContain("Open risk flags 1 open");
    expect(text).not.toContain(nonResponseSuggestions[0]?.text ?? "?");
  });

  it("gives the sources' suggestions, with their sources, when the course is not on track", () => {
    const html = renderHtml(
      <MeasuresSection courseId="c1" measures={measures} flags={[flag("early_non_response", "amber")]} />,
    );
    for (const suggestion of nonResponseSuggestions) expect(textOf(html)).toContain(suggestion.text);
    expect(textOf(html)).toContain("Review: Early non-response");
    expect(elements(html, "a").map((link) => link.text)).toEqual([
      "Scores and trend",
      "End-of-treatment summary",
    ]);
    expect(html).toContain('href="/courses/c1/summary"');
  });
});
