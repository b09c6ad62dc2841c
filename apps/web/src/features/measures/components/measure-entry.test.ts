import { instrumentDefinitions } from "@ipt/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configureApiClient } from "../../../lib/api-client";
import { recordMeasure } from "../api/record-measure";
import {
  answerForKey,
  correctionBody,
  emptyValues,
  entryErrorsFromError,
  entryFieldNames,
  itemsStatus,
  parseTotal,
  recordBody,
  totalStatus,
  valuesOfScore,
} from "./measure-entry";

const SESSION_ID = "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10";
const COURSE_ID = "0b8f3c2a-4d5e-4f60-8a7b-1c2d3e4f5a6b";

/** Nine answers adding up to `total` (each 0–3, filled from item 1). */
function phq9Totalling(total: number): number[] {
  return Array.from({ length: 9 }, (_, index) => Math.max(0, Math.min(3, total - index * 3)));
}

describe("itemsStatus: the live total and band", () => {
  it.each([
    [0, "Total 0 of 27 · Minimal"],
    [4, "Total 4 of 27 · Minimal"],
    [5, "Total 5 of 27 · Mild"],
    [9, "Total 9 of 27 · Mild"],
    [10, "Total 10 of 27 · Moderate"],
    [14, "Total 14 of 27 · Moderate"],
    [15, "Total 15 of 27 · Moderately severe"],
    [19, "Total 19 of 27 · Moderately severe"],
    [20, "Total 20 of 27 · Severe"],
    [27, "Total 27 of 27 · Severe"],
  ])("PHQ-9 totalling %i reads %s", (total, expected) => {
    const answers = phq9Totalling(total);
    expect(answers.reduce((sum, value) => sum + value, 0)).toBe(total);
    expect(itemsStatus("phq9", answers)).toBe(expected);
  });

  it.each([
    [[0, 0, 0, 0, 1, 1, 2], "Total 4 of 21 · Minimal"],
    [[0, 0, 0, 1, 1, 1, 2], "Total 5 of 21 · Mild"],
    [[2, 2, 2, 2, 2, 2, 2], "Total 14 of 21 · Moderate"],
    [[3, 2, 2, 2, 2, 2, 2], "Total 15 of 21 · Severe"],
    [[3, 3, 3, 3, 3, 3, 3], "Total 21 of 21 · Severe"],
  ])("GAD-7 %j reads %s", (answers, expected) => {
    expect(itemsStatus("gad7", answers)).toBe(expected);
  });

  it("never shows a total while an item is unanswered, only how many are answered", () => {
    const answers = [3, 3, 3, 3, 3, 3, 3, 3, null];
    expect(itemsStatus("phq9", answers)).toBe("8 of 9 answered");
    expect(itemsStatus("phq9", emptyValues("phq9").answers)).toBe("0 of 9 answered");
    expect(itemsStatus("gad7", [null, 1, 1, 1, 1, 1, 1])).toBe("6 of 7 answered");
    expect(itemsStatus("phq9", answers)).not.toMatch(/Total/);
  });
});

describe("the HAM-D-17 total", () => {
  it("takes a whole number from 0 to 52 and shows its band", () => {
    expect(parseTotal(" 12 ")).toBe(12);
    expect(parseTotal("0")).toBe(0);
    expect(parseTotal("52")).toBe(52);
    expect(parseTotal("53")).toBeNull();
    expect(parseTotal("12.5")).toBeNull();
    expect(parseTotal("-1")).toBeNull();
    expect(totalStatus("7")).toBe("Total 7 of 52 · Normal");
    expect(totalStatus("8")).toBe("Total 8 of 52 · Mild");
    expect(totalStatus("")).toBe("No total entered");
    expect(totalStatus("60")).toBe("Enter a whole number from 0 to 52");
  });

  it("is refused when missing or not a whole number, with the shared schema's words", () => {
    const missing = recordBody("hamd17", SESSION_ID, { ...emptyValues("hamd17"), total: "" });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.fields.total).toBe("Enter the HAM-D-17 total.");
    const tooHigh = recordBody("hamd17", SESSION_ID, { ...emptyValues("hamd17"), total: "60" });
    if (tooHigh.ok) throw new Error("60 was accepted");
    expect(tooHigh.errors.fields.total).toBe("Enter a total from 0 to 52.");
    const saved = recordBody("hamd17", SESSION_ID, { ...emptyValues("hamd17"), total: "18" });
    expect(saved).toEqual({ ok: true, body: { sessionId: SESSION_ID, instrument: "hamd17", total: 18 } });
  });
});

describe("answerForKey: typing a score", () => {
  it("answers 0 to 3 and ignores every other key", () => {
    expect(["0", "1", "2", "3"].map(answerForKey)).toEqual([0, 1, 2, 3]);
    for (const key of ["4", "9", "a", "ArrowDown", "Tab", " ", "Enter"]) expect(answerForKey(key)).toBeNull();
  });
});

describe("recordBody", () => {
  it("names each unanswered item, on the field the API uses for it", () => {
    const values = { ...emptyValues("phq9"), answers: [1, 1, null, 1, 1, 1, 1, 1, null] };
    const result = recordBody("phq9", SESSION_ID, values);
    if (result.ok) throw new Error("an incomplete form was accepted");
    expect(result.errors.fields).toEqual({ "items.2": "Answer item 3.", "items.8": "Answer item 9." });
  });

  it("sends the answers and the optional difficulty, never a total", () => {
    const values = { answers: [2, 2, 2, 2, 2, 2, 2, 1, 1], difficulty: "very" as const, total: "99" };
    expect(recordBody("phq9", SESSION_ID, values)).toEqual({
      ok: true,
      body: {
        sessionId: SESSION_ID,
        instrument: "phq9",
        items: [2, 2, 2, 2, 2, 2, 2, 1, 1],
        difficulty: "very",
      },
    });
  });
});

describe("correctionBody", () => {
  it("asks for a reason and every item, like a new score", () => {
    const values = valuesOfScore({
      instrument: "gad7",
      items: [1, 1, 1, 1, 1, 1],
      total: 6,
      difficulty: null,
    });
    expect(values.answers).toEqual([1, 1, 1, 1, 1, 1, null]);
    const result = correctionBody("gad7", values, " ");
    if (result.ok) throw new Error("a correction without a reason was accepted");
    expect(result.errors.fields).toEqual({ "items.6": "Answer item 7.", reason: "Give a reason." });
  });

  it("sends the corrected answers with the reason", () => {
    const values = valuesOfScore({ instrument: "hamd17", items: [], total: 14, difficulty: null });
    expect(values.total).toBe("14");
    const result = correctionBody("hamd17", { ...values, total: "12" }, "Typed 14 instead of 12.");
    expect(result).toEqual({ ok: true, body: { total: 12, reason: "Typed 14 instead of 12." } });
  });
});

describe("server refusals", () => {
  afterEach(() => {
    configureApiClient({ fetch: (...args) => globalThis.fetch(...args) });
  });

  it("puts the API's body.items.N errors on the items they name", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              code: "validation_failed",
              message: "Some fields are not valid.",
              fields: [
                { field: "body.items.3", message: "Answer item 4." },
                { field: "body.items.8", message: "Answer item 9." },
              ],
            },
          }),
          { status: 400, headers: { "Content-Type": "application/json" } },
        ),
    );
    configureApiClient({ fetch });
    const error = await recordMeasure({
      courseId: COURSE_ID,
      body: { sessionId: SESSION_ID, instrument: "phq9", items: [1, 1, 1, null, 1, 1, 1, 1, null] },
    }).catch((caught: unknown) => caught);
    expect(fetch.mock.calls[0]?.[0]).toBe(`/api/courses/${COURSE_ID}/measures`);
    const errors = entryErrorsFromError("phq9", error);
    expect(errors.fields).toEqual({ "items.3": "Answer item 4.", "items.8": "Answer item 9." });
    expect(errors.message).toBe("Some fields are not valid.");
  });

  it("lists every item field of each form, in order", () => {
    expect(entryFieldNames("phq9").slice(0, 9)).toEqual(
      instrumentDefinitions.phq9.items.map((_, index) => `items.${index}`),
    );
    expect(entryFieldNames("gad7")).toHaveLength(7 + 2);
    expect(entryFieldNames("hamd17")).toEqual(["total", "reason"]);
  });
});
