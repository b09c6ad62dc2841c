// Test-only: the caseload as it was computed before it read the course summaries (docs/decisions/024,
// "The caseload reads the course summaries"): every session, score, open risk flag and life event of
// each client's current course read in one statement and worked out by the general rules
// (courseMeasuresOf, flagsOf, nextPlanned). The property test (course-summary.property.int.test.ts)
// and the caseload tests compare the served caseload with it after every write, so the summary path
// cannot drift from the general computation.
import {
  clientStatus,
  courseFormat,
  courseKind,
  coursePhase,
  disputeStage,
  instrument,
  lifeEventKind,
  lineage,
  problemArea,
  sessionPhase,
  sessionStatus,
  toDateColumn,
  type CaseloadEntry,
  type ClientStatus,
} from "@ipt/shared";
import { z } from "zod";
import { Prisma, type PrismaClient } from "../../src/db/prisma";
import { flagsOf, nextPlanned } from "../../src/clinical/courses/course-flags";
import { correctedIds } from "../../src/clinical/measures/measure-wire";
import { courseMeasuresOf, mergeFlags } from "../../src/clinical/measures/measure-state";
import { measurementSettingsOf } from "../../src/clinical/measures/settings-read";
import { sessionWhen } from "../../src/settings/service-time";

const session = z.tuple([
  z.string(), // id
  z.number().int().nullable(), // number
  sessionStatus,
  z.string(), // planned date, YYYY-MM-DD
  z.string(), // start time, HH:MM
  z.number().int(), // duration in minutes
  sessionPhase.nullable(),
]);
const score = z.tuple([
  z.string(), // id
  z.string(), // session id
  instrument,
  z.number().int(), // total
  z.string().nullable(), // the score it corrects
]);
const openRisk = z.tuple([z.string() /* session id */, z.number().int() /* item 9 answer */]);

const course = z.object({
  id: z.string(),
  /** A maintenance course has its own measurement points (shared measures/schedule). */
  kind: courseKind,
  format: courseFormat,
  lineage,
  phase: coursePhase,
  plannedSessions: z.number().int(),
  terminationLead: z.number().int(),
  terminationRaisedAt: z.string().nullable(),
  primaryArea: problemArea.nullable(),
  secondaryArea: problemArea.nullable(),
  disputeStage: disputeStage.nullable(),
  sensitivityModifier: z.boolean(),
  sessions: z.array(session),
  scores: z.array(score),
  risks: z.array(openRisk),
});

const caseloadClient = z.object({
  id: z.string(),
  displayName: z.string(),
  status: clientStatus,
  kinds: z.array(lifeEventKind),
  course: course.nullable(),
});

const caseloadRow = z.object({
  clients: z.array(caseloadClient),
  /** The settings row; null while an admin has never saved it (the defaults apply). */
  settings: z.object({ measurement: z.unknown(), timeZone: z.string() }).nullable(),
});

export type CaseloadClient = z.infer<typeof caseloadClient>;
export type CaseloadCourse = z.infer<typeof course>;
export type CaseloadData = z.infer<typeof caseloadRow>;

/** Which of the therapist's clients: those matching a search and status, or these ids. */
export type CaseloadSelection =
  { search: string | null; status: ClientStatus | null } | { clientIds: readonly string[] };

const selected = (selection: CaseloadSelection) =>
  "clientIds" in selection
    ? Prisma.sql`AND client.id = ANY(${selection.clientIds}::uuid[])`
    : Prisma.sql`
      AND (${selection.search}::text IS NULL OR client.display_name ILIKE '%' || ${selection.search}::text || '%')
      AND (${selection.status}::text IS NULL OR client.status::text = ${selection.status}::text)`;

/** The selected clients with everything their caseload rows need, in no particular order. */
export async function loadCaseloadData(
  prisma: PrismaClient,
  therapistId: string,
  selection: CaseloadSelection,
): Promise<CaseloadData> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT
      coalesce((
        SELECT json_agg(json_build_object(
          'id', client.id,
          'displayName', client.display_name,
          'status', client.status,
          'kinds', coalesce((
            SELECT array_agg(DISTINCT event.kind) FROM life_events event
            WHERE event.client_id = client.id AND event.deleted_at IS NULL
          ), '{}'),
          'course', (
            SELECT json_build_object(
              'id', course.id,
              'kind', course.kind,
              'format', course.format,
              'lineage', course.lineage,
              'phase', course.phase,
              'plannedSessions', course.planned_sessions,
              'terminationLead', course.termination_lead,
              'terminationRaisedAt', course.termination_raised_at,
              'primaryArea', course.primary_area,
              'secondaryArea', course.secondary_area,
              'disputeStage', course.dispute_stage,
              'sensitivityModifier', course.sensitivity_modifier,
              'sessions', coalesce((
                SELECT json_agg(json_build_array(s.id, s.number, s.status, s.planned_date, s.start_time,
                                                 s.duration_minutes, s.phase) ORDER BY s.created_order)
                FROM therapy_sessions s WHERE s.course_id = course.id AND s.deleted_at IS NULL
              ), '[]'),
              'scores', coalesce((
                SELECT json_agg(json_build_array(m.id, m.session_id, m.instrument, m.total, m.corrects_id)
                                ORDER BY m.entered_at, m.id)
                FROM measure_scores m WHERE m.course_id = course.id
              ), '[]'),
              'risks', coalesce((
                SELECT json_agg(json_build_array(r.session_id, r.item_value) ORDER BY r.raised_at, r.id)
                FROM risk_flags r WHERE r.course_id = course.id AND r.resolved_at IS NULL
              ), '[]')
            )
            FROM courses course WHERE course.client_id = client.id
            ORDER BY course.sequence DESC LIMIT 1
          )
        ))
        FROM clients client
        WHERE client.therapist_id = ${therapistId}::uuid ${selected(selection)}
      ), '[]') AS clients,
      (
        SELECT json_build_object('measurement', settings.measurement, 'timeZone', settings.time_zone)
        FROM organisation_settings settings WHERE settings.id = 1
      ) AS settings`;
  return caseloadRow.parse(rows[0]);
}

/** The caseload row of one client, by the shared rules. */
export function referenceEntry(
  client: CaseloadClient,
  settings: ReturnType<typeof measurementSettingsOf>["settings"],
  timeZone: string,
): CaseloadEntry {
  const { id, displayName, status, course } = client;
  if (!course) return { id, displayName, status, course: null, nextSession: null, measures: null, flags: [] };
  const sessions = course.sessions.map(
    ([sessionId, number, sessionStatus, plannedDate, startTime, durationMinutes, phase]) => ({
      id: sessionId,
      number,
      status: sessionStatus,
      plannedDate,
      startTime,
      durationMinutes,
      phase,
    }),
  );
  const scores = course.scores.map(([scoreId, sessionId, instrument, total, correctsId]) => ({
    id: scoreId,
    sessionId,
    instrument,
    total,
    correctsId,
  }));
  const corrected = correctedIds(scores);
  const measures = courseMeasuresOf({
    course,
    sessions,
    scores: scores.filter((score) => !corrected.has(score.id)),
    openRisks: course.risks.map(([sessionId, itemValue]) => ({ sessionId, itemValue })),
    settings,
  });
  const flagInput = {
    ...course,
    terminationRaisedAt: course.terminationRaisedAt === null ? null : new Date(course.terminationRaisedAt),
  };
  const next = nextPlanned(sessions);
  return {
    id,
    displayName,
    status,
    course: {
      id: course.id,
      format: course.format,
      phase: course.phase,
      sessionsHeld: sessions.filter((session) => session.status === "held").length,
      plannedSessions: course.plannedSessions,
    },
    nextSession:
      next && next.phase
        ? {
            number: next.number,
            ...sessionWhen(
              {
                plannedDate: toDateColumn(next.plannedDate),
                startTime: next.startTime,
                durationMinutes: next.durationMinutes,
              },
              timeZone,
            ),
            phase: next.phase,
          }
        : null,
    measures: measures.summary,
    flags: mergeFlags(measures.flags, flagsOf(flagInput, sessions, client.kinds)),
  };
}

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * The therapist's caseload (or these of their clients) by the general rules, ordered as people read
 * names ("adam" before "Zoe", digits by value), then by id.
 */
export async function referenceCaseload(
  prisma: PrismaClient,
  therapistId: string,
  selection: CaseloadSelection = { search: null, status: null },
): Promise<CaseloadEntry[]> {
  const data = await loadCaseloadData(prisma, therapistId, selection);
  const { settings, timeZone } = measurementSettingsOf(data.settings);
  return data.clients
    .sort((a, b) => byName.compare(a.displayName, b.displayName) || a.id.localeCompare(b.id))
    .map((client) => referenceEntry(client, settings, timeZone));
}
