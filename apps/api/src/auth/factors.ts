// Second sign-in factors (docs/decisions/021): TOTP (RFC 6238, computed by the otpauth library) with
// its secret sealed under a server key, and one-time recovery codes held as SHA-256. Enrolment, the
// second sign-in step (which rotates the session id) and the step-up check share verifySecondFactor.
// Wrong codes are counted per account in the PostgreSQL throttle (auth/throttle.ts).
import { RECOVERY_CODE_COUNT, type FactorsResponse, type Role, type SecondFactorRequest } from "@ipt/shared";
import { createHash } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { recordRefusal } from "../audit/refusals";
import type { Db, PrismaClient } from "../db/prisma";
import { serverKey } from "../db/server-keys";
import { AppError, conflict, invalid } from "../errors/app-error";
import { readSignInSettings } from "../settings/sign-in-settings";
import { createLoginSession, type SessionTimeouts } from "./login-sessions";
import { generateTemporaryPassword } from "./passwords";
import { open, seal } from "./secret-box";
import { clearFailures, countFailure, factorKey, heldBackUntil, type ThrottleRules } from "./throttle";

/** What every authenticator app supports: HMAC-SHA-1, 6 digits, 30-second steps. */
const TOTP_SHAPE = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** One step either side of now: a phone's clock a little off, or a code typed as it rolled over. */
const TOTP_WINDOW = 1;
export const TOTP_ISSUER = "IPT Session Planner";

const sealedFor = (userId: string) => `totp:${userId}`;

function totpOf(secretBase32: string, label = "") {
  return new TOTP({ ...TOTP_SHAPE, issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secretBase32) });
}

/** The time step a code belongs to (within the window around now), or null. */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpOf(secretBase32);
  const timestamp = now.getTime();
  const delta = totp.validate({ token: code, timestamp, window: TOTP_WINDOW });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}

export const hashRecoveryCode = (code: string) =>
  createHash("sha256")
    .update(code.replace(/[\s-]+/g, "").toLowerCase())
    .digest("hex");

/** Whether the user has a confirmed authenticator app. */
async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return factor?.confirmedAt != null;
}

/** Whether sign-in asks this user for a second factor: a confirmed authenticator app or a passkey. */
export async function hasConfirmedFactor(db: Db, userId: string): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([
    hasConfirmedTotp(db, userId),
    db.webauthnCredential.count({ where: { userId } }),
  ]);
  return totp || passkeys > 0;
}

export async function listFactors(prisma: PrismaClient, userId: string): Promise<FactorsResponse> {
  const [factor, passkeys, recoveryCodesLeft] = await Promise.all([
    prisma.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.webauthnCredential.findMany({
      where: { userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const confirmedAt = factor?.confirmedAt ?? null;
  return {
    totp: { enrolled: confirmedAt !== null, confirmedAt: confirmedAt?.toISOString() ?? null },
    passkeys: passkeys.map((passkey) => ({
      ...passkey,
      createdAt: passkey.createdAt.toISOString(),
      lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    })),
    recoveryCodesLeft,
  };
}

/** Starts (or starts again) TOTP enrolment: a new secret, shown now and never again. */
export async function beginTotpEnrolment(
  prisma: PrismaClient,
  user: { id: string; email: string },
  audit: AuditContext,
) {
  if (await hasConfirmedTotp(prisma, user.id)) {
    throw conflict("An authenticator app is already set up for your account.");
  }
  const secret = new Secret({ size: 20 });
  const sealed = seal(await serverKey(prisma, "totp_secret"), secret.base32, sealedFor(user.id));
  await prisma.$transaction(async (tx) => {
    await tx.totpFactor.upsert({
      where: { userId: user.id },
      create: { userId: user.id, secretSealed: sealed },
      update: { secretSealed: sealed, confirmedAt: null, lastUsedStep: null },
    });
    await recordAudit(tx, audit, {
      action: "auth.factor_enrolment_started",
      entityType: "user",
      entityId: user.id,
    });
  });
  return { secret: secret.base32, otpauthUri: totpOf(secret.base32, user.email).toString() };
}

function codeSlowed(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const error = new AppError(
    "rate_limited",
    `Codes are slowed after several wrong ones. Try again in ${seconds} seconds.`,
  );
  error.retryAfterSeconds = seconds;
  return error;
}

export interface CodeCheck {
  userId: string;
  rules: ThrottleRules;
  audit: AuditContext;
  now: Date;
}

/** Refuses while the account's code failures hold it back (audited once a minute, audit/refusals.ts). */
export async function refuseWhileHeldBack(prisma: PrismaClient, check: CodeCheck) {
  const until = await heldBackUntil(prisma, [factorKey(check.userId)], check.now);
  if (!until) return;
  await recordRefusal(
    prisma,
    check.audit,
    {
      action: "auth.second_factor_throttled",
      method: "POST",
      route: "/api/auth/second-factor",
      reason: "factor",
    },
    check.now,
    { entityType: "user", entityId: check.userId },
  );
  throw codeSlowed(until, check.now);
}

/** Counts a wrong code, audits it by reason, and answers 400 naming the field. */
async function refuseCode(
  prisma: PrismaClient,
  check: CodeCheck,
  reason: "wrong_code" | "replayed_code" | "unknown_recovery_code" | "used_recovery_code" | "no_factor",
): Promise<never> {
  await prisma.$transaction(async (tx) => {
    const [counted] = await countFailure(tx, check.rules, [factorKey(check.userId)], check.now);
    await recordAudit(tx, check.audit, {
      action: "auth.second_factor_failed",
      outcome: "failure",
      entityType: "user",
      entityId: check.userId,
      details: { reason, failures: counted?.failures ?? 1 },
    });
  });
  throw invalid(
    "body.code",
    reason === "used_recovery_code"
      ? "That recovery code has been used already. Use another one."
      : "The code is not right. Check your authenticator app and try again.",
  );
}

/** Opens the sealed secret of the user's TOTP factor. */
async function secretOf(prisma: PrismaClient, userId: string, sealed: Uint8Array) {
  return open(await serverKey(prisma, "totp_secret"), sealed, sealedFor(userId));
}

/**
 * Accepts a TOTP code once: the step is stored in the same statement that checks it is newer than
 * the last one used, so the same code (or an older one) is refused even from two requests at once.
 */
async function useTotpCode(prisma: PrismaClient, check: CodeCheck, code: string, pendingEnrolment: boolean) {
  const factor = await prisma.totpFactor.findUnique({ where: { userId: check.userId } });
  if (!factor || (factor.confirmedAt === null) !== pendingEnrolment) {
    if (pendingEnrolment) throw conflict("Start setting up your authenticator app first.");
    return refuseCode(prisma, check, "no_factor");
  }
  const step = matchingStep(await secretOf(prisma, check.userId, factor.secretSealed), code, check.now);
  if (step === null) return refuseCode(prisma, check, "wrong_code");
  const { count } = await prisma.totpFactor.updateMany({
    where: {
      userId: check.userId,
      secretSealed: factor.secretSealed,
      OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }],
    },
    data: { lastUsedStep: step, ...(pendingEnrolment ? { confirmedAt: check.now } : {}) },
  });
  if (count === 0) return refuseCode(prisma, check, "replayed_code");
}

async function useRecoveryCode(prisma: PrismaClient, check: CodeCheck, code: string) {
  const codeHash = hashRecoveryCode(code);
  const { count } = await prisma.recoveryCode.updateMany({
    where: { codeHash, userId: check.userId, usedAt: null },
    data: { usedAt: check.now },
  });
  if (count === 1) return;
  const used = await prisma.recoveryCode.findFirst({
    where: { codeHash, userId: check.userId },
    select: { usedAt: true },
  });
  return refuseCode(prisma, check, used ? "used_recovery_code" : "unknown_recovery_code");
}

/** Ten fresh recovery codes replace any earlier ones; the plain codes are returned once. */
export async function issueRecoveryCodes(tx: Db, userId: string, now: Date) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateTemporaryPassword().toLowerCase());
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ codeHash: hashRecoveryCode(code), userId, createdAt: now })),
  });
  return codes;
}

/** Confirms enrolment with a first code: the factor is live, and the recovery codes are shown once. */
export async function confirmTotpEnrolment(
  prisma: PrismaClient,
  input: {
    userId: string;
    sessionTokenHash: string;
    code: string;
    rules: ThrottleRules;
    audit: AuditContext;
  },
  now: Date,
) {
  const check: CodeCheck = { userId: input.userId, rules: input.rules, audit: input.audit, now };
  await refuseWhileHeldBack(prisma, check);
  await useTotpCode(prisma, check, input.code, true);
  return prisma.$transaction(async (tx) => {
    const recoveryCodes = await issueRecoveryCodes(tx, input.userId, now);
    await clearFailures(tx, [factorKey(input.userId)]);
    // Enrolling proves the factor: this session counts as checked now (step-up), and owes no enrolment.
    await tx.loginSession.updateMany({
      where: { tokenHash: input.sessionTokenHash },
      data: { secondFactorAt: now, enrolmentRequired: false },
    });
    await tx.user.update({ where: { id: input.userId }, data: { factorsResetAt: null } });
    await recordAudit(tx, input.audit, {
      action: "auth.factor_enrolled",
      entityType: "user",
      entityId: input.userId,
      details: { method: "totp" },
    });
    return { recoveryCodes };
  });
}

/**
 * The second sign-in step, and the step-up check of a full session: a TOTP code or an unused
 * recovery code. The old session ends and a new one (new id and CSRF token) is opened past the
 * second factor, so a token seen before the check is worth nothing after it.
 */
export async function verifySecondFactor(
  prisma: PrismaClient,
  input: {
    userId: string;
    sessionTokenHash: string;
    request: SecondFactorRequest;
    rules: ThrottleRules;
    timeouts: SessionTimeouts;
    client: { ip: string | null; userAgent: string | null };
    audit: AuditContext;
  },
  now: Date,
) {
  const check: CodeCheck = { userId: input.userId, rules: input.rules, audit: input.audit, now };
  await refuseWhileHeldBack(prisma, check);
  if (input.request.method === "totp") await useTotpCode(prisma, check, input.request.code, false);
  else await useRecoveryCode(prisma, check, input.request.code);

  return prisma.$transaction(async (tx) => {
    const recoveryCodesLeft =
      input.request.method === "recovery_code"
        ? await tx.recoveryCode.count({ where: { userId: input.userId, usedAt: null } })
        : undefined;
    return openCheckedSession(tx, input, now, {
      method: input.request.method,
      ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }),
    });
  });
}

/**
 * After a passed second factor (a code or a passkey): the old session ends and a new one (new id
 * and CSRF token) is opened past the second factor, audited with how it was passed.
 */
export async function openCheckedSession(
  tx: Db,
  input: {
    userId: string;
    sessionTokenHash: string;
    timeouts: SessionTimeouts;
    client: { ip: string | null; userAgent: string | null };
    audit: AuditContext;
  },
  now: Date,
  details: Record<string, string | number>,
) {
  await tx.loginSession.deleteMany({ where: { tokenHash: input.sessionTokenHash } });
  await clearFailures(tx, [factorKey(input.userId)]);
  const session = await createLoginSession(tx, input.userId, input.timeouts, input.client, now, {
    secondFactorPending: false,
    secondFactorAt: now,
  });
  await recordAudit(tx, input.audit, {
    action: "auth.second_factor_passed",
    entityType: "user",
    entityId: input.userId,
    details,
  });
  const user = await tx.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      mustChangePassword: true,
      factorsResetAt: true,
    },
  });
  return { ...session, user };
}

/**
 * Removes the user's own authenticator app and recovery codes (after a step-up check). Their other
 * sessions end; where their role requires a factor this session now owes enrolment.
 */
export async function removeOwnFactors(
  prisma: PrismaClient,
  session: { tokenHash: string; user: { id: string; role: Role } },
  audit: AuditContext,
) {
  const userId = session.user.id;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId } });
    if (count === 0) throw conflict("No authenticator app is set up for your account.");
    await afterFactorRemoved(tx, session);
    await recordAudit(tx, audit, { action: "auth.factor_removed", entityType: "user", entityId: userId });
  });
}

/**
 * After one of the user's own factors was removed: their other sessions end; with no factor left the
 * recovery codes go too, and where their role requires a factor this session now owes enrolment.
 */
export async function afterFactorRemoved(
  tx: Db,
  session: { tokenHash: string; user: { id: string; role: Role } },
) {
  const userId = session.user.id;
  await tx.loginSession.deleteMany({ where: { userId, tokenHash: { not: session.tokenHash } } });
  if (await hasConfirmedFactor(tx, userId)) return;
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const { settings } = await readSignInSettings(tx);
  await tx.loginSession.updateMany({
    where: { tokenHash: session.tokenHash },
    data: { enrolmentRequired: settings.mfaRequiredRoles.includes(session.user.role) },
  });
}

/** Ten new recovery codes replace the old ones (after a step-up check); shown once. */
export async function renewRecoveryCodes(
  prisma: PrismaClient,
  userId: string,
  audit: AuditContext,
  now: Date,
) {
  return prisma.$transaction(async (tx) => {
    if (!(await hasConfirmedFactor(tx, userId))) {
      throw conflict("Set up an authenticator app or a passkey first: recovery codes come with it.");
    }
    const recoveryCodes = await issueRecoveryCodes(tx, userId, now);
    await recordAudit(tx, audit, {
      action: "auth.recovery_codes_renewed",
      entityType: "user",
      entityId: userId,
    });
    return { recoveryCodes };
  });
}
