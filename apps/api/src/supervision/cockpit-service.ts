// The supervisor's cockpit: every active client (current course in the initial, middle or termination
// phase) of every therapist assigned to the supervisor, with where the course stands, sorted by
// urgency. The assignment is read on every request, so removing it ends visibility at once.
// The rows come from course_summaries (course-summary.ts), kept current on write: one query picks the
// page, most urgent first, with the total; its cost follows the page and the supervisees' open courses
// (a narrow row each, through the therapist index), not their sessions (docs/decisions/023).
import {
  personRef,
  type CockpitQuery,
  type CockpitResponse,
  type CockpitRow,
  type CoursePhase,
  type PersonRef,
} from "@ipt/shared";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { bothSettled } from "../db/both-settled";
import { Prisma, type PrismaClient } from "../db/prisma";
import { notFound } from "../errors/app-error";
import type { Actor } from "../clinical/access";
import { required } from "../errors/required";
import { OPEN_PHASES, type StoredCockpitRow } from "./course-summary";
import { countAwaitingAcknowledgement } from "./risk-flags-service";

export { OPEN_PHASES } from "./course-summary";

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byPerson = (a: PersonRef, b: PersonRef) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id);

/**
 * The statement of the therapists assigned to the supervisor: the assignments through their primary
 * key, each therapist looked up by id (the LATERAL … LIMIT 1 keeps the planner from hash-joining them
 * with a sequential scan of every user, which it chose at 1,700 therapists: docs/benchmarks.md,
 * "The count's flags by course"). Exported for the EXPLAIN check (cockpit-summary.int.test.ts).
 */
export const assignedTherapistsStatement = (supervisorId: string) => Prisma.sql`
    SELECT therapist.id::text AS id, therapist.name, therapist.email
    FROM supervision_assignments assignment
    CROSS JOIN LATERAL (
      SELECT id, name, email FROM users WHERE users.id = assignment.therapist_id LIMIT 1
    ) therapist
    WHERE assignment.supervisor_id = ${supervisorId}::uuid`;

/**
 * The therapists assigned to the supervisor, by name. Read on every cockpit request, so one typed SQL
 * statement with a zod-checked row (docs/decisions/024) rather than Prisma's mapping of a relation.
 */
export async function assignedTherapists(prisma: PrismaClient, actor: Actor): Promise<PersonRef[]> {
  const rows = await prisma.$queryRaw<unknown[]>(assignedTherapistsStatement(actor.userId));
  return z.array(personRef).parse(rows).sort(byPerson);
}

interface PageRow {
  clientId: string;
  clientName: string;
  therapistId: string;
  row: StoredCockpitRow;
  total: number;
}

/** Which of the therapists' summaries the cockpit lists: courses in `phases`, matching `flag`. */
function matchingWhere(phases: readonly CoursePhase[], flag: CockpitQuery["flag"] | undefined) {
  const filter = flag ?? null;
  return Prisma.sql`summary.phase = ANY(${[...phases]}::"CoursePhase"[])
      AND (${filter}::text IS NULL
           OR (${filter}::text = 'risk' AND summary.risk)
           OR (${filter}::text = 'non_response' AND summary.non_response)
           OR (${filter}::text = 'overdue' AND summary.overdue))`;
}

/**
 * The statement of one page of the therapists' courses in `phases` (matching `flag`), most urgent
 * first: an open risk flag (the longest waiting first), then non-response, then overdue items, then
 * the rest; then by therapist (the order of `therapists`) and client name (compared as byName does:
 * the person_name collation), then client id; with the number that match. The therapist index finds
 * their courses' summary rows. Exported for the EXPLAIN check (cockpit-summary.int.test.ts).
 */
export function cockpitPageStatement(
  therapistIds: readonly string[],
  phases: readonly CoursePhase[],
  flag: CockpitQuery["flag"] | undefined,
  skip: number,
  take: number,
) {
  return Prisma.sql`
    SELECT summary.client_id::text AS "clientId", summary.client_name AS "clientName",
           summary.therapist_id::text AS "therapistId", summary.row, count(*) OVER ()::int AS total
    FROM unnest(${[...therapistIds]}::uuid[]) WITH ORDINALITY AS scope(id, rank)
    JOIN course_summaries summary ON summary.therapist_id = scope.id
    WHERE summary.therapist_id = ANY(${[...therapistIds]}::uuid[]) AND ${matchingWhere(phases, flag)}
    ORDER BY summary.urgency, summary.risk_since NULLS FIRST, scope.rank,
             summary.client_name COLLATE "person_name", summary.client_id
    LIMIT ${take} OFFSET ${skip}`;
}

/** One page and the total: one statement (a second only for a page past the end). */
async function cockpitPage(
  prisma: PrismaClient,
  therapists: readonly PersonRef[],
  phases: readonly CoursePhase[],
  flag: CockpitQuery["flag"] | undefined,
  skip: number,
  take: number,
): Promise<{ rows: PageRow[]; total: number }> {
  if (therapists.length === 0 || phases.length === 0) return { rows: [], total: 0 };
  const ids = therapists.map((therapist) => therapist.id);
  const rows = await prisma.$queryRaw<PageRow[]>(cockpitPageStatement(ids, phases, flag, skip, take));
  if (rows.length > 0 || skip === 0) return { rows, total: rows[0]?.total ?? 0 };
  // A page past the end: the total still counts what matched.
  const [count] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM course_summaries summary
    WHERE summary.therapist_id = ANY(${ids}::uuid[]) AND ${matchingWhere(phases, flag)}`;
  return { rows, total: count?.total ?? 0 };
}

export async function getCockpit(
  prisma: PrismaClient,
  actor: Actor,
  query: CockpitQuery,
): Promise<CockpitResponse> {
  const therapists = await assignedTherapists(prisma, actor);
  const { therapistId } = query;
  if (therapistId && !therapists.some((therapist) => therapist.id === therapistId)) {
    // Not one of theirs (or no such user): the same 404 either way, audited as denied.
    await recordAudit(prisma, actor.audit, {
      action: "client.access_denied",
      outcome: "denied",
      entityType: "user",
      entityId: therapistId,
    });
    throw notFound("The therapist");
  }
  const scope = therapistId ? therapists.filter((therapist) => therapist.id === therapistId) : therapists;
  // A phase filter narrows the course query itself; "completed" is never an active client.
  const phases = query.phase ? OPEN_PHASES.filter((phase) => phase === query.phase) : OPEN_PHASES;
  const skip = (query.page - 1) * query.pageSize;
  // The page (then its audit row) and the flags awaiting acknowledgement go side by side: session,
  // assignments, page and flagged courses, audit row and flags — four round trips.
  const [page, riskFlagsAwaitingAcknowledgement] = await bothSettled(
    cockpitPage(prisma, scope, phases, query.flag, skip, query.pageSize).then(async (found) => {
      await recordAudit(prisma, actor.audit, {
        action: "cockpit.viewed",
        details: { count: found.rows.length, ...(therapistId ? { therapistId } : {}) },
      });
      return found;
    }),
    countAwaitingAcknowledgement(
      prisma,
      actor,
      therapists.map((therapist) => therapist.id),
    ),
  );
  const therapistOf = new Map(scope.map((therapist) => [therapist.id, therapist]));
  // The stored JSON is the shared row less client and therapist; the answer is checked against the
  // endpoint's schema as it is serialised (routes/define-route.ts), so it is not parsed here too.
  const items = page.rows.map((row): CockpitRow => ({
    ...row.row,
    client: { id: row.clientId, displayName: row.clientName },
    // Selected by these therapists' ids.
    therapist: required(therapistOf.get(row.therapistId), `therapist ${row.therapistId}`),
  }));
  return {
    items,
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
    riskFlagsAwaitingAcknowledgement,
  };
}
