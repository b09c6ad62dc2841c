import { describe, expect, it } from "vitest";
import { sourceTags } from "../ipt/sources";
import {
  OUTCOME_CONCEPTS_NOTE,
  OUTCOME_DEFINITIONS,
  courseOutcomeOf,
  measureChangeOf,
  outcomeStatusLabels,
  reducedByAtLeast,
  reductionPercentOf,
  type ScoreSeries,
} from "./outcomes";
import { courseOutcomeResult, type SeriesPoint } from "./results";
import {
  outcomeIndicatorCodes,
  outcomeStatuses,
  type OutcomeIndicatorCode,
  type OutcomeStatus,
} from "./vocabulary";

/** Scores as [sessionNumber, total] pairs. */
const pts = (...pairs: [number, number][]): SeriesPoint[] =>
  pairs.map(([sessionNumber, total]) => ({ sessionNumber, total }));

const series = (parts: Partial<ScoreSeries>): ScoreSeries => ({ phq9: [], gad7: [], hamd17: [], ...parts });

/** PHQ-9 and GAD-7 given together at session 1 and at `last`. */
const paired = (phq9: [number, number], gad7: [number, number], last = 12): ScoreSeries =>
  series({ phq9: pts([1, phq9[0]], [last, phq9[1]]), gad7: pts([1, gad7[0]], [last, gad7[1]]) });

const indicator = (s: ScoreSeries, code: OutcomeIndicatorCode) => {
  const found = courseOutcomeOf(s).indicators.find((candidate) => candidate.code === code);
  if (found === undefined) throw new Error(`no ${code} indicator`);
  return found;
};
const met = (s: ScoreSeries, code: OutcomeIndicatorCode) => indicator(s, code).met;

describe("OUTCOME_DEFINITIONS", () => {
  it("holds the published figures", () => {
    expect(OUTCOME_DEFINITIONS.phq9Caseness.value).toBe(10);
    expect(OUTCOME_DEFINITIONS.gad7Caseness.value).toBe(8);
    expect(OUTCOME_DEFINITIONS.phq9ReliableChange.value).toBe(6);
    expect(OUTCOME_DEFINITIONS.gad7ReliableChange.value).toBe(4);
    expect(OUTCOME_DEFINITIONS.responsePercent.value).toBe(50);
    expect(OUTCOME_DEFINITIONS.partialResponsePercent.value).toBe(25);
    expect(OUTCOME_DEFINITIONS.phq9RemissionBelow.value).toBe(5);
    expect(OUTCOME_DEFINITIONS.hamd17RemissionAtMost.value).toBe(7);
    expect(OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9.value).toBe(10);
  });

  it("credits the status concepts to Frank 1991", () => {
    expect(OUTCOME_CONCEPTS_NOTE.sources).toEqual(["S25j"]);
    expect(OUTCOME_CONCEPTS_NOTE.text).toContain("virtual absence of symptoms");
  });

  it("cites known sources for each", () => {
    for (const definition of Object.values(OUTCOME_DEFINITIONS)) {
      expect(definition.sources.length).toBeGreaterThan(0);
      for (const tag of definition.sources) expect(sourceTags).toHaveProperty(tag);
    }
  });
});

describe("measureChangeOf", () => {
  it("is null without scores", () => {
    expect(measureChangeOf("phq9", [])).toBeNull();
  });

  it.each<[SeriesPoint[], number, number | null, number]>([
    [pts([1, 20], [6, 11]), -9, 45, 2],
    [pts([1, 12], [3, 14], [5, 19]), 7, -58.3, 3],
    [pts([1, 3], [4, 2]), -1, 33.3, 2],
    [pts([1, 12], [4, 12]), 0, 0, 2],
    [pts([1, 0], [4, 3]), 3, null, 2],
    [pts([2, 14]), 0, 0, 1],
  ])("%j → change %i, reduction %s%, %i scores", (points, change, reductionPercent, count) => {
    const result = measureChangeOf("phq9", points);
    expect(result).toEqual({
      instrument: "phq9",
      baseline: points[0],
      latest: points.at(-1),
      change,
      reductionPercent,
      count,
    });
    expect(Object.is(result?.reductionPercent, -0)).toBe(false);
  });

  it("compares percentages exactly, not after rounding", () => {
    expect(reductionPercentOf(10000, 5004)).toBe(50);
    expect(reducedByAtLeast(10000, 5004, 50)).toBe(false);
    expect(reducedByAtLeast(20, 10, 50)).toBe(true);
    expect(reducedByAtLeast(20, 15, 25)).toBe(true);
    expect(reducedByAtLeast(20, 16, 25)).toBe(false);
  });
});

describe("courseOutcomeOf: status", () => {
  it.each<[string, Partial<ScoreSeries>, OutcomeStatus, boolean]>([
    ["no PHQ-9 at all", {}, "no_scores", false],
    ["GAD-7 but no PHQ-9", { gad7: pts([1, 12], [4, 6]) }, "no_scores", false],
    ["a baseline only", { phq9: pts([1, 12]) }, "baseline_only", true],
    ["a low baseline only", { phq9: pts([1, 6]) }, "baseline_only", false],
    ["PHQ-9 20 → 10: 50% is a response", { phq9: pts([1, 20], [6, 10]) }, "response", true],
    ["PHQ-9 20 → 11: 45% is a partial response", { phq9: pts([1, 20], [6, 11]) }, "partial_response", true],
    ["PHQ-9 20 → 15: 25% is a partial response", { phq9: pts([1, 20], [6, 15]) }, "partial_response", true],
    ["PHQ-9 20 → 16: 20% is no response", { phq9: pts([1, 20], [6, 16]) }, "non_response", true],
    ["PHQ-9 12 → 12: no change is no response", { phq9: pts([1, 12], [6, 12]) }, "non_response", true],
    ["PHQ-9 12 → 4: remission", { phq9: pts([1, 12], [8, 4]) }, "remission", true],
    ["PHQ-9 10 → 5: response, not remission (< 5)", { phq9: pts([1, 10], [8, 5]) }, "response", true],
    ["PHQ-9 10 → 4: remission", { phq9: pts([1, 10], [8, 4]) }, "remission", true],
    ["PHQ-9 12 → 17: +5 is not reliable", { phq9: pts([1, 12], [5, 17]) }, "non_response", true],
    [
      "PHQ-9 12 → 18: +6 is reliable deterioration",
      { phq9: pts([1, 12], [5, 18]) },
      "reliable_deterioration",
      true,
    ],
    [
      "GAD-7 10 → 14 deteriorates even when PHQ-9 responds",
      { phq9: pts([1, 20], [5, 8]), gad7: pts([1, 10], [5, 14]) },
      "reliable_deterioration",
      true,
    ],
    [
      "GAD-7 10 → 13 is not reliable deterioration",
      { phq9: pts([1, 20], [5, 8]), gad7: pts([1, 10], [5, 13]) },
      "response",
      true,
    ],
    [
      "deterioration outranks remission",
      { phq9: pts([1, 20], [12, 4]), gad7: pts([1, 2], [12, 6]) },
      "reliable_deterioration",
      true,
    ],
    [
      "a GAD-7 rise without a later PHQ-9 is still baseline only",
      { phq9: pts([1, 12]), gad7: pts([1, 4], [4, 12]) },
      "baseline_only",
      true,
    ],
    ["baseline 8 → 2: reliable improvement", { phq9: pts([1, 8], [8, 2]) }, "reliable_improvement", false],
    ["baseline 9 → 3: reliable improvement", { phq9: pts([1, 9], [8, 3]) }, "reliable_improvement", false],
    ["baseline 8 → 3: no reliable change", { phq9: pts([1, 8], [8, 3]) }, "no_reliable_change", false],
    [
      "baseline 8 → 1: no remission below baseline 10",
      { phq9: pts([1, 8], [8, 1]) },
      "reliable_improvement",
      false,
    ],
    [
      "baseline 8 → 14: reliable deterioration",
      { phq9: pts([1, 8], [8, 14]) },
      "reliable_deterioration",
      false,
    ],
    ["the latest score counts, not the best", { phq9: pts([1, 20], [4, 8], [8, 16]) }, "non_response", true],
  ])("%s", (_, parts, status, percentRulesApply) => {
    const result = courseOutcomeOf(series(parts));
    expect(result.status).toBe(status);
    expect(result.statusLabel).toBe(outcomeStatusLabels[status]);
    expect(result.percentRulesApply).toBe(percentRulesApply);
    expect(() => courseOutcomeResult.parse(result)).not.toThrow();
  });

  it("labels every status in plain English", () => {
    expect(outcomeStatusLabels).toEqual({
      no_scores: "No scores yet",
      baseline_only: "Baseline only",
      reliable_deterioration: "Reliable deterioration",
      remission: "Remission",
      response: "Response",
      partial_response: "Partial response",
      non_response: "No response yet",
      reliable_improvement: "Reliable improvement",
      no_reliable_change: "No reliable change",
    });
    expect(Object.keys(outcomeStatusLabels).sort()).toEqual([...outcomeStatuses].sort());
  });

  it("returns the change on each instrument", () => {
    const result = courseOutcomeOf(
      series({ phq9: pts([1, 20], [6, 10]), gad7: pts([1, 9]), hamd17: pts([1, 22], [12, 6]) }),
    );
    expect(result.phq9).toMatchObject({ change: -10, reductionPercent: 50, count: 2 });
    expect(result.gad7).toMatchObject({ change: 0, count: 1 });
    expect(result.hamd17).toMatchObject({ change: -16, count: 2 });
  });
});

describe("courseOutcomeOf: indicators", () => {
  it("lists the indicators in vocabulary order, HAM-D-17 remission only when HAM-D-17 is scored", () => {
    const without = courseOutcomeOf(series({ phq9: pts([1, 20], [6, 10]) }));
    expect(without.indicators.map((i) => i.code)).toEqual(
      outcomeIndicatorCodes.filter((code) => code !== "hamd17_remission"),
    );
    const withHamd = courseOutcomeOf(series({ phq9: pts([1, 20], [6, 10]), hamd17: pts([1, 20]) }));
    expect(withHamd.indicators.map((i) => i.code)).toEqual([...outcomeIndicatorCodes]);
  });

  it("cites known sources and names the source in every label", () => {
    const result = courseOutcomeOf(paired([20, 10], [12, 6]));
    for (const item of result.indicators) {
      expect(item.sources.length).toBeGreaterThan(0);
      for (const tag of item.sources) expect(sourceTags).toHaveProperty(tag);
      expect(item.label).toMatch(/NHS Talking Therapies|HEDIS|ICSI|HAM-D-17/);
    }
  });

  it("labels GAD-7 caseness as NHS Talking Therapies ≥ 8, not the screening cut-off", () => {
    const item = indicator(paired([12, 6], [8, 3]), "gad7_caseness_at_start");
    expect(item.label).toBe(
      "GAD-7 caseness at start (NHS Talking Therapies, ≥ 8; not the screening cut-off of 10)",
    );
  });

  it.each([
    [7, false],
    [8, true],
    [10, true],
  ])("GAD-7 %i at start is an NHS TT case: %s", (gad, expected) => {
    expect(met(series({ gad7: pts([1, gad]) }), "gad7_caseness_at_start")).toBe(expected);
  });

  it.each([
    [9, false],
    [10, true],
  ])("PHQ-9 %i at start is an NHS TT case: %s", (phq, expected) => {
    expect(met(series({ phq9: pts([1, phq]) }), "phq9_caseness_at_start")).toBe(expected);
  });

  it.each<[string, [number, number], Partial<Record<OutcomeIndicatorCode, boolean | null>>]>([
    ["20 → 10", [20, 10], { response: true, partial_response: false, remission: false }],
    ["20 → 11", [20, 11], { response: false, partial_response: true, remission: false }],
    ["20 → 16", [20, 16], { response: false, partial_response: false, remission: false }],
    ["12 → 4", [12, 4], { response: true, partial_response: false, remission: true }],
    ["15 → 9", [15, 9], { response: false, partial_response: true, phq9_reliable_improvement: true }],
    ["15 → 10", [15, 10], { phq9_reliable_improvement: false }],
    ["12 → 18", [12, 18], { phq9_reliable_deterioration: true, phq9_reliable_improvement: false }],
    ["12 → 17", [12, 17], { phq9_reliable_deterioration: false }],
  ])("PHQ-9 %s", (_, [from, to], expected) => {
    const s = series({ phq9: pts([1, from], [8, to]) });
    for (const [code, value] of Object.entries(expected))
      expect([code, met(s, code as OutcomeIndicatorCode)]).toEqual([code, value]);
  });

  it("does not apply the percentage rules below baseline PHQ-9 10", () => {
    const s = series({ phq9: pts([1, 8], [8, 2]) });
    for (const code of ["response", "partial_response", "remission"] as const) {
      expect(indicator(s, code)).toMatchObject({
        met: null,
        detail: "Baseline PHQ-9 below 10: the percentage rules do not apply",
      });
    }
    expect(met(s, "phq9_reliable_improvement")).toBe(true);
  });

  it("needs a PHQ-9 after the baseline", () => {
    const s = series({ phq9: pts([1, 14]) });
    expect(indicator(s, "response")).toMatchObject({ met: null, detail: "Needs a PHQ-9 after the baseline" });
    expect(indicator(s, "phq9_reliable_improvement")).toMatchObject({
      met: null,
      detail: "Needs a PHQ-9 after the baseline",
    });
    expect(indicator(series({}), "phq9_caseness_at_start").met).toBeNull();
  });

  it("describes the figures in the detail", () => {
    expect(indicator(series({ phq9: pts([1, 20], [6, 10]) }), "response").detail).toBe(
      "PHQ-9 20 → 10 (session 1 → session 6): down 50%",
    );
    expect(indicator(series({ gad7: pts([1, 10], [5, 14]) }), "gad7_reliable_deterioration").detail).toBe(
      "GAD-7 10 → 14 (session 1 → session 5): up 4 points",
    );
  });

  it.each([
    [[10, 14], true],
    [[10, 13], false],
  ] as const)("GAD-7 %j reliable deterioration: %s", ([from, to], expected) => {
    expect(met(series({ gad7: pts([1, from], [5, to]) }), "gad7_reliable_deterioration")).toBe(expected);
  });

  it.each([
    [[10, 6], true],
    [[10, 7], false],
  ] as const)("GAD-7 %j reliable improvement: %s", ([from, to], expected) => {
    expect(met(series({ gad7: pts([1, from], [5, to]) }), "gad7_reliable_improvement")).toBe(expected);
  });

  it.each<[string, ScoreSeries, boolean | null, boolean | null, boolean | null]>([
    ["PHQ-9 12 → 6, GAD-7 9 → 5: recovered, reliably", paired([12, 6], [9, 5]), true, true, true],
    ["PHQ-9 12 → 8, GAD-7 9 → 7: recovered, not reliably", paired([12, 8], [9, 7]), true, false, false],
    ["PHQ-9 12 → 10, GAD-7 9 → 2: PHQ-9 still a case", paired([12, 10], [9, 2]), false, true, false],
    ["PHQ-9 12 → 6, GAD-7 4 → 8: GAD-7 a case and worse", paired([12, 6], [4, 8]), false, false, false],
    [
      "PHQ-9 16 → 4, GAD-7 2 → 6: recovered but GAD-7 reliably deteriorated",
      paired([16, 4], [2, 6]),
      true,
      false,
      false,
    ],
    ["PHQ-9 9 → 3, GAD-7 10 → 4: a GAD-7 case recovers", paired([9, 3], [10, 4]), true, true, true],
    ["PHQ-9 9 → 9, GAD-7 8 → 4: GAD-7 improvement alone", paired([9, 9], [8, 4]), true, true, true],
    ["PHQ-9 8 → 2, GAD-7 6 → 1: not a case at the start", paired([8, 2], [6, 1]), null, true, null],
  ])("%s", (_, s, recovery, improvement, reliableRecovery) => {
    expect(met(s, "nhs_tt_recovery")).toBe(recovery);
    expect(met(s, "nhs_tt_reliable_improvement")).toBe(improvement);
    expect(met(s, "nhs_tt_reliable_recovery")).toBe(reliableRecovery);
  });

  it("says why recovery does not apply when the start was not a case", () => {
    expect(indicator(paired([8, 2], [6, 1]), "nhs_tt_recovery").detail).toBe(
      "Not a case at the start on PHQ-9 (≥ 10) or GAD-7 (≥ 8): recovery does not apply",
    );
  });

  it("notes that the combination rule is CORC's wording and the NHS TT sentence is unconfirmed", () => {
    const detail = indicator(paired([16, 4], [2, 6]), "nhs_tt_reliable_improvement").detail;
    expect(detail).toContain("reliable deterioration on GAD-7");
    expect(detail).toMatch(/CORC/);
    expect(detail).toMatch(/unconfirmed/);
  });

  it.each<[string, Partial<ScoreSeries>]>([
    ["no GAD-7", { phq9: pts([1, 12], [8, 6]) }],
    ["a GAD-7 baseline only", { phq9: pts([1, 12], [8, 6]), gad7: pts([1, 9]) }],
    ["a baseline pair only", { phq9: pts([1, 12]), gad7: pts([1, 9]) }],
    ["latest scores at different sessions", { phq9: pts([1, 12], [8, 6]), gad7: pts([1, 9], [4, 5]) }],
    ["first scores at different sessions", { phq9: pts([1, 12], [8, 6]), gad7: pts([2, 9], [8, 5]) }],
  ])("needs PHQ-9 and GAD-7 paired at start and latest: %s", (_, parts) => {
    for (const code of [
      "nhs_tt_reliable_improvement",
      "nhs_tt_recovery",
      "nhs_tt_reliable_recovery",
    ] as const) {
      expect(indicator(series(parts), code)).toMatchObject({
        met: null,
        detail: "Needs PHQ-9 and GAD-7 at the start and at the latest score",
      });
    }
  });

  it.each([
    [7, true],
    [8, false],
    [0, true],
  ])("HAM-D-17 latest %i is remission (≤ 7): %s", (latest, expected) => {
    expect(met(series({ hamd17: pts([1, 22], [12, latest]) }), "hamd17_remission")).toBe(expected);
  });

  it("needs a HAM-D-17 after the baseline for remission", () => {
    expect(indicator(series({ hamd17: pts([1, 5]) }), "hamd17_remission")).toMatchObject({
      met: null,
      detail: "Needs a HAM-D-17 after the baseline",
    });
  });
});

describe("a course scored only with HAM-D-17 shows its HAM-D-17 outcome [S25i]", () => {
  it.each([
    { name: "no score at all", hamd17: pts(), status: "no_scores", label: "No scores yet" },
    { name: "baseline only", hamd17: pts([1, 20]), status: "baseline_only", label: "HAM-D-17 baseline only" },
    {
      name: "7 or less: remission [S25i]",
      hamd17: pts([1, 20], [12, 7]),
      status: "remission",
      label: "HAM-D-17 remission (7 or less)",
    },
    {
      name: "half or less of baseline: response (a convention)",
      hamd17: pts([1, 20], [12, 10]),
      status: "response",
      label: /HAM-D-17 response .*unconfirmed for HAM-D/,
    },
    {
      name: "under 50% lower: no response yet",
      hamd17: pts([1, 20], [12, 11]),
      status: "non_response",
      label: "HAM-D-17 less than 50% lower (no response yet)",
    },
    {
      name: "worse than baseline",
      hamd17: pts([1, 14], [12, 18]),
      status: "non_response",
      label: /no response yet/,
    },
  ] as const)("$name → $status", ({ hamd17, status, label }) => {
    const outcome = courseOutcomeOf(series({ hamd17: [...hamd17] }));
    expect(outcome.status).toBe(status);
    if (typeof label === "string") expect(outcome.statusLabel).toBe(label);
    else expect(outcome.statusLabel).toMatch(label);
  });

  it("a PHQ-9 on the course still decides the status", () => {
    const outcome = courseOutcomeOf(series({ phq9: pts([1, 16], [12, 4]), hamd17: pts([1, 20], [12, 15]) }));
    expect(outcome).toMatchObject({ status: "remission", statusLabel: outcomeStatusLabels.remission });
  });
});
