// Writes audit events. Holds record types and ids only, never health information.
import type { AuditAction } from "@ipt/shared";
import { Prisma, type Db } from "../db/prisma";

/** Who did it and from where: taken from the request. */
export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  outcome?: "success" | "failure" | "denied";
  entityType?: string;
  entityId?: string;
  /** Only when no account matched, e.g. the email tried at a failed sign-in. */
  actorLabel?: string;
  /** Field names or reasons only; never clinical content. */
  details?: Prisma.InputJsonObject;
}

export async function recordAudit(db: Db, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: context.actorId,
      ip: context.ip,
      requestId: context.requestId,
      action: entry.action,
      outcome: entry.outcome ?? "success",
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      actorLabel: entry.actorLabel ?? null,
      ...(entry.details ? { details: entry.details } : {}),
    },
  });
}

/**
 * The same audit row as recordAudit, as an INSERT to run inside a read's own statement (a
 * data-modifying WITH), so that an audited hot read costs one round trip for data and audit. The
 * row commits with the read or not at all.
 */
export function auditInsertSql(context: AuditContext, entry: AuditEntry): Prisma.Sql {
  return Prisma.sql`INSERT INTO audit_events
      (actor_id, ip, request_id, action, outcome, entity_type, entity_id, actor_label, details)
    VALUES (${context.actorId}::uuid, ${context.ip}, ${context.requestId}, ${entry.action},
            ${entry.outcome ?? "success"}::"AuditOutcome", ${entry.entityType ?? null}, ${entry.entityId ?? null},
            ${entry.actorLabel ?? null}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb)`;
}
