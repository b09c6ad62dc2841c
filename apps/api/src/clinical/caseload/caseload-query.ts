// The caseload's data in two statements (docs/decisions/024): first the names of the therapist's
// clients that match the search and status (the service orders them as people read names, and picks
// the page); then, for the page's clients only, each with its current course (the highest sequence),
// that course's live sessions, scores and open risk flags, the client's life-event kinds, and the
// organisation's measurement settings and time zone. Each row is read once, through the indexes on therapist, client and course. The rows
// come back as JSON and are checked with zod here, so the shape the caseload rules read is proven,
// not assumed; Prisma is not used for this hot read because mapping several models' rows cost more
// CPU than the rules themselves (docs/benchmarks.md, "At scale").
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
  type ClientStatus,
} from "@ipt/shared";
import { z } from "zod";
import { Prisma, type PrismaClient } from "../../db/prisma";

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

const caseloadName = z.object({ id: z.string(), displayName: z.string(), status: clientStatus });

const caseloadRow = z.object({
  clients: z.array(caseloadClient),
  /** The settings row; null while an admin has never saved it (the defaults apply). */
  settings: z.object({ measurement: z.unknown(), timeZone: z.string() }).nullable(),
});

export type CaseloadClient = z.infer<typeof caseloadClient>;
export type CaseloadCourse = z.infer<typeof course>;
export type CaseloadData = z.infer<typeof caseloadRow>;
export type CaseloadName = z.infer<typeof caseloadName>;

/** Which of the therapist's clients: those matching a search and status, or these ids. */
export type CaseloadSelection =
  { search: string | null; status: ClientStatus | null } | { clientIds: readonly string[] };

const selected = (selection: CaseloadSelection) =>
  "clientIds" in selection
    ? Prisma.sql`AND client.id = ANY(${selection.clientIds}::uuid[])`
    : Prisma.sql`
      AND (${selection.search}::text IS NULL OR client.display_name ILIKE '%' || ${selection.search}::text || '%')
      AND (${selection.status}::text IS NULL OR client.status::text = ${selection.status}::text)`;

/**
 * The therapist's clients that match, by name only, in no particular order. `search` is a LIKE pattern
 * already escaped (matched case-insensitively anywhere in the name).
 */
export async function loadCaseloadNames(
  prisma: PrismaClient,
  therapistId: string,
  selection: CaseloadSelection,
): Promise<CaseloadName[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT client.id, client.display_name AS "displayName", client.status
    FROM clients client
    WHERE client.therapist_id = ${therapistId}::uuid ${selected(selection)}`;
  return z.array(caseloadName).parse(rows);
}

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
