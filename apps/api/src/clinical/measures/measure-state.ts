// Where courses stand on their measures: current scores, open risk flags and the organisation's
// settings, loaded for many courses in a fixed number of queries (no per-course queries, no relation
// counts), then the shared rules compute the series, outcome, schedule, alerts and summary. The
// caseload, the course page and the measures view all go through here, so they always agree.
import {
  bandOf,
  courseOutcomeOf,
  defaultMeasurementSettings,
  measureFlags,
  measurementSchedule,
  type CourseOutcomeResult,
  type CourseKind,
  type CoursePhase,
  type DuePoint,
  type Flag,
  type FlagSeverity,
  type Instrument,
  type MeasurementSettings,
  type MeasureSummary,
  type OpenRiskFlag,
  type ScheduleSession,
  type ScoreSeries,
  type SeriesPoint,
  type SessionStatus,
} from "@ipt/shared";
import type { Db } from "../../db/prisma";
import { correctedIds } from "./measure-wire";
import { getMeasurementSettings } from "./settings-read";

export interface MeasureCourse {
  phase: CoursePhase;
  plannedSessions: number;
  /**
   * A maintenance course is measured at every session and has no acute response alerts (shared
   * measures/schedule and alerts). Required, so every view that computes a schedule (course page,
   * caseload, supervisor summaries) passes it and none falls back to the acute schedule.
   */
  kind: CourseKind;
}

export interface MeasureSession {
  id: string;
  number: number | null;
  status: SessionStatus;
}

/** A current score: what the rules need of it. */
export interface CurrentScore {
  sessionId: string;
  instrument: Instrument;
  total: number;
}

/** An unresolved risk flag: the session it was raised at and the item 9 answer. */
export interface OpenRisk {
  sessionId: string;
  itemValue: number;
}

export interface MeasureState {
  settings: MeasurementSettings;
  currentScores(courseId: string): CurrentScore[];
  openRisks(courseId: string): OpenRisk[];
}

function grouped<T extends { courseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.courseId);
    if (group) group.push(row);
    else groups.set(row.courseId, [row]);
  }
  return groups;
}

/**
 * Current scores and open risk flags of these courses, and the settings: three queries whatever the
 * number of courses. Run one after another, as `db` may be a transaction (one connection).
 */
export async function loadMeasureState(db: Db, courseIds: string[]): Promise<MeasureState> {
  // No course, nothing to compute: the settings are not needed either.
  if (courseIds.length === 0) {
    return { settings: defaultMeasurementSettings, currentScores: () => [], openRisks: () => [] };
  }
  // Every score of the courses (a course holds a few dozen at most): which are current is worked out
  // here, as a relation filter on the correction would be a subquery over the whole table.
  const scores = await db.measureScore.findMany({
    where: { courseId: { in: courseIds } },
    select: { id: true, courseId: true, sessionId: true, instrument: true, total: true, correctsId: true },
  });
  const risks = await db.riskFlag.findMany({
    where: { courseId: { in: courseIds }, resolvedAt: null },
    select: { courseId: true, sessionId: true, itemValue: true },
  });
  const { settings } = await getMeasurementSettings(db);
  const corrected = correctedIds(scores);
  const currentOf = grouped(scores.filter((score) => !corrected.has(score.id)));
  const risksOf = grouped(risks);
  return {
    settings,
    currentScores: (courseId) => currentOf.get(courseId) ?? [],
    openRisks: (courseId) => risksOf.get(courseId) ?? [],
  };
}

export interface CourseMeasureInput {
  course: MeasureCourse;
  sessions: readonly MeasureSession[];
  scores: readonly CurrentScore[];
  openRisks: readonly OpenRisk[];
  settings: MeasurementSettings;
}

export interface CourseMeasureResult {
  series: ScoreSeries;
  outcome: CourseOutcomeResult;
  schedule: DuePoint[];
  /** Risk and measurement alerts, most serious first; a completed course keeps only open risk. */
  flags: Flag[];
  summary: MeasureSummary;
}

/** Current scores per instrument, ordered by the session's current number (one per session). */
export function seriesOf(sessions: readonly MeasureSession[], scores: readonly CurrentScore[]): ScoreSeries {
  const numberOf = new Map(sessions.map((session) => [session.id, session.number]));
  const series: ScoreSeries = { phq9: [], gad7: [], hamd17: [] };
  for (const score of scores) {
    const sessionNumber = numberOf.get(score.sessionId);
    // Scores are taken at held sessions, which always keep a number.
    if (sessionNumber === null || sessionNumber === undefined) continue;
    series[score.instrument].push({ sessionNumber, total: score.total });
  }
  for (const points of Object.values(series) as SeriesPoint[][]) {
    points.sort((a, b) => a.sessionNumber - b.sessionNumber);
  }
  return series;
}

function latestOf(instrument: Instrument, points: readonly SeriesPoint[]) {
  const latest = points.at(-1);
  if (!latest) return null;
  const band = bandOf(instrument, latest.total);
  return {
    total: latest.total,
    sessionNumber: latest.sessionNumber,
    band: { key: band.key, label: band.label },
  };
}

/** What the measurement flags read once the series is built: held and no-show sessions at least. */
export interface SeriesMeasureInput {
  course: MeasureCourse;
  sessions: readonly ScheduleSession[];
  series: ScoreSeries;
  openRiskFlags: readonly OpenRiskFlag[];
  settings: MeasurementSettings;
}

/**
 * Risk and measurement alerts, most serious first; a completed course keeps only open risk. Takes the
 * series rather than the scores, so the supervisor's views can read it narrowly
 * (supervision/course-facts.ts).
 */
export function courseMeasureFlags(input: SeriesMeasureInput): Flag[] {
  const plannedSessions = Math.max(1, input.course.plannedSessions);
  const allFlags = measureFlags({ ...input, plannedSessions, kind: input.course.kind });
  // Risk stays until a clinician resolves it; schedule and progress alerts end with the course.
  return input.course.phase === "completed"
    ? allFlags.filter((flag) => flag.code === "risk_item9")
    : allFlags;
}

/** The measures summary the lists show: latest scores, the PHQ-9 change, status and open risk flags. */
export function measureSummaryOf(
  series: ScoreSeries,
  outcome: CourseOutcomeResult,
  openRiskFlags: number,
): MeasureSummary {
  const phq9 = outcome.phq9 && outcome.phq9.count >= 2 ? outcome.phq9 : null;
  return {
    latestPhq9: latestOf("phq9", series.phq9),
    latestGad7: latestOf("gad7", series.gad7),
    phq9Change: phq9?.change ?? null,
    phq9ReductionPercent: phq9?.reductionPercent ?? null,
    status: outcome.status,
    statusLabel: outcome.statusLabel,
    openRiskFlags,
  };
}

/** Everything the rules say about one course's measures. */
export function courseMeasuresOf(input: CourseMeasureInput): CourseMeasureResult {
  const { course, sessions, settings } = input;
  const series = seriesOf(sessions, input.scores);
  const outcome = courseOutcomeOf(series);
  const numberOf = new Map(sessions.map((session) => [session.id, session.number]));
  const openRiskFlags = input.openRisks.map((risk) => ({
    sessionNumber: numberOf.get(risk.sessionId) ?? null,
    itemValue: risk.itemValue,
  }));
  const plannedSessions = Math.max(1, course.plannedSessions);
  return {
    series,
    outcome,
    schedule: measurementSchedule({
      plannedSessions,
      sessions,
      series,
      settings,
      kind: course.kind,
    }),
    flags: courseMeasureFlags({ course, sessions, series, openRiskFlags, settings }),
    summary: measureSummaryOf(series, outcome, openRiskFlags.length),
  };
}

/** The measures of one course out of a loaded state. */
export function measuresFromState(
  state: MeasureState,
  courseId: string,
  course: MeasureCourse,
  sessions: readonly MeasureSession[],
): CourseMeasureResult {
  return courseMeasuresOf({
    course,
    sessions,
    scores: state.currentScores(courseId),
    openRisks: state.openRisks(courseId),
    settings: state.settings,
  });
}

const severityRank: Record<FlagSeverity, number> = { red: 0, amber: 1, notice: 2 };

/** Measure flags, then course flags, ordered red, amber, notice (each list keeps its own order). */
export function mergeFlags(measureFlagList: readonly Flag[], courseFlagList: readonly Flag[]): Flag[] {
  return [...measureFlagList, ...courseFlagList].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  );
}
