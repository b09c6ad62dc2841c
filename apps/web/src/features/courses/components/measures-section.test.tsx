import { nonResponseSuggestions, type Flag, type MeasureSummary } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { definitionOf, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
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
    const { container } = renderWithProviders(
      <MeasuresSection courseId="c1" measures={measures} flags={[]} />,
    );
    expect(definitionOf(container, "Latest PHQ-9")).toBe("14 (Moderate), session 8");
    expect(definitionOf(container, "Latest GAD-7")).toBe("No scores yet");
    expect(definitionOf(container, "PHQ-9 change from baseline")).toBe("−2 (12.5% lower)");
    expect(definitionOf(container, "Outcome")).toBe("No response yet");
    expect(definitionOf(container, "Open risk flags")).toBe("1 open");
    expect(screen.queryByText(nonResponseSuggestions[0]?.text ?? "?", { exact: false })).toBeNull();
  });

  it("gives the sources' suggestions, with their sources, when the course is not on track", () => {
    const { container } = renderWithProviders(
      <MeasuresSection courseId="c1" measures={measures} flags={[flag("early_non_response", "amber")]} />,
    );
    for (const suggestion of nonResponseSuggestions) expect(textOf(container)).toContain(suggestion.text);
    expect(textOf(container)).toContain("Review: Early non-response");
    expect(screen.getAllByRole("link").map((link) => link.textContent)).toEqual([
      "Scores and trend",
      "End-of-treatment summary",
    ]);
    expect(screen.getByRole("link", { name: "End-of-treatment summary" }).getAttribute("href")).toBe(
      "/courses/c1/summary",
    );
  });
});
