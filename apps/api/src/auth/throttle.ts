// Sign-in throttling (replaces the lock-out, issue 17). Failures are counted in PostgreSQL per
// account, per source address and per known device, so several API instances hold the same limits.
// Past a number of free failures each failure holds its key back for a growing delay; the right
// password is then answered "slowed, try again in N seconds", never "wrong". A browser that has
// signed in to the account before (a known device) is judged by its own failures only, so nobody
// can keep a clinician out by failing against their account from elsewhere.
import type { Db } from "../db/prisma";

export interface ThrottleRules {
  /** Failures of one account (or one unknown email) before delays start. */
  accountFreeFailures: number;
  /** Failures from one address before delays start (many people may share an address). */
  sourceFreeFailures: number;
  /** The first delay; each further failure doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A key's failures are forgotten after this long without one. */
export const FAILURES_FORGOTTEN_AFTER_MS = 24 * 3_600_000;

export type ThrottleKey = { kind: "account" | "source" | "device" | "factor"; key: string };

export const accountKey = (userId: string): ThrottleKey => ({ kind: "account", key: `user:${userId}` });
/** An email no account has: its keyed hash, so unknown emails are slowed exactly like known ones. */
export const unknownEmailKey = (digest: string): ThrottleKey => ({ kind: "account", key: `email:${digest}` });
export const sourceKey = (ip: string | null): ThrottleKey => ({
  kind: "source",
  key: `source:${ip ?? "unknown"}`,
});
/** Wrong second-factor codes of one account (TOTP and recovery codes alike); the account's own rules. */
export const factorKey = (userId: string): ThrottleKey => ({ kind: "factor", key: `factor:${userId}` });
export const deviceKey = (tokenHash: string): ThrottleKey => ({ kind: "device", key: `device:${tokenHash}` });

const freeFailures = (rules: ThrottleRules, kind: ThrottleKey["kind"]) =>
  kind === "source" ? rules.sourceFreeFailures : rules.accountFreeFailures;

/** The delay after a key's n-th failure (0 while failures are free). */
export function delayAfter(rules: ThrottleRules, kind: ThrottleKey["kind"], failures: number): number {
  const over = failures - freeFailures(rules, kind);
  if (over < 0) return 0;
  return Math.min(rules.baseDelayMs * 2 ** Math.min(over, 30), rules.maxDelayMs);
}

/** When the keys may try again, if any of them is held back now. */
export async function heldBackUntil(db: Db, keys: ThrottleKey[], now: Date): Promise<Date | null> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: keys.map((k) => k.key) }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = rows.flatMap((row) => (row.blockedUntil ? [row.blockedUntil.getTime()] : []));
  return until.length > 0 ? new Date(Math.max(...until)) : null;
}

/** Counts a failure against each key (one statement per key, the same for every kind of failure). */
export async function countFailure(db: Db, rules: ThrottleRules, keys: ThrottleKey[], now: Date) {
  const forgottenBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS);
  const counted: { key: ThrottleKey; failures: number; blockedUntil: Date | null }[] = [];
  for (const key of keys) {
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO sign_in_throttles (key, failures, last_failure_at)
      VALUES (${key.key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN sign_in_throttles.last_failure_at < ${forgottenBefore}
                        THEN 1 ELSE sign_in_throttles.failures + 1 END,
        last_failure_at = ${now}
      RETURNING failures`;
    const failures = row?.failures ?? 1;
    const delay = delayAfter(rules, key.kind, failures);
    const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
    await db.signInThrottle.update({ where: { key: key.key }, data: { blockedUntil } });
    counted.push({ key, failures, blockedUntil });
  }
  return counted;
}

/** A passed sign-in clears its account's and device's failures (not its address's). */
export async function clearFailures(db: Db, keys: ThrottleKey[]) {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys.map((k) => k.key) } } });
}

/**
 * Deletes the rows whose failures are already forgotten (none for a day, none holding a key back):
 * they would count from 1 again anyway, so nothing is lost. Run periodically by the server.
 */
export async function purgeForgottenFailures(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({
    where: {
      lastFailureAt: { lt: new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS) },
      OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
    },
  });
  return count;
}
