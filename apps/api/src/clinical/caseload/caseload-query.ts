// The caseload's page in one statement (docs/decisions/024, "The caseload reads the course
// summaries"): the therapist's clients that match the search, status, phase and flags filters, ordered
// by name as the lists compare names (the ICU collation person_name, then id) with the number that
// match, and for the page's clients only: the current course's summary row (course_summaries, kept
// current on write by the general rules, docs/decisions/023) and the course's next planned session
// (the lowest-numbered live session still planned, nextPlanned's rule). Nothing is worked out per
// session, score or flag on a read: the summary row already holds the course, its measures summary
// and its flags. The row's JSON is the stored summary, written by the API itself; the answer is checked
// against the endpoint's schema as it is serialised (routes/define-route.ts).
import type { ClientStatus, CoursePhase, SessionPhase } from "@ipt/shared";
import { Prisma, type PrismaClient } from "../../db/prisma";
import type { StoredCockpitRow } from "../../supervision/course-summary";

/** Which of the therapist's clients. `search` is a LIKE pattern already escaped. */
export interface CaseloadFilter {
  search: string | null;
  status: ClientStatus | null;
  /** The current course's phase; a client without a course has none. */
  phase: CoursePhase | null;
  /** Whether the current course raises any flag (a client without a course raises none). */
  flagged: boolean | null;
}

/** One page row as the statement returns it. */
export interface CaseloadPageRow {
  id: string;
  displayName: string;
  status: ClientStatus;
  /** The current course (the highest sequence), or null. */
  courseId: string | null;
  /** From its summary row; null only if the course has none yet (see listCaseload). */
  course: StoredCockpitRow["course"] | null;
  measures: StoredCockpitRow["measures"] | null;
  flags: StoredCockpitRow["flags"] | null;
  nextSession: {
    number: number;
    plannedDate: string;
    startTime: string;
    durationMinutes: number;
    phase: SessionPhase | null;
  } | null;
  /** The organisation's time zone as stored; null while the settings were never saved. */
  timeZone: string | null;
  total: number;
}

/**
 * The client's current course (the highest sequence, completed or not) and its summary row, both
 * read by their indexes inside the LATERAL: as a join outside it, the planner may hash every summary
 * row of the database to find a page's (a filter on the summary row's phase or flags).
 */
const currentCourse = (client: Prisma.Sql) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT course.id, summary.phase, summary.row
    FROM courses course LEFT JOIN course_summaries summary ON summary.course_id = course.id
    WHERE course.client_id = ${client}
    ORDER BY course.sequence DESC LIMIT 1
  ) current ON true`;

/** Whether the filters read the current course's summary (phase, flags): it is joined to filter then. */
const byCourse = (filter: CaseloadFilter) => filter.phase !== null || filter.flagged !== null;

/** FROM and WHERE of the matching clients. */
function matching(therapistId: string, filter: CaseloadFilter) {
  return Prisma.sql`
    FROM clients client
    ${byCourse(filter) ? currentCourse(Prisma.raw("client.id")) : Prisma.empty}
    WHERE client.therapist_id = ${therapistId}::uuid
    ${filter.search === null ? Prisma.empty : Prisma.sql`AND client.display_name ILIKE '%' || ${filter.search}::text || '%'`}
    ${filter.status === null ? Prisma.empty : Prisma.sql`AND client.status = ${filter.status}::"ClientStatus"`}
    ${filter.phase === null ? Prisma.empty : Prisma.sql`AND current.phase = ${filter.phase}::"CoursePhase"`}
    ${
      filter.flagged === null
        ? Prisma.empty
        : Prisma.sql`AND (coalesce(jsonb_array_length(current.row -> 'flags'), 0) > 0) = ${filter.flagged}`
    }`;
}

/**
 * The page's statement: the matching clients' page, then for its clients the current course and its
 * summary row (already joined when the filters read them: each row is read once), then the next
 * planned session. Exported for the benchmark's EXPLAIN.
 */
export function caseloadPageStatement(
  therapistId: string,
  filter: CaseloadFilter,
  skip: number,
  take: number,
) {
  const joined = byCourse(filter);
  return Prisma.sql`
    WITH matched AS (
      SELECT client.id, client.display_name, client.status, count(*) OVER ()::int AS total,
             ${joined ? Prisma.sql`current.id AS course_id, current.row` : Prisma.sql`NULL::uuid AS course_id, NULL::jsonb AS row`}
      ${matching(therapistId, filter)}
      ORDER BY client.display_name COLLATE "person_name", client.id
      LIMIT ${take} OFFSET ${skip}
    ), page AS (
      ${
        joined
          ? Prisma.sql`SELECT * FROM matched`
          : Prisma.sql`SELECT matched.id, matched.display_name, matched.status, matched.total,
                              current.id AS course_id, current.row
                       FROM matched ${currentCourse(Prisma.raw("matched.id"))}`
      }
    )
    SELECT page.id::text AS id, page.display_name AS "displayName", page.status::text AS status,
           page.course_id::text AS "courseId", page.row -> 'course' AS course,
           page.row -> 'measures' AS measures, page.row -> 'flags' AS flags, next.session AS "nextSession",
           (SELECT settings.time_zone FROM organisation_settings settings WHERE settings.id = 1) AS "timeZone",
           page.total
    FROM page
    LEFT JOIN LATERAL (
      SELECT json_build_object('number', s.number, 'plannedDate', s.planned_date, 'startTime', s.start_time,
                               'durationMinutes', s.duration_minutes, 'phase', s.phase) AS session
      FROM therapy_sessions s
      WHERE s.course_id = page.course_id AND s.deleted_at IS NULL AND s.status = 'planned' AND s.number IS NOT NULL
      ORDER BY s.number, s.created_order LIMIT 1
    ) next ON true
    ORDER BY page.display_name COLLATE "person_name", page.id`;
}

/** One page and the total: one statement (a second only for a page past the end). */
export async function loadCaseloadPage(
  prisma: PrismaClient,
  therapistId: string,
  filter: CaseloadFilter,
  skip: number,
  take: number,
): Promise<{ rows: CaseloadPageRow[]; total: number }> {
  const rows = await prisma.$queryRaw<CaseloadPageRow[]>(
    caseloadPageStatement(therapistId, filter, skip, take),
  );
  if (rows.length > 0 || skip === 0) return { rows, total: rows[0]?.total ?? 0 };
  // A page past the end: the total still counts what matched.
  const [count] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total ${matching(therapistId, filter)}`;
  return { rows, total: count?.total ?? 0 };
}
