// The supervisor's open risk flags across their supervisees' clients, and the acknowledgement of a
// flag that escalated to them (shared safety/escalation.ts). The assignment is read on every request
// (readableClientWhere), so removing it ends visibility at once. One query for the flags — with the
// session number, course, client, therapist and follow-ups joined in (relationJoins) — and one audit
// row, whatever the number of flags.
import { riskLevel, type SupervisionRiskFlag, type SupervisionRiskFlagsResponse } from "@ipt/shared";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { personSelect } from "../db/person-select";
import { Prisma, type PrismaClient } from "../db/prisma";
import { conflict } from "../errors/app-error";
import {
  auditClinical,
  denied,
  readableClientSql,
  readableClientWhere,
  type Actor,
} from "../clinical/access";
import { lockCourse } from "../clinical/plan/course-write";
import {
  escalationContextOf,
  getEscalationContext,
  SETTINGS_ROW_ID,
  type EscalationContext,
} from "../clinical/measures/settings-read";
import {
  escalationFlagSelect,
  escalationFollowUpSelect,
  escalationOfRow,
  toRiskEscalation,
} from "../safety/escalation-wire";
import { refreshCourseSummary, RISK_URGENCY } from "./course-summary";

const riskFlagSelect = {
  id: true,
  itemValue: true,
  ...escalationFlagSelect,
  session: { select: { number: true } },
  course: {
    select: {
      id: true,
      client: { select: { id: true, displayName: true, therapist: { select: personSelect } } },
    },
  },
  // A flag has a handful of follow-ups at most: the escalation reads each one's level.
  followUps: { select: escalationFollowUpSelect },
} satisfies Prisma.RiskFlagSelect;

type RiskFlagRow = Prisma.RiskFlagGetPayload<{ select: typeof riskFlagSelect }>;

function toSupervisionRiskFlag(row: RiskFlagRow, context: EscalationContext): SupervisionRiskFlag {
  return {
    riskFlagId: row.id,
    raisedAt: row.raisedAt.toISOString(),
    itemValue: row.itemValue,
    sessionNumber: row.session.number,
    followUpRecorded: row.followUps.length > 0,
    courseId: row.course.id,
    client: { id: row.course.client.id, displayName: row.course.client.displayName },
    therapist: row.course.client.therapist,
    escalation: toRiskEscalation(row, context),
  };
}

/** The therapists whose clients the supervisor reads: their assignments, read on every request. */
async function superviseeIds(prisma: PrismaClient, actor: Actor): Promise<string[]> {
  const rows = await prisma.supervisionAssignment.findMany({
    where: { supervisorId: actor.userId },
    select: { therapistId: true },
  });
  return rows.map((row) => row.therapistId);
}

/** The courses of these therapists with an open risk flag, from their summary rows (urgency 0). */
async function flaggedCourseIds(prisma: PrismaClient, therapistIds: readonly string[]): Promise<string[]> {
  const rows = await prisma.courseSummary.findMany({
    where: { therapistId: { in: [...therapistIds] }, urgency: RISK_URGENCY },
    select: { courseId: true },
  });
  return rows.map((row) => row.courseId);
}

/** The open flags of these courses whose client the actor may read. */
const openFlagsWhere = (actor: Actor, courseIds: string[]): Prisma.RiskFlagWhereInput => ({
  resolvedAt: null,
  courseId: { in: courseIds },
  course: { client: readableClientWhere(actor) },
});

/**
 * The open flags of these therapists' clients, each with its escalation, in the list's order. The
 * courses with an open flag come from their summary rows (urgency 0, kept in each write's
 * transaction: decision 023) through the therapist index, and their flags through the course
 * index: a join from all flags to all courses scanned every course at 100,000 clients
 * (docs/benchmarks.md, "At scale"). The readable-client filter stays on the flags' query too.
 */
async function openRiskFlags(
  prisma: PrismaClient,
  actor: Actor,
  therapistIds: readonly string[],
): Promise<SupervisionRiskFlag[]> {
  const [flaggedCourses, context] = await Promise.all([
    flaggedCourseIds(prisma, therapistIds),
    getEscalationContext(prisma, actor.now),
  ]);
  if (flaggedCourses.length === 0) return [];
  const rows = await prisma.riskFlag.findMany({
    where: openFlagsWhere(actor, flaggedCourses),
    select: riskFlagSelect,
    // Oldest first: the flag that has waited longest is the first to look at.
    orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
  });
  const items = rows.map((row) => toSupervisionRiskFlag(row, context));
  // Those awaiting the supervisor's acknowledgement first (a stable sort keeps the oldest first).
  const awaiting = (item: SupervisionRiskFlag) => (item.escalation.awaitingAcknowledgement ? 0 : 1);
  return items.sort((a, b) => awaiting(a) - awaiting(b));
}

export async function listOpenRiskFlags(
  prisma: PrismaClient,
  actor: Actor,
): Promise<SupervisionRiskFlagsResponse> {
  const items = await openRiskFlags(prisma, actor, await superviseeIds(prisma, actor));
  await recordAudit(prisma, actor.audit, {
    action: "risk_flags.viewed",
    entityType: "risk_flag",
    details: { count: items.length },
  });
  return {
    items,
    awaitingAcknowledgement: items.filter((item) => item.escalation.awaitingAcknowledgement).length,
  };
}

/** A flag of countAwaitingAcknowledgement's statement: what the escalation rule reads, times in ms. */
const awaitingRow = z.object({
  flags: z.array(
    z.tuple([
      z.number().int(), // raised at
      z.number().int().nullable(), // acknowledged at
      z.array(
        z.tuple([riskLevel, z.boolean() /* supervisor informed */, z.number().int() /* recorded at */]),
      ),
    ]),
  ),
  /** The settings row; null while an admin has never saved it (the defaults apply). */
  settings: z.object({ safety: z.unknown(), timeZone: z.string() }).nullable(),
});

const epochMs = (column: Prisma.Sql) => Prisma.sql`floor(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * countAwaitingAcknowledgement's statement (exported for its EXPLAIN test). The supervisees' courses
 * with an open flag come from their summary rows (urgency 0, through the therapist index), each
 * course's client checked readable per summary row (a LATERAL … LIMIT 1, so the planner cannot
 * hash-join every course to the flags); their ids are gathered into an array first, computed once,
 * and the open flags are read by `course_id = ANY` of it: through the course index in a big table,
 * in one pass over a small one. A join with the summaries let the planner hash every open flag of
 * the database (a sequential scan of 6,800 at 102,000 clients), and a lookup per summary row
 * rescanned a small table once per course (docs/benchmarks.md, "The count's flags by course").
 */
export const awaitingAcknowledgementStatement = (actor: Actor, therapistIds: readonly string[]) =>
  Prisma.sql`
    SELECT
      coalesce((
        SELECT json_agg(json_build_array(
          ${epochMs(Prisma.sql`flag.raised_at`)},
          ${epochMs(Prisma.sql`flag.acknowledged_at`)},
          coalesce((
            SELECT json_agg(json_build_array(follow_up.risk_level, follow_up.supervisor_informed,
                                             ${epochMs(Prisma.sql`follow_up.created_at`)}))
            FROM safety_follow_ups follow_up WHERE follow_up.risk_flag_id = flag.id
          ), '[]')))
        FROM risk_flags flag
        WHERE flag.resolved_at IS NULL AND flag.course_id = ANY(ARRAY(
          SELECT summary.course_id
          FROM course_summaries summary
          CROSS JOIN LATERAL (
            SELECT FROM courses course JOIN clients client ON client.id = course.client_id
            WHERE course.id = summary.course_id AND ${readableClientSql(actor)}
            LIMIT 1
          ) readable
          WHERE summary.therapist_id = ANY(${[...therapistIds]}::uuid[]) AND summary.urgency = ${RISK_URGENCY}
        ))
      ), '[]') AS flags,
      (
        SELECT json_build_object('safety', settings.safety, 'timeZone', settings.time_zone)
        FROM organisation_settings settings WHERE settings.id = ${SETTINGS_ROW_ID}
      ) AS settings`;

/**
 * How many open flags of these supervisees' clients await the supervisor's acknowledgement (the
 * cockpit's top); the cockpit passes the assignments it has just read. The same flags as
 * openRiskFlags (the courses with an open flag from their summary rows, the readable-client filter
 * on the flags' clients), but only what the escalation rule reads, in one typed SQL statement with
 * the settings row (docs/decisions/024): the cockpit asks this on every request, and Prisma's reads
 * of the courses, the settings and the flags with their follow-ups were a fifth of its API CPU
 * (docs/benchmarks.md, "The cockpit's API CPU"). The rule itself stays the shared escalationOf.
 */
export async function countAwaitingAcknowledgement(
  prisma: PrismaClient,
  actor: Actor,
  therapistIds: readonly string[],
): Promise<number> {
  const rows = await prisma.$queryRaw<unknown[]>(awaitingAcknowledgementStatement(actor, therapistIds));
  const { flags, settings } = awaitingRow.parse(rows[0]);
  const context = escalationContextOf(settings, actor.now);
  return flags.filter(
    ([raisedAt, acknowledgedAt, followUps]) =>
      escalationOfRow(
        {
          raisedAt: new Date(raisedAt),
          resolvedAt: null,
          acknowledgedAt: acknowledgedAt === null ? null : new Date(acknowledgedAt),
          followUps: followUps.map(([riskLevel, supervisorInformed, createdAt]) => ({
            riskLevel,
            supervisorInformed,
            createdAt: new Date(createdAt),
          })),
        },
        context,
      ).awaitingAcknowledgement,
  ).length;
}

/**
 * One of the client's supervisors acknowledges an escalated flag: the therapist may then resolve it.
 * 404 when the flag is not theirs to read; 409 when it is resolved or has nothing awaiting
 * acknowledgement. The flag's version moves on, so a resolve made against the old view is stale.
 * Audited with ids only.
 */
export async function acknowledgeRiskFlag(
  prisma: PrismaClient,
  actor: Actor,
  riskFlagId: string,
): Promise<SupervisionRiskFlag> {
  const readable = await prisma.riskFlag.findFirst({
    where: { id: riskFlagId, course: { client: readableClientWhere(actor) } },
    select: { courseId: true },
  });
  if (!readable) throw await denied(prisma, actor, "risk_flag", riskFlagId, "The risk flag");
  return prisma.$transaction(async (tx) => {
    await lockCourse(tx, readable.courseId);
    const context = await getEscalationContext(tx, actor.now);
    const flag = await tx.riskFlag.findUniqueOrThrow({ where: { id: riskFlagId }, select: riskFlagSelect });
    if (flag.resolvedAt) throw conflict("This risk flag is resolved: there is nothing to acknowledge.");
    if (!toRiskEscalation(flag, context).awaitingAcknowledgement) {
      throw conflict("This risk flag has no escalation awaiting acknowledgement.");
    }
    await tx.riskFlag.update({
      where: { id: riskFlagId },
      data: {
        acknowledgedAt: actor.now,
        acknowledgedById: actor.userId,
        // A later acknowledgement here replaces an imported one (the flag keeps its latest).
        acknowledgedByExternal: null,
        version: { increment: 1 },
      },
    });
    await refreshCourseSummary(tx, readable.courseId);
    await auditClinical(tx, actor, "risk_flag.acknowledged", "risk_flag", riskFlagId);
    const updated = await tx.riskFlag.findUniqueOrThrow({
      where: { id: riskFlagId },
      select: riskFlagSelect,
    });
    return toSupervisionRiskFlag(updated, context);
  });
}
