import { describe, expect, it } from "vitest";
import { riskReviewMissing, riskReviewOf, riskReviewRequired, type SessionPosition } from "./risk-review";

// Source: [S25l][S25m] (item 9 needs further assessment; a later negative answer does not rule risk
// out). Asking at every later session and gating the signature are the synthesis in risk-review.ts.
const at = (date: string, time = "09:00", createdOrder = 1): SessionPosition => ({
  date,
  time,
  createdOrder,
});
const flagAt = at("2026-03-09", "09:00", 3);

describe("which sessions carry the risk review [S25l][S25m]", () => {
  it.each([
    { name: "no flag on the course", session: at("2026-03-16"), flags: [], required: false },
    {
      name: "the flag's own session (the follow-up gate applies there)",
      session: flagAt,
      flags: [flagAt],
      required: false,
    },
    {
      name: "a session before the flag",
      session: at("2026-03-02", "09:00", 2),
      flags: [flagAt],
      required: false,
    },
    {
      name: "the next week's session",
      session: at("2026-03-16", "09:00", 4),
      flags: [flagAt],
      required: true,
    },
    { name: "same day, later time", session: at("2026-03-09", "15:00", 5), flags: [flagAt], required: true },
    {
      name: "same day and time, created later",
      session: at("2026-03-09", "09:00", 6),
      flags: [flagAt],
      required: true,
    },
    {
      name: "a baseline flag (session 1), any later session",
      session: at("2026-05-04", "09:00", 9),
      flags: [at("2026-02-23", "09:00", 1)],
      required: true,
    },
    {
      name: "one of two flags is earlier",
      session: at("2026-03-12"),
      flags: [at("2026-03-20"), flagAt],
      required: true,
    },
  ])("$name → $required", ({ session, flags, required }) => {
    expect(riskReviewRequired(session, flags)).toBe(required);
  });
});

describe("signing waits for the risk review [S25l][S25m]", () => {
  it.each([
    { required: false, done: false, note: "", missing: false },
    { required: true, done: false, note: "", missing: true },
    { required: true, done: false, note: "   ", missing: true },
    { required: true, done: true, note: "", missing: false },
    { required: true, done: false, note: "Did not attend; outreach call made.", missing: false },
  ])("required $required, done $done, note '$note' → missing $missing", (state) => {
    expect(riskReviewMissing(state)).toBe(state.missing);
  });

  it("says on the wire what it is, where it comes from, and that it is a synthesis", () => {
    const review = riskReviewOf({ required: true, done: false, note: "" });
    expect(review.sources).toEqual(["S25l", "S25m"]);
    expect(review.synthesisNote).toMatch(/not a published standard/);
  });
});
