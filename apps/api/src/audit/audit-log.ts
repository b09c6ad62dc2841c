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
//
// A read whose row depends on its outcome (a client's record: viewed, or denied when not the
// actor's) sends its row beside the data statement instead of after it: recordClientRead hands the
// row to the same writer, and the INSERT itself works out viewed or denied from the same ownership
// predicate the read uses, and answers which it wrote; the read then checks that the two agree
// (clinical/clients/clients-service.ts). The request waits for the longer of the read and the
// batch's commit instead of their sum.
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
  /**
   * Set when the row records a read of this client by the actor: the INSERT writes the row as given
   * if the client is the actor's (clients.therapist_id), else as `client.access_denied` / `denied`
   * with no details, and answers which. Null for every other row (written as given).
   */
  readOfClient?: string | null;
}

/** What a read of a client not the actor's (or of no client) is written as. */
export const CLIENT_READ_DENIED = { action: "client.access_denied", outcome: "denied" } as const;

/**
 * Inserts any number of rows in one statement: one array parameter per column, so the text is the
 * same for one row or five hundred, and the app prepares it on each connection (db/prisma.ts). The
 * insert trigger leaves them unsealed for the sealer. A row with `readOfClient` is decided here, in
 * the statement's own snapshot: the row as given when that client is the actor's, else the denial
 * (see AuditRow). Answers the action written for each row, in the rows' order.
 */
export const AUDIT_INSERT_SQL = `WITH decided AS MATERIALIZED (
    SELECT r.*, r.read_of_client IS NULL OR EXISTS (
             SELECT 1 FROM clients c WHERE c.id = r.read_of_client AND c.therapist_id = r.actor_id) AS allowed
      FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                  $7::"AuditOutcome"[], $8::text[], $9::text[], $10::jsonb[], $11::uuid[])
           WITH ORDINALITY AS r(occurred_at, actor_id, actor_label, action, entity_type, entity_id, outcome,
                                ip, request_id, details, read_of_client, n)
  ), written AS (
    INSERT INTO audit_events
      (occurred_at, actor_id, actor_label, action, entity_type, entity_id, outcome, ip, request_id, details)
    SELECT occurred_at, actor_id, actor_label,
           CASE WHEN allowed THEN action ELSE '${CLIENT_READ_DENIED.action}' END, entity_type, entity_id,
           CASE WHEN allowed THEN outcome ELSE '${CLIENT_READ_DENIED.outcome}' END, ip, request_id,
           CASE WHEN allowed THEN details END
      FROM decided ORDER BY n
  )
  SELECT CASE WHEN allowed THEN action ELSE '${CLIENT_READ_DENIED.action}' END AS action
    FROM decided ORDER BY n`;

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
    rows.map((row) => row.readOfClient ?? null),
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

/** Writes the rows; answers the action written for each, in order. */
async function insertAuditRows(db: Db, rows: readonly AuditRow[]): Promise<string[]> {
  const written = await db.$queryRawUnsafe<{ action: string }[]>(
    AUDIT_INSERT_SQL,
    ...auditInsertParams(rows),
  );
  if (written.length !== rows.length) {
    // Never expected; failing is safe (nobody is answered as if their row were written).
    throw new Error(`the audit insert answered ${written.length} rows for ${rows.length}`);
  }
  return written.map((row) => row.action);
}

const writers = new WeakMap<object, GroupCommit<AuditRow, string>>();

/**
 * From now on, audit rows recorded on `prisma` outside a transaction are group-committed. A failed
 * batch is written again row by row only when the database refused the statement (it did not
 * commit); after a lost connection (it may have) every request in it fails, with a 503.
 */
export function useAuditGroupCommit(prisma: PrismaClient): GroupCommit<AuditRow, string> {
  const existing = writers.get(prisma);
  if (existing) return existing;
  const writer = new GroupCommit<AuditRow, string>((rows) => insertAuditRows(prisma, rows), {
    retryAlone: (error) => !isDatabaseUnavailable(error),
  });
  writers.set(prisma, writer);
  return writer;
}

/** Writes one row (group-committed on the app's client); answers the action written. */
async function writeRow(db: Db, row: AuditRow): Promise<string> {
  const writer = writers.get(db);
  if (writer) return writer.add(row);
  const [action] = await insertAuditRows(db, [row]);
  return action ?? row.action;
}

export async function recordAudit(db: Db, context: AuditContext, entry: AuditEntry): Promise<void> {
  await writeRow(db, auditRow(context, entry));
}

/**
 * The audit row of the actor's read of a client (or of a record of it, `action`), meant to be sent
 * beside the read, not after it: `action` if the client is the actor's when the row is written, else
 * `client.access_denied` (outcome denied), decided by the INSERT. Resolves, once the row has
 * committed, to which was written; the caller must check it against what its read found.
 */
export async function recordClientRead<A extends AuditAction = "client.viewed">(
  db: Db,
  context: AuditContext,
  clientId: string,
  action: A = "client.viewed" as A,
): Promise<A | typeof CLIENT_READ_DENIED.action> {
  const row = auditRow(context, { action, entityType: "client", entityId: clientId });
  const written = await writeRow(db, { ...row, readOfClient: clientId });
  if (written !== action && written !== CLIENT_READ_DENIED.action) {
    throw new Error(`the audit insert wrote ${written} for a read recorded as ${action}`);
  }
  return written as A | typeof CLIENT_READ_DENIED.action;
}
