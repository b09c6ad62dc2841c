import { describe, expect, it } from "vitest";
import {
  completionMeasureGaps,
  hasFinalScore,
  isNonResponding,
  type CompletionMeasuresInput,
} from "./completion";
import type { ScoreSeries } from "./outcomes";

// Sources: a final-session score is IPT.md §4a's synthesis [S12b][S18]; non-responders are offered
// another effective treatment [S3][S16].
const series = (phq9: [number, number][], hamd17: [number, number][] = []): ScoreSeries => ({
  phq9: phq9.map(([sessionNumber, total]) => ({ sessionNumber, total })),
  gad7: [{ sessionNumber: 12, total: 3 }],
  hamd17: hamd17.map(([sessionNumber, total]) => ({ sessionNumber, total })),
});
const base: CompletionMeasuresInput = {
  series: series([
    [1, 18],
    [12, 4],
  ]),
  status: "remission",
  lastHeldNumber: 12,
  noFinalScoreReason: null,
  nonResponseOffer: null,
};

describe("a final score before completion [S12b][S18] (synthesis)", () => {
  it.each([
    { name: "PHQ-9 at the last held session", input: {}, gaps: [] },
    {
      name: "HAM-D-17 only, at the last held session",
      input: {
        series: series(
          [],
          [
            [1, 20],
            [12, 6],
          ],
        ),
      },
      gaps: [],
    },
    { name: "the last PHQ-9 is at an earlier session", input: { lastHeldNumber: 13 }, gaps: ["finalScore"] },
    { name: "no session held", input: { lastHeldNumber: null }, gaps: ["finalScore"] },
    {
      name: "a GAD-7 alone is not a final depression score",
      input: { series: series([[1, 18]]) },
      gaps: ["finalScore"],
    },
    {
      name: "no final score, with the reason recorded",
      input: {
        lastHeldNumber: 13,
        noFinalScoreReason: "Client declined the questionnaire at the last session.",
      },
      gaps: [],
    },
    {
      name: "a blank reason does not count",
      input: { lastHeldNumber: 13, noFinalScoreReason: "  " },
      gaps: ["finalScore"],
    },
  ])("$name → $gaps", ({ input, gaps }) => {
    expect(completionMeasureGaps({ ...base, ...input }).map((gap) => gap.item)).toEqual(gaps);
  });

  it("reads the score at the last held session only", () => {
    expect(hasFinalScore(base.series, 12)).toBe(true);
    expect(hasFinalScore(base.series, 11)).toBe(false);
  });
});

describe("a non-responding course records what was offered [S3][S16]", () => {
  it.each([
    { status: "non_response", nonResponding: true },
    { status: "no_reliable_change", nonResponding: true },
    { status: "reliable_deterioration", nonResponding: true },
    { status: "partial_response", nonResponding: false },
    { status: "response", nonResponding: false },
    { status: "remission", nonResponding: false },
    { status: "reliable_improvement", nonResponding: false },
    { status: "baseline_only", nonResponding: false },
  ] as const)("$status → non-responding $nonResponding", ({ status, nonResponding }) => {
    expect(isNonResponding(status)).toBe(nonResponding);
    const gaps = completionMeasureGaps({ ...base, status }).map((gap) => gap.item);
    expect(gaps).toEqual(nonResponding ? ["nonResponseOffer"] : []);
    expect(completionMeasureGaps({ ...base, status, nonResponseOffer: "referral_offered" })).toEqual([]);
  });
});
