// Writes audit events. Holds record types and ids only, never health information.
//
// One statement writes them (AUDIT_INSERT_SQL), one row or many. Where a row goes depends on the
// client it is given (docs/decisions/022):
// - a transaction's client: the row is inserted in that transaction, so it commits with the write it
//   records or not at all;
// - the app's own client, outside any transaction (reads, refusals, sign-ins): the row goes to that
//   client's group-commit writer (useAuditGroupCommit, installed by buildApp), which writes the rows
//   of concurrent requests in one statement and one commit; recordAudit returns only once the row's
//   batch has committed, so a response sent after it never lacks its row, and a failed batch fails
//   every request in it;
// - any other client (command-line tools, tests): its own INSERT, committed when it returns.
import type { AuditAction } from "@ipt/shared";
import { type Db, type Prisma, type PrismaClient } from "../db/prisma";
import { isDatabaseUnavailable } from "../db/unavailable";
import { GroupCommit } from "./group-commit";

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

/** One audit row as the INSERT takes it (the id, and the chain's columns, come from the database). */
export interface AuditRow {
  /** When it happened: when the app recorded it (not when its batch was written). */
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: "success" | "failure" | "denied";
  ip: string | null;
  requestId: string | null;
  /** JSON text. */
  details: string | null;
}

/**
 * Inserts any number of rows in one statement: one array parameter per column, so the text is the
 * same for one row or five hundred. The insert trigger leaves them unsealed for the sealer.
 */
export const AUDIT_INSERT_SQL = `INSERT INTO audit_events
    (occurred_at, actor_id, actor_label, action, entity_type, entity_id, outcome, ip, request_id, details)
  SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::"AuditOutcome"[], $8::text[], $9::text[], $10::jsonb[])`;

/** AUDIT_INSERT_SQL's parameters: the rows' columns. */
export function auditInsertParams(rows: readonly AuditRow[]): unknown[][] {
  return [
    rows.map((row) => row.occurredAt),
    rows.map((row) => row.actorId),
    rows.map((row) => row.actorLabel),
    rows.map((row) => row.action),
    rows.map((row) => row.entityType),
    rows.map((row) => row.entityId),
    rows.map((row) => row.outcome),
    rows.map((row) => row.ip),
    rows.map((row) => row.requestId),
    rows.map((row) => row.details),
  ];
}

export function auditRow(context: AuditContext, entry: AuditEntry, occurredAt = new Date()): AuditRow {
  return {
    occurredAt,
    actorId: context.actorId,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? "success",
    ip: context.ip,
    requestId: context.requestId,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

async function insertAuditRows(db: Db, rows: readonly AuditRow[]): Promise<void> {
  await db.$executeRawUnsafe(AUDIT_INSERT_SQL, ...auditInsertParams(rows));
}

const writers = new WeakMap<object, GroupCommit<AuditRow>>();

/**
 * From now on, audit rows recorded on `prisma` outside a transaction are group-committed. A failed
 * batch is written again row by row only when the database refused the statement (it did not
 * commit); after a lost connection (it may have) every request in it fails, with a 503.
 */
export function useAuditGroupCommit(prisma: PrismaClient): GroupCommit<AuditRow> {
  const existing = writers.get(prisma);
  if (existing) return existing;
  const writer = new GroupCommit<AuditRow>((rows) => insertAuditRows(prisma, rows), {
    retryAlone: (error) => !isDatabaseUnavailable(error),
  });
  writers.set(prisma, writer);
  return writer;
}

export async function recordAudit(db: Db, context: AuditContext, entry: AuditEntry): Promise<void> {
  const row = auditRow(context, entry);
  const writer = writers.get(db);
  if (writer) await writer.add(row);
  else await insertAuditRows(db, [row]);
}
