import { describe, expect, it } from "vitest";
import type { SessionStatus } from "../ipt/vocabulary";
import type { SeriesPoint } from "./results";
import { measurementPoints, measurementSchedule, midCourseSession, type ScheduleSession } from "./schedule";
import { defaultMeasurementSettings, type MeasurementSettings } from "./settings";
import type { DueReason, DueState } from "./vocabulary";

const settings = (overrides: Partial<MeasurementSettings> = {}): MeasurementSettings => ({
  ...defaultMeasurementSettings,
  ...overrides,
});

const at = (...sessions: number[]): SeriesPoint[] =>
  sessions.map((sessionNumber) => ({ sessionNumber, total: 10 }));

/** Sessions 1..planned: held up to `held`, then planned; `statuses` overrides single sessions. */
function sessions(
  planned: number,
  held: number,
  statuses: Record<number, SessionStatus> = {},
): ScheduleSession[] {
  return Array.from({ length: planned }, (_, index) => {
    const number = index + 1;
    return { number, status: statuses[number] ?? (number <= held ? "held" : "planned") };
  });
}

describe("midCourseSession", () => {
  it.each([
    [12, 6],
    [16, 8],
    [8, 4],
    [10, 5],
    [14, 7],
    [9, 5],
    [1, 1],
  ])("session %i course: mid-course review at session %i", (planned, mid) => {
    expect(midCourseSession(planned)).toBe(mid);
  });

  it.each([0, -4, 2.5])("refuses %s planned sessions", (planned) => {
    expect(() => midCourseSession(planned)).toThrow(RangeError);
  });
});

describe("measurementPoints", () => {
  it.each<[string, number, Partial<MeasurementSettings>, [number, DueReason[]][]]>([
    [
      "12 sessions, defaults",
      12,
      {},
      [
        [1, ["baseline"]],
        [4, ["interval", "early_review"]],
        [6, ["mid_course"]],
        [8, ["interval"]],
        [12, ["interval", "final"]],
      ],
    ],
    [
      "16 sessions, defaults",
      16,
      {},
      [
        [1, ["baseline"]],
        [4, ["interval", "early_review"]],
        [8, ["interval", "mid_course"]],
        [12, ["interval"]],
        [16, ["interval", "final"]],
      ],
    ],
    [
      "8 sessions, defaults: early review and mid-course coincide",
      8,
      {},
      [
        [1, ["baseline"]],
        [4, ["interval", "early_review", "mid_course"]],
        [8, ["interval", "final"]],
      ],
    ],
    [
      "5 sessions",
      5,
      {},
      [
        [1, ["baseline"]],
        [3, ["mid_course"]],
        [4, ["interval", "early_review"]],
        [5, ["final"]],
      ],
    ],
    [
      "4 sessions: no early review at the final session",
      4,
      {},
      [
        [1, ["baseline"]],
        [2, ["mid_course"]],
        [4, ["interval", "final"]],
      ],
    ],
    ["1 session", 1, {}, [[1, ["baseline", "mid_course", "final"]]]],
    [
      "12 sessions every 3, early review at 3",
      12,
      { measureEverySessions: 3, earlyReviewSession: 3 },
      [
        [1, ["baseline"]],
        [3, ["interval", "early_review"]],
        [6, ["interval", "mid_course"]],
        [9, ["interval"]],
        [12, ["interval", "final"]],
      ],
    ],
    [
      "14 sessions: 7 is mid-course, 14 is final but not a multiple of 4",
      14,
      {},
      [
        [1, ["baseline"]],
        [4, ["interval", "early_review"]],
        [7, ["mid_course"]],
        [8, ["interval"]],
        [12, ["interval"]],
        [14, ["final"]],
      ],
    ],
  ])("%s", (_, planned, overrides, expected) => {
    expect(measurementPoints(planned, settings(overrides))).toEqual(
      expected.map(([sessionNumber, reasons]) => ({ sessionNumber, reasons })),
    );
  });

  it("measures at every session when the setting is 1", () => {
    const points = measurementPoints(12, settings({ measureEverySessions: 1 }));
    expect(points.map((point) => point.sessionNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(points[0]?.reasons).toEqual(["baseline", "every_session"]);
    expect(points[1]?.reasons).toEqual(["every_session"]);
    expect(points[3]?.reasons).toEqual(["every_session", "early_review"]);
    expect(points[5]?.reasons).toEqual(["every_session", "mid_course"]);
    expect(points[11]?.reasons).toEqual(["every_session", "final"]);
  });

  it("refuses a course without sessions", () => {
    expect(() => measurementPoints(0, settings())).toThrow(RangeError);
  });
});

describe("measurementSchedule", () => {
  type Row = [number, DueState, DueState];
  const states = (
    planned: number,
    held: number,
    phq9: SeriesPoint[],
    gad7: SeriesPoint[],
    overrides: Partial<MeasurementSettings> = {},
    statuses: Record<number, SessionStatus> = {},
  ): Row[] =>
    measurementSchedule({
      plannedSessions: planned,
      sessions: sessions(planned, held, statuses),
      series: { phq9, gad7 },
      settings: settings(overrides),
    }).map((point) => [point.sessionNumber, point.phq9, point.gad7]);

  it("is all upcoming before the first session is held", () => {
    expect(states(12, 0, [], [])).toEqual([
      [1, "upcoming", "upcoming"],
      [4, "upcoming", "upcoming"],
      [6, "upcoming", "upcoming"],
      [8, "upcoming", "upcoming"],
      [12, "upcoming", "upcoming"],
    ]);
  });

  it("marks the baseline overdue once session 1 is held without scores", () => {
    expect(states(12, 1, [], [])[0]).toEqual([1, "overdue", "overdue"]);
    expect(states(12, 1, at(1), at(1))[0]).toEqual([1, "recorded", "recorded"]);
  });

  it("makes the latest reached point overdue and earlier unrecorded points missed", () => {
    expect(states(12, 4, at(1), at(1)).slice(0, 3)).toEqual([
      [1, "recorded", "recorded"],
      [4, "overdue", "overdue"],
      [6, "upcoming", "upcoming"],
    ]);
    expect(states(12, 6, at(1), at(1)).slice(0, 3)).toEqual([
      [1, "recorded", "recorded"],
      [4, "missed", "missed"],
      [6, "overdue", "overdue"],
    ]);
  });

  it("keeps a point overdue until the next point is reached", () => {
    expect(states(12, 5, at(1), at(1))[1]).toEqual([4, "overdue", "overdue"]);
  });

  it("records a point with a score anywhere in its window, up to the next point", () => {
    expect(states(12, 6, at(1, 5), at(1, 5)).slice(1, 3)).toEqual([
      [4, "recorded", "recorded"],
      [6, "overdue", "overdue"],
    ]);
    expect(states(12, 6, at(1, 6), at(1, 6)).slice(1, 3)).toEqual([
      [4, "missed", "missed"],
      [6, "recorded", "recorded"],
    ]);
  });

  it("tracks PHQ-9 and GAD-7 separately", () => {
    expect(states(12, 4, at(1, 4), at(1))[1]).toEqual([4, "recorded", "overdue"]);
  });

  it("gives the final point an open window", () => {
    const rows = states(12, 13, at(1, 4, 6, 8, 13), at(1, 4, 6, 8, 13), {}, { 13: "held" });
    expect(rows.every(([, phq, gad]) => phq === "recorded" && gad === "recorded")).toBe(true);
    expect(states(12, 12, at(1, 4, 6, 8), at(1, 4, 6, 8)).at(-1)).toEqual([12, "overdue", "overdue"]);
  });

  it("is fully recorded when every point has its scores", () => {
    const rows = states(16, 16, at(1, 4, 8, 12, 16), at(1, 4, 8, 12, 16));
    expect(rows.map(([n]) => n)).toEqual([1, 4, 8, 12, 16]);
    expect(rows.every(([, phq, gad]) => phq === "recorded" && gad === "recorded")).toBe(true);
  });

  it("does not count no-shows, cancellations or unnumbered sessions as reaching a point", () => {
    expect(states(12, 3, at(1), at(1), {}, { 4: "no_show" })[1]).toEqual([4, "upcoming", "upcoming"]);
    expect(states(12, 3, at(1), at(1), {}, { 4: "cancelled", 5: "no_show" })[1]).toEqual([
      4,
      "upcoming",
      "upcoming",
    ]);
    const unnumbered = measurementSchedule({
      plannedSessions: 12,
      sessions: [...sessions(12, 3), { number: null, status: "held" }],
      series: { phq9: at(1), gad7: at(1) },
      settings: settings(),
    });
    expect(unnumbered[1]?.phq9).toBe("upcoming");
  });

  it("follows the weekly setting", () => {
    expect(states(6, 3, at(1, 2), at(1, 2), { measureEverySessions: 1 })).toEqual([
      [1, "recorded", "recorded"],
      [2, "recorded", "recorded"],
      [3, "overdue", "overdue"],
      [4, "upcoming", "upcoming"],
      [5, "upcoming", "upcoming"],
      [6, "upcoming", "upcoming"],
    ]);
    expect(states(6, 4, at(1, 2, 4), at(1, 2, 4), { measureEverySessions: 1 }).slice(2, 4)).toEqual([
      [3, "missed", "missed"],
      [4, "recorded", "recorded"],
    ]);
  });
});
