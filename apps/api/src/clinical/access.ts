// Who may reach a clinical record, and the audit trail of every read and write of one.
// A therapist reaches only their own clients. Anything else — another therapist's record or one
// that does not exist — answers the same 404, so ids cannot be probed, and the attempt is audited.
import type { AuditAction, Role } from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { Prisma, type Db } from "../db/prisma";
import { AppError, notFound, unauthenticated } from "../errors/app-error";
import { live } from "./live";

/** The signed-in user, where the request came from and when (by the app's clock). */
export interface Actor {
  userId: string;
  role: Role;
  audit: AuditContext;
  /** "Now" for every rule: today in the service's time zone is worked out from it. */
  now: Date;
}

export type ClinicalEntity =
  | "client"
  | "course"
  | "therapy_session"
  | "inventory_person"
  | "life_event"
  | "measure_score"
  | "risk_flag"
  | "review_thread"
  | "questionnaire_link"
  | "therapy_group";

/** Writes one audit row about a clinical record: ids and field names only, never content. */
export function auditClinical(
  db: Db,
  actor: Actor,
  action: AuditAction,
  entityType: ClinicalEntity,
  entityId: string,
  details?: Prisma.InputJsonObject,
) {
  return recordAudit(db, actor.audit, { action, entityType, entityId, ...(details ? { details } : {}) });
}

/** The 404 for a record the actor may not reach (or that does not exist), audited as "denied". */
export async function denied(
  db: Db,
  actor: Actor,
  entityType: ClinicalEntity,
  entityId: string,
  what: string,
) {
  await recordAudit(db, actor.audit, {
    action: "client.access_denied",
    outcome: "denied",
    entityType,
    entityId,
  });
  return notFound(what);
}

/** The client if the actor is its therapist; otherwise a 404 (and a "denied" audit row). */
export async function ownedClient(db: Db, actor: Actor, clientId: string) {
  const client = await db.client.findFirst({ where: { id: clientId, therapistId: actor.userId } });
  if (!client) throw await denied(db, actor, "client", clientId, "The client");
  return client;
}

/** The course's ids if its client belongs to the actor; otherwise a 404. */
export async function ownedCourse(db: Db, actor: Actor, courseId: string) {
  const course = await db.course.findFirst({
    where: { id: courseId, client: { therapistId: actor.userId } },
    select: { id: true, clientId: true },
  });
  if (!course) throw await denied(db, actor, "course", courseId, "The course");
  return course;
}

/**
 * Who may read a client's records: the client's therapist, or a supervisor assigned to that therapist
 * (the assignment is checked on every request, so removing it ends access at once). Nobody else.
 */
export function readableClientWhere(actor: Actor): Prisma.ClientWhereInput {
  if (actor.role === "therapist") return { therapistId: actor.userId };
  if (actor.role === "supervisor") {
    return { therapist: { supervisorsOf: { some: { supervisorId: actor.userId } } } };
  }
  return { id: { in: [] } };
}

/**
 * readableClientWhere as an SQL condition on a `clients` row aliased `client`, for the few typed SQL
 * reads (docs/decisions/024). The same three cases; keep the two together (access.int.test.ts
 * compares them).
 */
export function readableClientSql(actor: Actor): Prisma.Sql {
  if (actor.role === "therapist") return Prisma.sql`client.therapist_id = ${actor.userId}::uuid`;
  if (actor.role === "supervisor") {
    return Prisma.sql`EXISTS (SELECT 1 FROM supervision_assignments assignment
                         WHERE assignment.supervisor_id = ${actor.userId}::uuid
                           AND assignment.therapist_id = client.therapist_id)`;
  }
  return Prisma.sql`false`;
}

/** The session's ids if its client belongs to the actor; otherwise a 404. */
export async function ownedSession(db: Db, actor: Actor, sessionId: string) {
  const session = await db.therapySession.findFirst({
    where: { id: sessionId, ...live, course: { client: { therapistId: actor.userId } } },
    select: { id: true, courseId: true },
  });
  if (!session) throw await denied(db, actor, "therapy_session", sessionId, "The session");
  return session;
}

/** The answer to a write made against an old version of a record. Nothing was changed. */
export const staleVersion = (what = "This record") =>
  new AppError(
    "conflict",
    `${what} has changed since you opened it (perhaps in another tab). Reload it, check the changes, and try again.`,
  );

/**
 * Optimistic concurrency: applies `update` only if the row still has `version`, and bumps it.
 * `updateMany` returns a count, so a stale version changes nothing and answers 409.
 */
export async function assertVersion(count: number, what?: string) {
  if (count === 0) throw staleVersion(what);
}

/** A clinical rule is not met; `gaps` says exactly what is missing, one entry per item. */
export const ruleUnmet = (message: string, gaps: { item: string; message: string }[]) =>
  new AppError(
    "rule_unmet",
    message,
    gaps.map((gap) => ({ field: gap.item, message: gap.message })),
  );

/** The actor behind a request on a clinical route (the policy has already required a principal). */
export function actorOf(request: {
  principal: { userId: string; role: Role } | null;
  requestedAt: Date;
  auditContext(): AuditContext;
}): Actor {
  if (!request.principal) throw unauthenticated();
  return {
    userId: request.principal.userId,
    role: request.principal.role,
    audit: request.auditContext(),
    now: request.requestedAt,
  };
}
