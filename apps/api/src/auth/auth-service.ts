// Sign-in with throttling (auth/throttle.ts), and password change. One answer for every failed
// sign-in, so the reply never tells whether an account exists or is deactivated.
import { passwordIdentityProblem, type ChangePasswordRequest, type LoginRequest } from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { emailDigest } from "../audit/email-digest";
import type { PrismaClient } from "../db/prisma";
import { AppError } from "../errors/app-error";
import { recordRefusal } from "../audit/refusals";
import { readSignInSettings } from "../settings/sign-in-settings";
import { hasConfirmedFactor } from "./factors";
import { newDeviceToken } from "./known-devices";
import { createLoginSession, destroyLoginSession, hashToken, type SessionTimeouts } from "./login-sessions";
import {
  accountKey,
  clearFailures,
  countFailure,
  deviceKey,
  heldBackUntil,
  sourceKey,
  unknownEmailKey,
  type ThrottleRules,
} from "./throttle";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords";

export const SIGN_IN_FAILED_MESSAGE = "The email or password is not right.";
const signInFailed = () => new AppError("unauthenticated", SIGN_IN_FAILED_MESSAGE);

/** Said while a key is held back: the right password would not be checked either, so say so. */
function signInSlowed(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const error = new AppError(
    "rate_limited",
    `Sign-in is slowed after several failed attempts. Try again in ${seconds} seconds.`,
  );
  error.retryAfterSeconds = seconds;
  return error;
}

interface LoginInput {
  credentials: LoginRequest;
  /** Token hash of a session the browser already had: destroyed, so every login gets a new id. */
  previousTokenHash: string | null;
  /** Token hash of the browser's device cookie, if it sent one. */
  deviceTokenHash: string | null;
  client: { ip: string | null; userAgent: string | null };
  audit: AuditContext;
}

export async function login(
  prisma: PrismaClient,
  rules: { timeouts: SessionTimeouts; throttle: ThrottleRules },
  input: LoginInput,
  now = new Date(),
) {
  const { email, password } = input.credentials;
  if (input.previousTokenHash) await destroyLoginSession(prisma, input.previousTokenHash);

  // Unknown and known accounts cost the same database work (the same reads, then one transaction of
  // the same statements), so timing does not tell whether an account exists.
  const digest = await emailDigest(prisma, email);
  const user = await prisma.user.findUnique({ where: { email } });
  const device = input.deviceTokenHash
    ? await prisma.knownDevice.findUnique({ where: { tokenHash: input.deviceTokenHash } })
    : null;
  const knownDevice = user !== null && device?.userId === user.id;
  // A known device is judged by its own failures; any other browser by the account's and the address's.
  const keys =
    knownDevice && input.deviceTokenHash
      ? [deviceKey(input.deviceTokenHash)]
      : [user ? accountKey(user.id) : unknownEmailKey(digest), sourceKey(input.client.ip)];
  const audit = { ...input.audit, actorId: user?.id ?? null };

  const heldUntil = await heldBackUntil(prisma, keys, now);
  if (heldUntil) {
    await recordThrottled(prisma, audit, { keys: keys.map((k) => k.kind), userId: user?.id, digest }, now);
    throw signInSlowed(heldUntil, now);
  }

  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, password);
  else await verifyAgainstDummy(password);
  const failure = !user
    ? "unknown_email"
    : !user.active
      ? "deactivated"
      : !passwordOk
        ? "wrong_password"
        : null;

  if (!user || failure !== null) {
    await prisma.$transaction(async (tx) => {
      const counted = await countFailure(tx, rules.throttle, keys, now);
      const slowed = counted.filter((c) => c.blockedUntil !== null).map((c) => c.key.kind);
      await recordAudit(tx, audit, {
        action: "auth.login_failed",
        outcome: failure === "deactivated" ? "denied" : "failure",
        ...(user ? { entityType: "user", entityId: user.id } : { actorLabel: digest }),
        details: {
          reason: failure ?? "unknown_email",
          failures: Object.fromEntries(counted.map((c) => [c.key.kind, c.failures])),
          ...(slowed.length > 0 ? { slowed } : {}),
        },
      });
    });
    throw signInFailed();
  }

  return prisma.$transaction(async (tx) => {
    await clearFailures(
      tx,
      keys.filter((k) => k.kind !== "source"),
    );
    const deviceToken = knownDevice ? null : newDeviceToken();
    if (deviceToken) {
      await tx.knownDevice.create({ data: { tokenHash: hashToken(deviceToken), userId: user.id } });
    } else if (input.deviceTokenHash) {
      await tx.knownDevice.update({ where: { tokenHash: input.deviceTokenHash }, data: { lastSeenAt: now } });
    }
    // With a factor enrolled the password opens only the second step; without one, where the
    // settings require a factor of the role, only enrolment (docs/decisions/021).
    const secondFactorPending = await hasConfirmedFactor(tx, user.id);
    const { settings } = await readSignInSettings(tx);
    const enrolmentRequired = !secondFactorPending && settings.mfaRequiredRoles.includes(user.role);
    const session = await createLoginSession(tx, user.id, rules.timeouts, input.client, now, {
      secondFactorPending,
      enrolmentRequired,
    });
    await recordAudit(tx, audit, {
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      details: { knownDevice, secondFactorPending, enrolmentRequired },
    });
    return {
      ...session,
      deviceToken,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
        factorsResetAt: user.factorsResetAt,
      },
    };
  });
}

/** Sign-ins refused while held back: audited once a minute per source (see audit/refusals.ts). */
async function recordThrottled(
  prisma: PrismaClient,
  audit: AuditContext,
  facts: { keys: string[]; userId: string | undefined; digest: string },
  now: Date,
) {
  await recordRefusal(
    prisma,
    { ...audit, actorId: null },
    {
      action: "auth.login_throttled",
      method: "POST",
      route: "/api/auth/login",
      reason: facts.keys.join(","),
    },
    now,
    facts.userId ? { entityType: "user", entityId: facts.userId } : { actorLabel: facts.digest },
  );
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
    /** The current session's factor state (last check, enrolment still owed), carried to the new session. */
    secondFactorAt: Date | null;
    enrolmentRequired: boolean;
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
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        mustChangePassword: true,
        factorsResetAt: true,
      },
    });
    await tx.loginSession.deleteMany({ where: { userId: user.id } });
    const session = await createLoginSession(tx, user.id, timeouts, input.client, now, {
      secondFactorAt: input.secondFactorAt,
      enrolmentRequired: input.enrolmentRequired,
    });
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
