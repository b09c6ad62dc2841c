// Sign-in with lockout, and password change. One answer for every failed sign-in, so the reply
// never tells whether an account exists, is locked or is deactivated.
import type { ChangePasswordRequest, LoginRequest } from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import type { PrismaClient } from "../db/prisma";
import { AppError } from "../errors/app-error";
import { createLoginSession, destroyLoginSession, type SessionTimeouts } from "./login-sessions";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords";

export interface LockoutRules {
  threshold: number;
  lockMs: number;
}

export const SIGN_IN_FAILED_MESSAGE =
  "The email or password is not right, or the account is locked for a while after too many attempts.";
const signInFailed = () => new AppError("unauthenticated", SIGN_IN_FAILED_MESSAGE);

interface LoginInput {
  credentials: LoginRequest;
  /** Token hash of a session the browser already had: destroyed, so every login gets a new id. */
  previousTokenHash: string | null;
  client: { ip: string | null; userAgent: string | null };
  audit: AuditContext;
}

export async function login(
  prisma: PrismaClient,
  rules: { timeouts: SessionTimeouts; lockout: LockoutRules },
  input: LoginInput,
  now = new Date(),
) {
  const { email, password } = input.credentials;
  if (input.previousTokenHash) await destroyLoginSession(prisma, input.previousTokenHash);

  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    await verifyAgainstDummy(password);
    await recordAudit(prisma, input.audit, {
      action: "auth.login_failed",
      outcome: "failure",
      actorLabel: email,
      details: { reason: "unknown_email" },
    });
    throw signInFailed();
  }

  const passwordOk = await verifyPassword(user.passwordHash, password);
  const audit = { ...input.audit, actorId: user.id };
  const locked = user.lockedUntil !== null && user.lockedUntil > now;

  if (locked || !user.active) {
    await recordAudit(prisma, audit, {
      action: "auth.login_failed",
      outcome: "denied",
      entityType: "user",
      entityId: user.id,
      details: { reason: locked ? "locked" : "deactivated" },
    });
    throw signInFailed();
  }

  if (!passwordOk) {
    await prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: user.id },
        data: { failedLoginCount: { increment: 1 } },
        select: { failedLoginCount: true },
      });
      await recordAudit(tx, audit, {
        action: "auth.login_failed",
        outcome: "failure",
        entityType: "user",
        entityId: user.id,
        details: { reason: "wrong_password", attempt: updated.failedLoginCount },
      });
      if (updated.failedLoginCount >= rules.lockout.threshold) {
        const lockedUntil = new Date(now.getTime() + rules.lockout.lockMs);
        await tx.user.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });
        await recordAudit(tx, audit, {
          action: "auth.lockout",
          outcome: "denied",
          entityType: "user",
          entityId: user.id,
          details: { lockedUntil: lockedUntil.toISOString() },
        });
      }
    });
    throw signInFailed();
  }

  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
    const session = await createLoginSession(tx, user.id, rules.timeouts, input.client, now);
    await recordAudit(tx, audit, { action: "auth.login", entityType: "user", entityId: user.id });
    return {
      ...session,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
      },
    };
  });
}

/**
 * Sets a new password, ends every session of the user and opens a fresh one for this browser,
 * so a stolen session does not survive a password change.
 */
export async function changePassword(
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  input: {
    userId: string;
    request: ChangePasswordRequest;
    client: { ip: string | null; userAgent: string | null };
    audit: AuditContext;
  },
  now = new Date(),
) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId } });
  if (!(await verifyPassword(user.passwordHash, input.request.currentPassword))) {
    throw new AppError("validation_failed", "Some fields are not valid.", [
      { field: "body.currentPassword", message: "The current password is not right." },
    ]);
  }
  const passwordHash = await hashPassword(input.request.newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
      select: { id: true, email: true, name: true, role: true, mustChangePassword: true },
    });
    await tx.loginSession.deleteMany({ where: { userId: user.id } });
    const session = await createLoginSession(tx, user.id, timeouts, input.client, now);
    await recordAudit(tx, input.audit, {
      action: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
    });
    return { ...session, user: updated };
  });
}

/** Sign-out: the session ends and the audit row is written together, or neither is. */
export async function logout(prisma: PrismaClient, tokenHash: string, userId: string, audit: AuditContext) {
  await prisma.$transaction(async (tx) => {
    await destroyLoginSession(tx, tokenHash);
    await recordAudit(tx, audit, { action: "auth.logout", entityType: "user", entityId: userId });
  });
}
