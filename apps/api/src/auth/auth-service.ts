// Sign-in with lockout, and password change. One answer for every failed sign-in, so the reply
// never tells whether an account exists, is locked or is deactivated.
import { passwordIdentityProblem, type ChangePasswordRequest, type LoginRequest } from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { emailDigest } from "../audit/email-digest";
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

  // Unknown and known accounts cost the same database work (one read, then one transaction of one
  // counted UPDATE and one audit insert), so timing does not tell whether an account exists.
  const user = await prisma.user.findUnique({ where: { email } });
  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, password);
  else await verifyAgainstDummy(password);
  const locked = user?.lockedUntil != null && user.lockedUntil > now;
  const failure = !user
    ? "unknown_email"
    : locked
      ? "locked"
      : !user.active
        ? "deactivated"
        : !passwordOk
          ? "wrong_password"
          : null;

  if (!user || failure !== null) {
    const actorLabel = user ? undefined : await emailDigest(prisma, email);
    const audit = { ...input.audit, actorId: user?.id ?? null };
    await prisma.$transaction(async (tx) => {
      // The same statement on every failed path; it counts only a wrong password of an open account.
      const counted = failure === "wrong_password" ? 1 : 0;
      const [row] = await tx.$queryRaw<{ failed_login_count: number }[]>`
        UPDATE users SET failed_login_count = failed_login_count + ${counted}
        WHERE email = ${email} RETURNING failed_login_count`;
      await recordAudit(tx, audit, {
        action: "auth.login_failed",
        outcome: failure === "wrong_password" || failure === "unknown_email" ? "failure" : "denied",
        ...(user ? { entityType: "user", entityId: user.id } : {}),
        ...(actorLabel ? { actorLabel } : {}),
        details: {
          reason: failure ?? "unknown_email",
          ...(failure === "wrong_password" && row ? { attempt: row.failed_login_count } : {}),
        },
      });
      if (user && failure === "wrong_password" && row && row.failed_login_count >= rules.lockout.threshold) {
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
  const audit = { ...input.audit, actorId: user.id };

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
  const identityProblem = passwordIdentityProblem(input.request.newPassword, user);
  if (identityProblem) {
    throw new AppError("validation_failed", "Some fields are not valid.", [
      { field: "body.newPassword", message: identityProblem },
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
