// Server-side login sessions in PostgreSQL, so several API instances share them. The browser holds
// an opaque random token; the table holds only its SHA-256, so a leaked row cannot be replayed.
import { createHash, randomBytes } from "node:crypto";
import { role, type Role } from "@ipt/shared";
import { z } from "zod";
import type { Db, PrismaClient } from "../db/prisma";

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  /** Password passed, second factor not yet (docs/decisions/021). */
  secondFactorPending: boolean;
  /** When this session last passed a second factor; null if it never did. */
  secondFactorAt: Date | null;
  /** The sign-in settings require a factor of the user's role and they had none at sign-in. */
  enrolmentRequired: boolean;
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    mustChangePassword: boolean;
    factorsResetAt: Date | null;
  };
}

/** How far a new session has come: waiting for its second factor, or past it (and when). */
export interface SessionFactorState {
  secondFactorPending?: boolean;
  secondFactorAt?: Date | null;
  enrolmentRequired?: boolean;
}

/** Skip rewriting last_seen_at more often than this; idle expiry stays accurate to within it. */
const TOUCH_INTERVAL_MS = 15_000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newSecret = () => randomBytes(32).toString("base64url");

export async function createLoginSession(
  prisma: Pick<PrismaClient, "loginSession">,
  userId: string,
  timeouts: SessionTimeouts,
  client: { ip: string | null; userAgent: string | null },
  now = new Date(),
  factor: SessionFactorState = {},
): Promise<{
  token: string;
  csrfToken: string;
  expiresAt: Date;
  secondFactorPending: boolean;
  enrolmentRequired: boolean;
}> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  await prisma.loginSession.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      secondFactorPending: factor.secondFactorPending ?? false,
      secondFactorAt: factor.secondFactorAt ?? null,
      enrolmentRequired: factor.enrolmentRequired ?? false,
    },
  });
  return {
    token,
    csrfToken,
    expiresAt,
    secondFactorPending: factor.secondFactorPending ?? false,
    enrolmentRequired: factor.enrolmentRequired ?? false,
  };
}

/** The session row and its user, as the lookup below reads them (checked: a raw query's rows are not typed). */
const sessionRow = z.object({
  tokenHash: z.string(),
  csrfToken: z.string(),
  expiresAt: z.date(),
  lastSeenAt: z.date(),
  secondFactorPending: z.boolean(),
  secondFactorAt: z.date().nullable(),
  enrolmentRequired: z.boolean(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  mustChangePassword: z.boolean(),
  factorsResetAt: z.date().nullable(),
  active: z.boolean(),
});

/**
 * The live session for a cookie token, or null when unknown, idle too long, past its end or the user
 * is deactivated. One statement on every request (docs/decisions/024): it reads the session with its
 * user and, for a live session last seen more than TOUCH_INTERVAL_MS ago, moves last_seen_at to now
 * in the same statement (a data-modifying WITH that writes nothing otherwise). Only an ended session
 * costs a second statement, its DELETE.
 */
export async function resolveLoginSession(
  prisma: PrismaClient,
  token: string,
  timeouts: SessionTimeouts,
  now = new Date(),
): Promise<ActiveSession | null> {
  const tokenHash = hashToken(token);
  const idleSince = new Date(now.getTime() - timeouts.idleMs);
  const touchBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH found AS (
      SELECT s.token_hash, s.csrf_token, s.expires_at, s.last_seen_at, s.second_factor_pending,
             s.second_factor_at, s.enrolment_required, u.id AS user_id, u.email, u.name, u.role,
             u.must_change_password, u.factors_reset_at, u.active
      FROM login_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${tokenHash}
    ),
    touched AS (
      UPDATE login_sessions SET last_seen_at = ${now}::timestamptz
      FROM found
      WHERE login_sessions.token_hash = found.token_hash
        AND found.active AND found.expires_at > ${now}::timestamptz
        AND found.last_seen_at >= ${idleSince}::timestamptz AND found.last_seen_at < ${touchBefore}::timestamptz
      RETURNING 1
    )
    SELECT token_hash AS "tokenHash", csrf_token AS "csrfToken", expires_at AS "expiresAt",
           last_seen_at AS "lastSeenAt", second_factor_pending AS "secondFactorPending",
           second_factor_at AS "secondFactorAt", enrolment_required AS "enrolmentRequired",
           user_id::text AS "userId", email, name, role::text AS role,
           must_change_password AS "mustChangePassword", factors_reset_at AS "factorsResetAt", active
    FROM found`;
  if (rows.length === 0) return null;
  const row = sessionRow.parse(rows[0]);
  if (row.lastSeenAt < idleSince || row.expiresAt <= now || !row.active) {
    await prisma.loginSession.deleteMany({ where: { tokenHash } });
    return null;
  }
  return {
    tokenHash,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    secondFactorPending: row.secondFactorPending,
    secondFactorAt: row.secondFactorAt,
    enrolmentRequired: row.enrolmentRequired,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      mustChangePassword: row.mustChangePassword,
      factorsResetAt: row.factorsResetAt,
    },
  };
}

export async function destroyLoginSession(db: Db, tokenHash: string): Promise<void> {
  await db.loginSession.deleteMany({ where: { tokenHash } });
}

/** Removes sessions past their absolute end or idle limit; run periodically. */
export async function purgeExpiredLoginSessions(
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  now = new Date(),
): Promise<number> {
  const { count } = await prisma.loginSession.deleteMany({
    where: {
      OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: new Date(now.getTime() - timeouts.idleMs) } }],
    },
  });
  return count;
}
