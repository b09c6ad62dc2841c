// Server-side login sessions in PostgreSQL, so several API instances share them. The browser holds
// an opaque random token; the table holds only its SHA-256, so a leaked row cannot be replayed.
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@ipt/shared";
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

/** The live session for a cookie token, or null when unknown, idle too long, past its end or the user is deactivated. */
export async function resolveLoginSession(
  prisma: PrismaClient,
  token: string,
  timeouts: SessionTimeouts,
  now = new Date(),
): Promise<ActiveSession | null> {
  const tokenHash = hashToken(token);
  const row = await prisma.loginSession.findUnique({
    where: { tokenHash },
    select: {
      tokenHash: true,
      csrfToken: true,
      expiresAt: true,
      lastSeenAt: true,
      secondFactorPending: true,
      secondFactorAt: true,
      enrolmentRequired: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          mustChangePassword: true,
          factorsResetAt: true,
          active: true,
        },
      },
    },
  });
  if (!row) return null;
  const idleExpired = now.getTime() - row.lastSeenAt.getTime() > timeouts.idleMs;
  if (idleExpired || row.expiresAt <= now || !row.user.active) {
    await prisma.loginSession.deleteMany({ where: { tokenHash } });
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.loginSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: now } });
  }
  const { active: _active, ...user } = row.user;
  return {
    tokenHash,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    secondFactorPending: row.secondFactorPending,
    secondFactorAt: row.secondFactorAt,
    enrolmentRequired: row.enrolmentRequired,
    user,
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
