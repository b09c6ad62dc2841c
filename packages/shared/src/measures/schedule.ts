// When PHQ-9 and GAD-7 are due in a course, and whether each was recorded. The default follows the app
// synthesis of docs/clinical-reference.md §7: a baseline, a score at least every 4 sessions and a
// final-session score (the IPT Institute asks for PHQ-9 and GAD-7 at intake and every 4 sessions [S12b]),
// plus the early and mid-course reviews of the alert rules (§9) [MBC-default]. A weekly cadence is a setting.
import type { CourseKind, SessionStatus } from "../ipt/vocabulary";
import type { DuePoint, SeriesPoint } from "./results";
import type { MeasurementSettings } from "./settings";
import { dueReasons, type DueReason, type DueState } from "./vocabulary";

export interface MeasurementPoint {
  sessionNumber: number;
  reasons: DueReason[];
}

export interface ScheduleSession {
  number: number | null;
  status: SessionStatus;
}

export interface ScheduleInput {
  plannedSessions: number;
  sessions: readonly ScheduleSession[];
  series: { phq9: readonly SeriesPoint[]; gad7: readonly SeriesPoint[] };
  settings: MeasurementSettings;
  /** A maintenance course is measured at every session (maintenanceMeasurementPoints); default acute. */
  kind?: CourseKind;
}

function assertPlanned(plannedSessions: number): void {
  if (!Number.isInteger(plannedSessions) || plannedSessions < 1) {
    throw new RangeError(`Planned sessions must be a whole number of at least 1; got ${plannedSessions}.`);
  }
}

/** The mid-course review: session 6 of 12, 8 of 16, 4 of 8; half the course, rounded, for other lengths. */
export function midCourseSession(plannedSessions: number): number {
  assertPlanned(plannedSessions);
  return Math.round(plannedSessions / 2);
}

/**
 * The sessions at which PHQ-9 and GAD-7 are due, in session order, each with every reason it is due:
 * baseline (session 1), every `measureEverySessions` sessions, the early review (when before the last
 * session), the mid-course review and the final session.
 */
export function measurementPoints(
  plannedSessions: number,
  settings: MeasurementSettings,
  kind: CourseKind = "acute",
): MeasurementPoint[] {
  if (kind === "maintenance") return maintenanceMeasurementPoints(plannedSessions);
  const final = plannedSessions;
  const due = new Map<number, Set<DueReason>>();
  const add = (sessionNumber: number, reason: DueReason) => {
    const reasons = due.get(sessionNumber) ?? new Set<DueReason>();
    reasons.add(reason);
    due.set(sessionNumber, reasons);
  };
  const mid = midCourseSession(plannedSessions);
  add(1, "baseline");
  const every = settings.measureEverySessions;
  for (let session = every; session <= final; session += every) {
    add(session, every === 1 ? "every_session" : "interval");
  }
  if (settings.earlyReviewSession < final) add(settings.earlyReviewSession, "early_review");
  add(mid, "mid_course");
  add(final, "final");
  return [...due.entries()]
    .sort(([a], [b]) => a - b)
    .map(([sessionNumber, reasons]) => ({
      sessionNumber,
      reasons: dueReasons.filter((reason) => reasons.has(reason)),
    }));
}

/**
 * A maintenance course's points: PHQ-9 and GAD-7 at every session, the first as its baseline and the last
 * as its final score. **Project synthesis** (docs/clinical-reference.md §5): maintenance is there to prevent
 * relapse [S4][S27c], and noticing a return of symptoms early needs a score each time; at monthly sessions
 * this is about the 4-weekly assessment of an IPT trial [S23a] and denser than every 4 sessions [S12b].
 * The acute course's early and mid-course reviews do not apply.
 */
export function maintenanceMeasurementPoints(plannedSessions: number): MeasurementPoint[] {
  assertPlanned(plannedSessions);
  return Array.from({ length: plannedSessions }, (_, index) => {
    const sessionNumber = index + 1;
    const reasons: DueReason[] = [
      ...(sessionNumber === 1 ? (["baseline"] as const) : []),
      "every_session",
      ...(sessionNumber === plannedSessions ? (["final"] as const) : []),
    ];
    return { sessionNumber, reasons: dueReasons.filter((reason) => reasons.includes(reason)) };
  });
}

/**
 * Each measurement point with the state of PHQ-9 and GAD-7 there. A point's window runs from its session
 * to the next point (the last point's window has no end); a score in the window records it. Otherwise a
 * point is reached once a session numbered at or after it has been held: the latest reached point is
 * overdue, earlier ones are missed, and points not yet reached are upcoming.
 */
export function measurementSchedule(input: ScheduleInput): DuePoint[] {
  const points = measurementPoints(input.plannedSessions, input.settings, input.kind);
  const held = input.sessions
    .filter((session) => session.status === "held" && session.number !== null)
    .map((session) => session.number as number);
  const lastHeld = held.length > 0 ? Math.max(...held) : null;
  const reached = (sessionNumber: number) => lastHeld !== null && lastHeld >= sessionNumber;
  const latestReached = points.filter((point) => reached(point.sessionNumber)).at(-1)?.sessionNumber ?? null;

  return points.map((point, index) => {
    const from = point.sessionNumber;
    const until = points[index + 1]?.sessionNumber ?? Number.POSITIVE_INFINITY;
    const stateOf = (scores: readonly SeriesPoint[]): DueState => {
      if (scores.some((score) => score.sessionNumber >= from && score.sessionNumber < until))
        return "recorded";
      if (!reached(from)) return "upcoming";
      return from === latestReached ? "overdue" : "missed";
    };
    return {
      sessionNumber: point.sessionNumber,
      reasons: point.reasons,
      phq9: stateOf(input.series.phq9),
      gad7: stateOf(input.series.gad7),
    };
  });
}
