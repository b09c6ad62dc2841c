// One row per course with what the supervisor's views show of it (docs/decisions/023): phase, session
// n of N, latest scores and change, open risk flags, overdue items, the flags and the urgency. The
// cockpit and the therapist summaries read these rows instead of every session, score and flag of
// every open course on each request.
//
// The rows are kept current on write: every transaction that changes what a row shows (sessions,
// scores, risk flags and their follow-ups, life events, the course itself, the client's name, the
// measurement settings) calls refreshCourseSummary (or refreshCourseSummaries) before it commits. A
// refresh computes the row from scratch by the same rules the course page uses (computeCourseSummaries:
// course-facts.ts, flagsOf, courseMeasureFlags, measureSummaryOf), so the stored row cannot follow
// other rules. It first locks the course row (as every course write already does, ../plan/course-write),
// so two writers of one course refresh one after the other and the later one reads what the earlier
// committed. None of the rules reads the calendar (every schedule and flag counts sessions), so a
// stored row never goes stale by the clock alone.
//
// rebuildCourseSummaries recomputes rows in batches (start-up fills missing rows and rows of an older
// SUMMARY_RULES_VERSION; a bulk-loaded database calls it once); verifyCourseSummaries recomputes every
// row and lists those that differ (the resilience scenarios and the property test call it).
import { isDeepStrictEqual } from "node:util";
import {
  courseOutcomeOf,
  type CockpitRow,
  type CoursePhase,
  type Flag,
  type MeasurementSettings,
} from "@ipt/shared";
import type { Db, Prisma, PrismaClient, Tx } from "../db/prisma";
import { flagCourseSelect, flagsOf } from "../clinical/courses/course-flags";
import { courseMeasureFlags, measureSummaryOf, mergeFlags } from "../clinical/measures/measure-state";
import { getMeasurementSettings } from "../clinical/measures/settings-read";
import { loadCourseFacts, type CourseFacts } from "./course-facts";

/**
 * Raise it when a rule that a stored row reflects changes: start-up then recomputes every row.
 * 2: a maintenance course's row follows its own measurement points and alerts (its kind is passed), and
 * it is not counted as a measured course (docs/decisions/026).
 */
export const SUMMARY_RULES_VERSION = 2;

/** An active client's course: the cockpit lists these. */
export const OPEN_PHASES: readonly CoursePhase[] = ["initial", "middle", "termination", "maintenance"];
const NON_RESPONSE_CODES: readonly Flag["code"][] = [
  "reliable_deterioration",
  "not_on_track",
  "early_non_response",
];

/** What a cockpit row shows of the course; the client and the therapist are added when it is read. */
export type StoredCockpitRow = Omit<CockpitRow, "client" | "therapist">;

/** One course_summaries row. */
export interface CourseSummaryRecord {
  courseId: string;
  therapistId: string;
  clientId: string;
  clientName: string;
  phase: CoursePhase;
  /** 0 an open risk flag, 1 non-response, 2 overdue items, 3 the rest. */
  urgency: number;
  risk: boolean;
  nonResponse: boolean;
  /** Any overdue item: measures, an unsigned session or the ending not raised. */
  overdue: boolean;
  riskSince: Date | null;
  openRiskFlags: number;
  /**
   * Response and remission are defined: a PHQ-9 baseline high enough and a later PHQ-9, in a course
   * that is not maintenance (a maintenance course keeps the gains of its acute course, which is the one
   * measured; it is watched for deterioration instead, as the course page does).
   */
  measured: boolean;
  outcomeStatus: string;
  row: StoredCockpitRow;
}

const summaryCourseSelect = {
  ...flagCourseSelect,
  client: { select: { displayName: true, therapistId: true } },
} satisfies Prisma.CourseSelect;

type SummaryCourse = Prisma.CourseGetPayload<{ select: typeof summaryCourseSelect }>;

/** The urgency of a course with an open risk flag: first in the cockpit, and how flagged courses are found. */
export const RISK_URGENCY = 0;

/** The rules applied to one course's facts: the general computation every stored row must equal. */
export function summaryOf(
  course: SummaryCourse,
  fact: CourseFacts,
  settings: MeasurementSettings,
): CourseSummaryRecord {
  // The course flags read the held sessions and the next planned one; the measure flags read the
  // course's kind (`course.kind`: a maintenance course's own measurement points and alerts).
  const next = fact.nextPlannedNumber;
  const flagSessions =
    next === null ? fact.attended : [...fact.attended, { number: next, status: "planned" as const }];
  const flags = mergeFlags(
    courseMeasureFlags({
      course,
      sessions: fact.attended,
      series: fact.series,
      openRiskFlags: fact.openRisks,
      settings,
    }),
    flagsOf(course, flagSessions, fact.lifeEventKinds),
  );
  const has = (code: Flag["code"]) => flags.some((flag) => flag.code === code);
  const outcome = courseOutcomeOf(fact.series);
  const risk = fact.openRisks.length > 0;
  const nonResponse = flags.some((flag) => NON_RESPONSE_CODES.includes(flag.code));
  const overdueItems = {
    measures: has("measures_overdue"),
    unsignedSessions: fact.unsignedSessions,
    terminationNotRaised: has("termination_not_raised"),
  };
  const overdue =
    overdueItems.measures || overdueItems.unsignedSessions > 0 || overdueItems.terminationNotRaised;
  return {
    courseId: course.id,
    therapistId: course.client.therapistId,
    clientId: course.clientId,
    clientName: course.client.displayName,
    phase: course.phase,
    urgency: risk ? RISK_URGENCY : nonResponse ? 1 : overdue ? 2 : 3,
    risk,
    nonResponse,
    overdue,
    riskSince: fact.riskSince,
    openRiskFlags: fact.openRisks.length,
    measured: course.kind !== "maintenance" && outcome.percentRulesApply && (outcome.phq9?.count ?? 0) >= 2,
    outcomeStatus: outcome.status,
    row: {
      course: {
        id: course.id,
        format: course.format,
        phase: course.phase,
        sessionsHeld: fact.sessionsHeld,
        plannedSessions: course.plannedSessions,
      },
      measures: measureSummaryOf(fact.series, outcome, fact.openRisks.length),
      risk,
      nonResponse,
      overdue: overdueItems,
      flags,
      lastActivityAt: fact.lastActivityAt?.toISOString() ?? null,
    },
  };
}

/** The summaries of these courses computed from scratch: three queries whatever their number. */
export async function computeCourseSummaries(
  db: Db,
  courseIds: readonly string[],
): Promise<CourseSummaryRecord[]> {
  if (courseIds.length === 0) return [];
  // One after another: `db` may be a transaction (one connection).
  const courses = await db.course.findMany({
    where: { id: { in: [...courseIds] } },
    select: summaryCourseSelect,
  });
  const facts = await loadCourseFacts(
    db,
    courses.map((course) => course.id),
  );
  const { settings } = await getMeasurementSettings(db);
  return courses.flatMap((course) => {
    const fact = facts.get(course.id);
    return fact ? [summaryOf(course, fact, settings)] : [];
  });
}

/** Stores the records (insert or replace) and removes the rows of asked-for courses that are gone. */
async function storeSummaries(tx: Tx, courseIds: readonly string[], records: CourseSummaryRecord[]) {
  if (records.length > 0) {
    const json = JSON.stringify(
      records.map((record) => ({
        course_id: record.courseId,
        therapist_id: record.therapistId,
        client_id: record.clientId,
        client_name: record.clientName,
        phase: record.phase,
        urgency: record.urgency,
        risk: record.risk,
        non_response: record.nonResponse,
        overdue: record.overdue,
        risk_since: record.riskSince?.toISOString() ?? null,
        open_risk_flags: record.openRiskFlags,
        measured: record.measured,
        outcome_status: record.outcomeStatus,
        row: record.row,
      })),
    );
    await tx.$executeRaw`
      INSERT INTO course_summaries AS s (course_id, therapist_id, client_id, client_name, phase, urgency, risk,
        non_response, overdue, risk_since, open_risk_flags, measured, outcome_status, row, rules_version,
        refreshed_at)
      SELECT r.course_id, r.therapist_id, r.client_id, r.client_name, r.phase, r.urgency, r.risk,
             r.non_response, r.overdue, r.risk_since, r.open_risk_flags, r.measured, r.outcome_status, r.row,
             ${SUMMARY_RULES_VERSION}, now()
      FROM json_to_recordset(${json}::json) AS r(course_id uuid, therapist_id uuid, client_id uuid,
        client_name text, phase "CoursePhase", urgency smallint, risk boolean, non_response boolean,
        overdue boolean, risk_since timestamptz, open_risk_flags integer, measured boolean,
        outcome_status text, row jsonb)
      ON CONFLICT (course_id) DO UPDATE SET
        therapist_id = EXCLUDED.therapist_id, client_id = EXCLUDED.client_id,
        client_name = EXCLUDED.client_name, phase = EXCLUDED.phase, urgency = EXCLUDED.urgency,
        risk = EXCLUDED.risk, non_response = EXCLUDED.non_response, overdue = EXCLUDED.overdue,
        risk_since = EXCLUDED.risk_since, open_risk_flags = EXCLUDED.open_risk_flags,
        measured = EXCLUDED.measured, outcome_status = EXCLUDED.outcome_status, row = EXCLUDED.row,
        rules_version = EXCLUDED.rules_version, refreshed_at = EXCLUDED.refreshed_at`;
  }
  const kept = new Set(records.map((record) => record.courseId));
  const gone = courseIds.filter((id) => !kept.has(id));
  if (gone.length > 0)
    await tx.$executeRaw`DELETE FROM course_summaries WHERE course_id = ANY(${gone}::uuid[])`;
}

/**
 * Recomputes and stores these courses' summaries inside the caller's transaction. Locks the course
 * rows first (in id order), so a concurrent writer of the same course waits and this reads what it
 * committed. Call it after the transaction's writes; a rollback takes the new rows with it.
 */
export async function refreshCourseSummaries(tx: Tx, courseIds: readonly string[]): Promise<void> {
  const ids = [...new Set(courseIds)].sort();
  if (ids.length === 0) return;
  await tx.$queryRaw`SELECT 1 FROM courses WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  await storeSummaries(tx, ids, await computeCourseSummaries(tx, ids));
}

/** refreshCourseSummaries for one course. */
export function refreshCourseSummary(tx: Tx, courseId: string): Promise<void> {
  return refreshCourseSummaries(tx, [courseId]);
}

/** Every course of a client: a change to the client (its name) or its timeline (life events). */
export async function refreshClientCourseSummaries(tx: Tx, clientId: string): Promise<void> {
  const courses = await tx.course.findMany({ where: { clientId }, select: { id: true } });
  await refreshCourseSummaries(
    tx,
    courses.map((course) => course.id),
  );
}

/** The next `batchSize` course ids after `after`, in id order; only missing or outdated rows if `onlyStale`. */
async function courseIdBatch(db: Db, after: string | null, batchSize: number, onlyStale: boolean) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT course.id::text AS id
    FROM courses course
    LEFT JOIN course_summaries summary ON summary.course_id = course.id
    WHERE (${after}::uuid IS NULL OR course.id > ${after}::uuid)
      AND (NOT ${onlyStale} OR summary.course_id IS NULL OR summary.rules_version <> ${SUMMARY_RULES_VERSION})
    ORDER BY course.id
    LIMIT ${batchSize}`;
  return rows.map((row) => row.id);
}

/** Every course's summary, recomputed inside the caller's transaction (a measurement settings change). */
export async function refreshAllCourseSummaries(tx: Tx, batchSize = 500): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const ids = await courseIdBatch(tx, after, batchSize, false);
    if (ids.length === 0) return count;
    await refreshCourseSummaries(tx, ids);
    count += ids.length;
    after = ids.at(-1) ?? null;
  }
}

export interface RebuildOptions {
  /** Only courses without a row or with a row of an older SUMMARY_RULES_VERSION (start-up). */
  onlyStale?: boolean;
  /** Courses per transaction (500). */
  batchSize?: number;
}

/**
 * Recomputes the summaries of every course (or only the missing and outdated ones), `batchSize`
 * courses per transaction, each locking its courses as a write does: safe beside a running API.
 * For start-up after the migration, and after a database was loaded by bulk SQL (the benchmark's
 * seed). Returns the number of courses recomputed.
 */
export async function rebuildCourseSummaries(
  prisma: PrismaClient,
  options: RebuildOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const onlyStale = options.onlyStale ?? false;
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const ids = await courseIdBatch(prisma, after, batchSize, onlyStale);
    if (ids.length === 0) return count;
    await prisma.$transaction((tx) => refreshCourseSummaries(tx, ids), { timeout: 120_000 });
    count += ids.length;
    after = ids.at(-1) ?? null;
  }
}

/** One stored row that is not what the rules give now. */
export interface SummaryMismatch {
  courseId: string;
  /** "missing" (no row), "extra" (a row without its course) or the first differing field. */
  problem: string;
}

/** A row as read back from the table, its JSON not yet checked. */
type StoredSummary = Omit<CourseSummaryRecord, "row"> & { row: unknown };

/** The record as it reads back from the table: JSON drops undefined fields. */
const asStored = (record: CourseSummaryRecord): StoredSummary => ({
  ...record,
  row: JSON.parse(JSON.stringify(record.row)) as unknown,
});

const FIELDS = [
  "therapistId",
  "clientId",
  "clientName",
  "phase",
  "urgency",
  "risk",
  "nonResponse",
  "overdue",
  "riskSince",
  "openRiskFlags",
  "measured",
  "outcomeStatus",
  "row",
] as const satisfies readonly (keyof StoredSummary)[];

/**
 * Recomputes every course's summary (or only `courseIds`') from scratch and compares it with the
 * stored row: the rows that differ, are missing or have no course. Reads only, `batchSize` courses at
 * a time.
 */
export async function verifyCourseSummaries(
  db: Db,
  options: { courseIds?: readonly string[]; batchSize?: number } = {},
): Promise<{ checked: number; mismatches: SummaryMismatch[] }> {
  const batchSize = options.batchSize ?? 500;
  const only = options.courseIds ? [...new Set(options.courseIds)].sort() : null;
  const mismatches: SummaryMismatch[] = [];
  let after: string | null = null;
  let checked = 0;
  for (;;) {
    const ids: string[] = only
      ? only.filter((id) => after === null || id > after).slice(0, batchSize)
      : await courseIdBatch(db, after, batchSize, false);
    if (ids.length === 0) break;
    const expected = await computeCourseSummaries(db, ids);
    const stored = await db.$queryRaw<StoredSummary[]>`
      SELECT course_id::text AS "courseId", therapist_id::text AS "therapistId", client_id::text AS "clientId",
             client_name AS "clientName", phase::text AS phase, urgency::int AS urgency, risk,
             non_response AS "nonResponse", overdue, risk_since AS "riskSince",
             open_risk_flags AS "openRiskFlags", measured, outcome_status AS "outcomeStatus", row
      FROM course_summaries WHERE course_id = ANY(${ids}::uuid[])`;
    const storedOf = new Map(stored.map((row) => [row.courseId, row]));
    for (const record of expected.map(asStored)) {
      const row = storedOf.get(record.courseId);
      const field = row ? FIELDS.find((name) => !isDeepStrictEqual(row[name], record[name])) : "missing";
      if (field) mismatches.push({ courseId: record.courseId, problem: field });
    }
    checked += ids.length;
    after = ids.at(-1) ?? null;
  }
  if (only) return { checked, mismatches };
  const extra = await db.$queryRaw<{ courseId: string }[]>`
    SELECT summary.course_id::text AS "courseId" FROM course_summaries summary
    WHERE NOT EXISTS (SELECT 1 FROM courses course WHERE course.id = summary.course_id)`;
  mismatches.push(...extra.map(({ courseId }) => ({ courseId, problem: "extra" })));
  return { checked, mismatches };
}
