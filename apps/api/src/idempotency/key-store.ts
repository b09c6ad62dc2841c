// Idempotency keys in PostgreSQL. The key is claimed, the write done and its answer stored in ONE
// transaction: a concurrent request with the same key blocks on the key's primary key until that
// transaction ends, then replays the stored answer; a write that fails rolls its claim back, so a
// retry runs afresh. Only 2xx answers are ever stored.
import { createHash } from "node:crypto";
import { type Prisma, type PrismaClient, type Tx } from "../db/prisma";
import type { TransactionRunner } from "../db/transactions";
import { AppError } from "../errors/app-error";

export const KEY_LIFETIME_HOURS = 24;

export interface IdempotencyScope {
  userId: string;
  key: string;
  /** "METHOD /path": a key names one request to one record. */
  request: string;
  body: unknown;
}

/** JSON with object keys sorted at every depth, so the hash ignores key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (body: unknown) => createHash("sha256").update(canonicalJson(body)).digest("hex");

const reused = () =>
  new AppError(
    "idempotency_key_reused",
    "This Idempotency-Key was already used for a different request. Send a new key with each new request.",
    [{ field: "headers.idempotency-key", message: "Already used for a different request." }],
  );

/** Takes the key (a new one, or one whose stored answer has expired); false if a live answer exists. */
async function claim(tx: Tx, scope: IdempotencyScope, hash: string): Promise<boolean> {
  const claimed = await tx.$queryRaw<unknown[]>`
    INSERT INTO idempotency_keys (user_id, key, request, request_hash, expires_at)
    VALUES (${scope.userId}::uuid, ${scope.key}, ${scope.request}, ${hash},
            now() + make_interval(hours => ${KEY_LIFETIME_HOURS}))
    ON CONFLICT (user_id, key) DO UPDATE
      SET request = EXCLUDED.request, request_hash = EXCLUDED.request_hash, response_status = NULL,
          response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_keys.expires_at <= now()
    RETURNING 1`;
  return claimed.length === 1;
}

export interface IdempotentRun {
  run: TransactionRunner;
  /** After `run`: the stored status when the answer was a replay, otherwise null. */
  replayedStatus(): number | null;
}

/**
 * A transaction runner for one request with a key: runs the write and stores its answer (`status`
 * and the value the write returns), or returns the stored answer of an earlier identical request
 * (after `onReplay`, e.g. its audit row) without running the write. Another request under the same
 * key answers 422 idempotency_key_reused.
 */
export function idempotentRun(
  prisma: PrismaClient,
  scope: IdempotencyScope,
  status: number,
  onReplay: (tx: Tx, body: unknown) => Promise<void>,
): IdempotentRun {
  let replayedStatus: number | null = null;
  const hash = requestHash(scope.body);
  const where = { userId_key: { userId: scope.userId, key: scope.key } };
  const run: TransactionRunner = (work) =>
    prisma.$transaction(async (tx) => {
      if (await claim(tx, scope, hash)) {
        const answer = await work(tx);
        await tx.idempotencyKey.update({
          where,
          data: { responseStatus: status, responseBody: answer as Prisma.InputJsonValue },
        });
        return answer;
      }
      const stored = await tx.idempotencyKey.findUniqueOrThrow({ where });
      if (stored.request !== scope.request || stored.requestHash !== hash) throw reused();
      await onReplay(tx, stored.responseBody);
      replayedStatus = stored.responseStatus ?? status;
      return stored.responseBody as Awaited<ReturnType<typeof work>>;
    });
  return { run, replayedStatus: () => replayedStatus };
}

/** Deletes answers past their expiry (run periodically by the server). */
export async function purgeExpiredIdempotencyKeys(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
