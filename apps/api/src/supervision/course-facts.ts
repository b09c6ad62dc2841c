// What the supervisor's views read of many courses' sessions, scores, risk flags and life events: only
// what the rules look at. Materialising every session and score through Prisma took a third of the
// cockpit's CPU for 1,000 courses (docs/benchmarks.md), so they are aggregated in PostgreSQL to a few
// numbers per course and come back as one JSON value: one JSON.parse instead of Prisma's per-row and
// per-value work. flagsOf and measure-state.ts compute the same results from the full rows;
// course-facts.int.test.ts proves the two agree.
import type { LifeEventKind, OpenRiskFlag, ScoreSeries, SeriesPoint, SessionStatus } from "@ipt/shared";
import type { Db } from "../db/prisma";

/** A held or no-show session with its number: all the schedule, no-show and termination rules read. */
export interface AttendedSession {
  number: number;
  status: Extract<SessionStatus, "held" | "no_show">;
}

export interface CourseFacts {
  /** Held and no-show sessions (in no particular order). */
  attended: AttendedSession[];
  sessionsHeld: number;
  /** Held or no-show sessions not yet signed. */
  unsignedSessions: number;
  /** The number of the lowest-numbered planned session. */
  nextPlannedNumber: number | null;
  /** Current scores (corrected ones left out) by session number, as seriesOf builds them. */
  series: ScoreSeries;
  /** Unresolved risk flags, oldest first, with the current number of their session. */
  openRisks: OpenRiskFlag[];
  /** When the oldest unresolved risk flag was raised. */
  riskSince: Date | null;
  /** The latest write: to a session, a score (corrected or not), a risk flag or its follow-up. */
  lastActivityAt: Date | null;
  /** The distinct kinds of life event on the client's timeline (the problem-area notices read them). */
  lifeEventKinds: LifeEventKind[];
}

/** One course as the query below spells it; timestamps are ISO strings in JSON. */
interface FactsRow {
  courseId: string;
  held: number;
  unsigned: number;
  nextPlanned: number | null;
  /** [number, held (else a no-show)] */
  attended: [number, boolean][] | null;
  /** [instrument, session number, total] of the current scores at numbered sessions. */
  scores: [keyof ScoreSeries, number, number][] | null;
  /** [session number, item 9 answer] */
  openRisks: [number | null, number][] | null;
  riskSince: string | null;
  lastActivityAt: string | null;
  lifeEventKinds: LifeEventKind[] | null;
}

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));

/** One query whatever the number of courses; every course asked for gets its facts. */
export async function loadCourseFacts(db: Db, courseIds: string[]): Promise<Map<string, CourseFacts>> {
  const facts = new Map<string, CourseFacts>();
  if (courseIds.length === 0) return facts;
  // Counted sessions carry a number (a cancelled one only counts as activity). A score is current
  // unless another corrects it, and a score at a session without a number is in no series. The
  // latest follow-up of a risk flag counts as activity. GREATEST ignores nulls. Removed (soft-deleted)
  // sessions and life events are left out, as every read does.
  const [result] = await db.$queryRaw<{ facts: FactsRow[] }[]>`
    WITH wanted AS (SELECT unnest(${courseIds}::uuid[]) AS id),
    sessions AS (
      SELECT course_id,
             count(*) FILTER (WHERE status = 'held') AS held,
             count(*) FILTER (WHERE status IN ('held', 'no_show') AND signed_at IS NULL) AS unsigned,
             min(number) FILTER (WHERE status = 'planned') AS next_planned,
             max(updated_at) AS updated_at,
             json_agg(json_build_array(number, status = 'held'))
               FILTER (WHERE status IN ('held', 'no_show') AND number IS NOT NULL) AS attended
      FROM therapy_sessions
      WHERE course_id IN (SELECT id FROM wanted) AND deleted_at IS NULL
      GROUP BY course_id
    ),
    scores AS (
      SELECT score.course_id,
             max(score.entered_at) AS entered_at,
             json_agg(json_build_array(score.instrument, session.number, score.total))
               FILTER (WHERE session.number IS NOT NULL AND correction.id IS NULL) AS current
      FROM measure_scores score
      JOIN therapy_sessions session ON session.id = score.session_id AND session.deleted_at IS NULL
      LEFT JOIN measure_scores correction ON correction.corrects_id = score.id
      WHERE score.course_id IN (SELECT id FROM wanted)
      GROUP BY score.course_id
    ),
    risks AS (
      SELECT flag.course_id,
             json_agg(json_build_array(session.number, flag.item_value) ORDER BY flag.raised_at, flag.id)
               FILTER (WHERE flag.resolved_at IS NULL) AS open,
             min(flag.raised_at) FILTER (WHERE flag.resolved_at IS NULL) AS since,
             max(greatest(flag.raised_at, flag.resolved_at, follow_up.created_at)) AS updated_at
      FROM risk_flags flag
      JOIN therapy_sessions session ON session.id = flag.session_id AND session.deleted_at IS NULL
      LEFT JOIN LATERAL (
        SELECT max(created_at) AS created_at FROM safety_follow_ups WHERE risk_flag_id = flag.id
      ) AS follow_up ON true
      WHERE flag.course_id IN (SELECT id FROM wanted)
      GROUP BY flag.course_id
    ),
    kinds AS (
      SELECT course.id AS course_id, array_agg(DISTINCT event.kind) AS kinds
      FROM courses course
      JOIN life_events event ON event.client_id = course.client_id AND event.deleted_at IS NULL
      WHERE course.id IN (SELECT id FROM wanted)
      GROUP BY course.id
    )
    SELECT coalesce(json_agg(facts), '[]') AS facts
    FROM (
      SELECT wanted.id AS "courseId",
             coalesce(sessions.held, 0) AS "held",
             coalesce(sessions.unsigned, 0) AS "unsigned",
             sessions.next_planned AS "nextPlanned",
             sessions.attended AS "attended",
             scores.current AS "scores",
             risks.open AS "openRisks",
             risks.since AS "riskSince",
             greatest(sessions.updated_at, scores.entered_at, risks.updated_at) AS "lastActivityAt",
             kinds.kinds AS "lifeEventKinds"
      FROM wanted
      LEFT JOIN sessions ON sessions.course_id = wanted.id
      LEFT JOIN scores ON scores.course_id = wanted.id
      LEFT JOIN risks ON risks.course_id = wanted.id
      LEFT JOIN kinds ON kinds.course_id = wanted.id
    ) AS facts`;

  for (const row of result?.facts ?? []) {
    const series: ScoreSeries = { phq9: [], gad7: [], hamd17: [] };
    for (const [instrument, sessionNumber, total] of row.scores ?? []) {
      series[instrument].push({ sessionNumber, total });
    }
    // One current score per session and instrument, so this order is the one seriesOf gives.
    for (const points of Object.values(series) as SeriesPoint[][])
      points.sort((a, b) => a.sessionNumber - b.sessionNumber);
    facts.set(row.courseId, {
      attended: (row.attended ?? []).map(([number, held]) => ({ number, status: held ? "held" : "no_show" })),
      sessionsHeld: row.held,
      unsignedSessions: row.unsigned,
      nextPlannedNumber: row.nextPlanned,
      series,
      openRisks: (row.openRisks ?? []).map(([sessionNumber, itemValue]) => ({ sessionNumber, itemValue })),
      riskSince: dateOrNull(row.riskSince),
      lastActivityAt: dateOrNull(row.lastActivityAt),
      lifeEventKinds: row.lifeEventKinds ?? [],
    });
  }
  return facts;
}
