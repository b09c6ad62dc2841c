import { describe, expect, it } from "vitest";
import {
  FIDELITY_PASS_MARK,
  fidelityAverage,
  fidelityDisagreements,
  fidelityItemKeys,
  fidelityItems,
  fidelityScores,
} from "./fidelity";
import { reviewSample } from "./review-sample";

const all = (value: number | null) => Object.fromEntries(fidelityItemKeys.map((key) => [key, value]));

describe("fidelity items", () => {
  it("has the nine things supervisors look at (clinical reference §11), each with sources", () => {
    expect(fidelityItems.map((item) => item.key)).toEqual([...fidelityItemKeys]);
    expect(fidelityItems).toHaveLength(9);
    for (const item of fidelityItems) expect(item.sources.length).toBeGreaterThan(0);
    expect(FIDELITY_PASS_MARK).toBe(3);
  });

  it("accepts 1–5 or not applicable for every item and refuses anything else by item", () => {
    expect(fidelityScores.safeParse(all(1)).success).toBe(true);
    expect(fidelityScores.safeParse(all(null)).success).toBe(true);
    for (const bad of [0, 6, 2.5, "3"]) {
      const result = fidelityScores.safeParse({ ...all(3), inventory: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["inventory"]);
    }
  });
});

describe("fidelityAverage", () => {
  it("is the mean of the rated items to two decimals, and null when none is rated", () => {
    expect(fidelityAverage(all(4))).toBe(4);
    expect(fidelityAverage({ ...all(null), inventory: 5, formulation: 4, time_limit: 4 })).toBe(4.33);
    expect(fidelityAverage(all(null))).toBeNull();
  });
});

describe("fidelityDisagreements", () => {
  it("lists items 2 or more apart, never an item not applicable on either side", () => {
    const self = { ...all(4), inventory: 5, formulation: null };
    const supervisor = { ...all(3), inventory: 3, formulation: 1 };
    expect(fidelityDisagreements(self, supervisor)).toEqual(["inventory"]);
    expect(fidelityDisagreements(all(4), all(3))).toEqual([]);
  });
});

describe("reviewSample", () => {
  const sessions = Array.from({ length: 12 }, (_, i) => ({ id: `s-${i + 1}`, number: i + 1 }));

  it("proposes three counted sessions, in order, the same on every call", () => {
    const sample = reviewSample("course-a", sessions);
    expect(sample).toHaveLength(3);
    expect(reviewSample("course-a", [...sessions].reverse())).toEqual(sample);
    const numbers = sample.map((id) => Number(id.slice(2)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it("never proposes a cancelled session and keeps its choice when another session is cancelled", () => {
    const sample = reviewSample("course-a", sessions);
    const other = sessions.find((s) => !sample.includes(s.id))!;
    const edited = sessions.map((s) => (s.id === other.id ? { ...s, number: null } : s));
    expect(reviewSample("course-a", edited)).toEqual(sample);
    expect(reviewSample("course-b", [{ id: "x", number: null }])).toEqual([]);
  });

  it("differs between courses (it is spread, not always the first sessions)", () => {
    const samples = new Set(["a", "b", "c", "d", "e"].map((c) => reviewSample(c, sessions).join()));
    expect(samples.size).toBeGreaterThan(1);
  });
});
