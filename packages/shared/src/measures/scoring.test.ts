import { describe, expect, it } from "vitest";
import { bandOf, raisesRiskFlag, riskItemAnswer, runningTotal, scoreItems } from "./scoring";

/** n items answered so that they add up to total (each 0–3). */
function answersFor(count: number, total: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.max(0, Math.min(3, total - 3 * index)));
}

describe("scoreItems and bandOf: PHQ-9 at every band boundary", () => {
  it.each([
    [0, "minimal", "Minimal"],
    [4, "minimal", "Minimal"],
    [5, "mild", "Mild"],
    [9, "mild", "Mild"],
    [10, "moderate", "Moderate"],
    [14, "moderate", "Moderate"],
    [15, "moderately_severe", "Moderately severe"],
    [19, "moderately_severe", "Moderately severe"],
    [20, "severe", "Severe"],
    [27, "severe", "Severe"],
  ])("PHQ-9 total %i is %s", (total, key, label) => {
    const answers = answersFor(9, total);
    expect(answers.reduce((a, b) => a + b, 0)).toBe(total);
    const result = scoreItems("phq9", answers);
    expect(result).toEqual({ ok: true, total, band: expect.objectContaining({ key, label }) as unknown });
    expect(bandOf("phq9", total).key).toBe(key);
  });
});

describe("scoreItems and bandOf: GAD-7 at every band boundary", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ])("GAD-7 total %i is %s", (total, key) => {
    const result = scoreItems("gad7", answersFor(7, total));
    expect(result.ok && result.total).toBe(total);
    expect(result.ok && result.band.key).toBe(key);
    expect(bandOf("gad7", total).key).toBe(key);
  });
});

describe("bandOf: HAM-D-17 (clinician-entered total)", () => {
  it.each([
    [0, "normal"],
    [7, "normal"],
    [8, "mild"],
    [13, "mild"],
    [14, "moderate"],
    [18, "moderate"],
    [19, "severe"],
    [22, "severe"],
    [23, "very_severe"],
    [52, "very_severe"],
  ])("HAM-D-17 total %i is %s", (total, key) => {
    expect(bandOf("hamd17", total).key).toBe(key);
  });

  it.each([
    ["phq9", -1],
    ["phq9", 28],
    ["gad7", 22],
    ["hamd17", 53],
    ["hamd17", -1],
    ["phq9", 4.5],
    ["phq9", Number.NaN],
  ] as const)("throws a RangeError for %s total %s", (instrument, total) => {
    expect(() => bandOf(instrument, total)).toThrow(RangeError);
  });
});

describe("scoreItems refuses incomplete or invalid forms", () => {
  it("adds the items without weighting", () => {
    expect(scoreItems("phq9", [1, 2, 3, 0, 1, 2, 3, 0, 1])).toMatchObject({ ok: true, total: 13 });
  });

  it("lists missing items by 1-based number and never guesses them", () => {
    expect(scoreItems("phq9", [3, 3, null, 3, undefined, 3, 3, 3, 3])).toEqual({
      ok: false,
      missing: [3, 5],
      invalid: [],
    });
  });

  it("treats a short form as missing its last items", () => {
    expect(scoreItems("gad7", [1, 1, 1, 1, 1])).toEqual({ ok: false, missing: [6, 7], invalid: [] });
    expect(scoreItems("phq9", [])).toEqual({ ok: false, missing: [1, 2, 3, 4, 5, 6, 7, 8, 9], invalid: [] });
  });

  it("treats answers past the last item as invalid", () => {
    expect(scoreItems("gad7", [0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ ok: false, missing: [], invalid: [8] });
    expect(scoreItems("gad7", [0, 0, 0, 0, 0, 0, 0, null])).toEqual({ ok: false, missing: [], invalid: [8] });
  });

  it.each([[4], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    "refuses the answer %s as invalid",
    (value) => {
      expect(scoreItems("gad7", [0, value, 0, 0, 0, 0, 0])).toEqual({ ok: false, missing: [], invalid: [2] });
    },
  );

  it("reports missing and invalid items together", () => {
    expect(scoreItems("phq9", [0, null, 7, 0, 0, 0, 0, 0])).toEqual({
      ok: false,
      missing: [2, 9],
      invalid: [3],
    });
  });

  it("counts a sparse array's holes as missing", () => {
    const answers: (number | undefined)[] = [];
    answers[6] = 2;
    expect(scoreItems("gad7", answers)).toEqual({ ok: false, missing: [1, 2, 3, 4, 5, 6], invalid: [] });
  });
});

describe("runningTotal", () => {
  it.each<[(number | null | undefined)[], number, number]>([
    [[], 0, 0],
    [[null, null, null], 0, 0],
    [[2, null, 3], 2, 5],
    [[0, 0, 0], 3, 0],
    [[1, 9, -1, 2.5, 3], 2, 4],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 9, 27],
  ])("%j → %i answered, total %i", (answers, answered, total) => {
    expect(runningTotal(answers)).toEqual({ answered, total });
  });
});

describe("item 9 risk", () => {
  const withItem9 = (value: number | null) => [0, 0, 0, 0, 0, 0, 0, 0, value];

  it.each([
    [0, false],
    [1, true],
    [2, true],
    [3, true],
  ])("PHQ-9 item 9 = %i raises the risk flag: %s", (value, raised) => {
    expect(riskItemAnswer(withItem9(value))).toBe(value);
    expect(raisesRiskFlag("phq9", withItem9(value))).toBe(raised);
  });

  it("reads item 9 (index 8), not another item", () => {
    expect(riskItemAnswer([3, 3, 3, 3, 3, 3, 3, 3, 0])).toBe(0);
    expect(raisesRiskFlag("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0])).toBe(false);
  });

  it("has no answer when item 9 is missing", () => {
    expect(riskItemAnswer(withItem9(null))).toBeNull();
    expect(riskItemAnswer([1, 1])).toBeNull();
    expect(raisesRiskFlag("phq9", [1, 1])).toBe(false);
  });

  it("never raises the flag for GAD-7 or HAM-D-17", () => {
    expect(raisesRiskFlag("gad7", [3, 3, 3, 3, 3, 3, 3, 3, 3])).toBe(false);
    expect(raisesRiskFlag("hamd17", [3, 3, 3, 3, 3, 3, 3, 3, 3])).toBe(false);
  });
});
