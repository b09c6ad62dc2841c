// Passkeys (WebAuthn; docs/decisions/021) with @simplewebauthn/server: registration (a factor change,
// behind step-up), the second sign-in step or a step-up check, and a passwordless sign-in with a
// discoverable, user-verified credential that counts as both factors. Every challenge is issued here,
// kept in PostgreSQL bound to its purpose (and user and login session where there is one), lives
// five minutes and is deleted by the one statement that accepts a response naming it, so it is used
// once even by two requests at once. The relying party is the configured public origin (or, unset,
// the origin the request was sent to). Audit rows hold ids and reasons only.
import type {
  PasskeyAssertionRequest,
  PasskeyAuthenticationOptions,
  PasskeyRegistrationOptions,
  PasskeySummary,
  RegisterPasskeyRequest,
  Role,
} from "@ipt/shared";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeClientDataJSON, isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import type { Db, PrismaClient } from "../db/prisma";
import { AppError, conflict, invalid, notFound } from "../errors/app-error";
import {
  afterFactorRemoved,
  hasConfirmedFactor,
  issueRecoveryCodes,
  openCheckedSession,
  refuseWhileHeldBack,
  TOTP_ISSUER,
  type CodeCheck,
} from "./factors";
import { createLoginSession, destroyLoginSession, type SessionTimeouts } from "./login-sessions";
import { countFailure, factorKey, heldBackUntil, sourceKey, type ThrottleRules } from "./throttle";

/** How long a browser has to answer a challenge (the WebAuthn prompt's own timeout is the same). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

export interface RelyingParty {
  /** The host name passkeys are bound to. */
  id: string;
  /** The exact origin a response must come from. */
  origin: string;
}

/** The relying party: PUBLIC_ORIGIN when configured, else the origin the request was sent to. */
export function relyingParty(publicOrigin: string | undefined, request: { protocol: string; host: string }) {
  const url = new URL(publicOrigin ?? `${request.protocol}://${request.host}`);
  return { id: url.hostname, origin: url.origin } satisfies RelyingParty;
}

type Purpose = "registration" | "second_factor" | "sign_in";
type Refusal =
  | "malformed_response"
  | "unknown_challenge"
  | "expired_challenge"
  | "unknown_credential"
  | "another_users_credential"
  | "user_handle_mismatch"
  | "deactivated"
  | "already_registered"
  | "verification_failed";

/** A response whose refusal the caller audits and answers in its own way. */
class PasskeyRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

async function issueChallenge(
  db: Db,
  challenge: string,
  binding: { purpose: Purpose; userId: string | null; sessionTokenHash: string | null },
  now: Date,
) {
  // Expired challenges go when new ones come: the table holds only the last five minutes' worth.
  await db.webauthnChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.webauthnChallenge.create({
    data: {
      challenge,
      ...binding,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS),
    },
  });
}

/**
 * Takes the challenge a response signed: deleted in the statement that finds it, and only if it was
 * issued for this purpose, user and session. Wrong, replayed and someone else's challenges are all
 * "unknown"; a found but stale one is "expired" (and gone all the same).
 */
async function takeChallenge(
  db: Db,
  clientDataJSON: string,
  binding: { purpose: Purpose; userId: string | null; sessionTokenHash: string | null },
  now: Date,
): Promise<string> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    throw new PasskeyRefused("malformed_response");
  }
  if (typeof challenge !== "string" || challenge.length === 0 || challenge.length > 512) {
    throw new PasskeyRefused("malformed_response");
  }
  const rows = await db.$queryRaw<{ expires_at: Date }[]>`
    DELETE FROM webauthn_challenges
    WHERE challenge = ${challenge}
      AND purpose = ${binding.purpose}::"WebauthnChallengePurpose"
      AND user_id IS NOT DISTINCT FROM ${binding.userId}::uuid
      AND session_token_hash IS NOT DISTINCT FROM ${binding.sessionTokenHash}
    RETURNING expires_at`;
  const row = rows[0];
  if (!row) throw new PasskeyRefused("unknown_challenge");
  if (row.expires_at.getTime() <= now.getTime()) throw new PasskeyRefused("expired_challenge");
  return challenge;
}

const userHandleOf = (userId: string) => isoUint8Array.fromUTF8String(userId);

// ---------------------------------------------------------------------------------------------
// Registration

export async function passkeyRegistrationOptions(
  prisma: PrismaClient,
  session: { tokenHash: string; user: { id: string; email: string; name: string } },
  rp: RelyingParty,
  now: Date,
): Promise<PasskeyRegistrationOptions> {
  const existing = await prisma.webauthnCredential.findMany({
    where: { userId: session.user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: TOTP_ISSUER,
    rpID: rp.id,
    userName: session.user.email,
    userDisplayName: session.user.name,
    userID: userHandleOf(session.user.id),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    attestationType: "none",
    // Discoverable (so it can sign in without a password) and user-verified (so it counts as both factors).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
  });
  await issueChallenge(
    prisma,
    options.challenge,
    { purpose: "registration", userId: session.user.id, sessionTokenHash: session.tokenHash },
    now,
  );
  return options as PasskeyRegistrationOptions;
}

const summarySelect = { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true } as const;

function toSummary(row: {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  backedUp: boolean;
}): PasskeySummary {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Verifies and stores the passkey the browser created. It counts as a check of this session (like
 * confirming an authenticator app); the account's first factor comes with ten recovery codes.
 */
export async function registerPasskey(
  prisma: PrismaClient,
  input: {
    session: { tokenHash: string; user: { id: string } };
    request: RegisterPasskeyRequest;
    rp: RelyingParty;
    audit: AuditContext;
  },
  now: Date,
) {
  const userId = input.session.user.id;
  const refuse = async (reason: Refusal): Promise<never> => {
    await recordAudit(prisma, input.audit, {
      action: "auth.passkey_registration_failed",
      outcome: "failure",
      entityType: "user",
      entityId: userId,
      details: { reason },
    });
    if (reason === "already_registered") throw conflict("This passkey is already registered.");
    throw invalid("body.credential", "The passkey could not be registered. Try again.");
  };
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    const challenge = await takeChallenge(
      prisma,
      input.request.credential.response.clientDataJSON,
      { purpose: "registration", userId, sessionTokenHash: input.session.tokenHash },
      now,
    );
    verified = await verifyRegistrationResponse({
      response: input.request.credential,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: true,
    }).catch(() => ({ verified: false as const }));
  } catch (error) {
    if (error instanceof PasskeyRefused) return refuse(error.reason);
    throw error;
  }
  if (!verified.verified) return refuse("verification_failed");
  const info = verified.registrationInfo;
  if (await prisma.webauthnCredential.findUnique({ where: { credentialId: info.credential.id } })) {
    return refuse("already_registered");
  }

  return prisma.$transaction(async (tx) => {
    const firstFactor = !(await hasConfirmedFactor(tx, userId));
    const passkey = await tx.webauthnCredential.create({
      data: {
        userId,
        credentialId: info.credential.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: input.request.name,
        createdAt: now,
      },
      select: summarySelect,
    });
    const recoveryCodes = firstFactor ? await issueRecoveryCodes(tx, userId, now) : null;
    await tx.loginSession.updateMany({
      where: { tokenHash: input.session.tokenHash },
      data: { secondFactorAt: now, enrolmentRequired: false },
    });
    await tx.user.update({ where: { id: userId }, data: { factorsResetAt: null } });
    await recordAudit(tx, input.audit, {
      action: "auth.factor_enrolled",
      entityType: "user",
      entityId: userId,
      details: { method: "passkey", passkeyId: passkey.id, firstFactor },
    });
    return { passkey: toSummary(passkey), recoveryCodes };
  });
}

/** Removes one of the user's own passkeys (after a step-up check). */
export async function removePasskey(
  prisma: PrismaClient,
  session: { tokenHash: string; user: { id: string; role: Role } },
  passkeyId: string,
  audit: AuditContext,
) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webauthnCredential.deleteMany({
      where: { id: passkeyId, userId: session.user.id },
    });
    if (count === 0) throw notFound("The passkey");
    await afterFactorRemoved(tx, session);
    await recordAudit(tx, audit, {
      action: "auth.passkey_removed",
      entityType: "user",
      entityId: session.user.id,
      details: { passkeyId },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Assertions: the second step (or step-up) and the passwordless sign-in

export async function secondFactorPasskeyOptions(
  prisma: PrismaClient,
  session: { tokenHash: string; user: { id: string } },
  rp: RelyingParty,
  now: Date,
): Promise<PasskeyAuthenticationOptions> {
  const credentials = await prisma.webauthnCredential.findMany({
    where: { userId: session.user.id },
    select: { credentialId: true, transports: true },
  });
  if (credentials.length === 0) throw conflict("No passkey is registered for your account.");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    userVerification: "preferred",
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
  });
  await issueChallenge(
    prisma,
    options.challenge,
    { purpose: "second_factor", userId: session.user.id, sessionTokenHash: session.tokenHash },
    now,
  );
  return options as PasskeyAuthenticationOptions;
}

export async function passkeySignInOptions(
  prisma: PrismaClient,
  rp: RelyingParty,
  now: Date,
): Promise<PasskeyAuthenticationOptions> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    userVerification: "required",
  });
  await issueChallenge(
    prisma,
    options.challenge,
    { purpose: "sign_in", userId: null, sessionTokenHash: null },
    now,
  );
  return options as PasskeyAuthenticationOptions;
}

/**
 * Checks an assertion against the challenge and the stored credential; on success the credential's
 * counter, backup state and last use are updated. Refusals are thrown as PasskeyRefused.
 */
async function checkAssertion(
  prisma: PrismaClient,
  request: PasskeyAssertionRequest,
  expect: {
    purpose: Purpose;
    userId: string | null;
    sessionTokenHash: string | null;
    userVerification: boolean;
  },
  rp: RelyingParty,
  now: Date,
) {
  const challenge = await takeChallenge(prisma, request.credential.response.clientDataJSON, expect, now);
  const stored = await prisma.webauthnCredential.findUnique({
    where: { credentialId: request.credential.id },
    select: { id: true, userId: true, credentialId: true, publicKey: true, counter: true },
  });
  if (!stored) throw new PasskeyRefused("unknown_credential");
  if (expect.userId !== null && stored.userId !== expect.userId) {
    throw new PasskeyRefused("another_users_credential");
  }
  const userHandle = request.credential.response.userHandle;
  if (userHandle !== undefined && isoBase64URL.toUTF8String(userHandle) !== stored.userId) {
    throw new PasskeyRefused("user_handle_mismatch");
  }
  const verified = await verifyAuthenticationResponse({
    response: request.credential,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: expect.userVerification,
    credential: {
      id: stored.credentialId,
      publicKey: new Uint8Array(stored.publicKey),
      counter: Number(stored.counter),
    },
  }).catch(() => null);
  if (!verified?.verified) throw new PasskeyRefused("verification_failed");
  const info = verified.authenticationInfo;
  await prisma.webauthnCredential.update({
    where: { id: stored.id },
    data: { counter: info.newCounter, backedUp: info.credentialBackedUp, lastUsedAt: now },
  });
  return stored;
}

/** The second sign-in step (or a step-up check) with one of the user's own passkeys. */
export async function verifySecondFactorPasskey(
  prisma: PrismaClient,
  input: {
    userId: string;
    sessionTokenHash: string;
    request: PasskeyAssertionRequest;
    rp: RelyingParty;
    rules: ThrottleRules;
    timeouts: SessionTimeouts;
    client: { ip: string | null; userAgent: string | null };
    audit: AuditContext;
  },
  now: Date,
) {
  const check: CodeCheck = { userId: input.userId, rules: input.rules, audit: input.audit, now };
  await refuseWhileHeldBack(prisma, check);
  let passkeyId: string;
  try {
    ({ id: passkeyId } = await checkAssertion(
      prisma,
      input.request,
      {
        purpose: "second_factor",
        userId: input.userId,
        sessionTokenHash: input.sessionTokenHash,
        userVerification: false,
      },
      input.rp,
      now,
    ));
  } catch (error) {
    if (!(error instanceof PasskeyRefused)) throw error;
    await prisma.$transaction(async (tx) => {
      const [counted] = await countFailure(tx, input.rules, [factorKey(input.userId)], now);
      await recordAudit(tx, input.audit, {
        action: "auth.second_factor_failed",
        outcome: "failure",
        entityType: "user",
        entityId: input.userId,
        details: { method: "passkey", reason: error.reason, failures: counted?.failures ?? 1 },
      });
    });
    throw invalid("body.credential", "The passkey was not accepted. Try again, or use a code.");
  }
  return prisma.$transaction((tx) => openCheckedSession(tx, input, now, { method: "passkey", passkeyId }));
}

export const PASSKEY_SIGN_IN_FAILED_MESSAGE =
  "That passkey was not accepted. Try again, or sign in with your email and password.";

function passkeySignInSlowed(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const error = new AppError(
    "rate_limited",
    `Sign-in is slowed after several failed attempts. Try again in ${seconds} seconds.`,
  );
  error.retryAfterSeconds = seconds;
  return error;
}

/**
 * Passwordless sign-in: a discoverable passkey with user verification is both factors (something
 * the person has, unlocked by something they know or are), so the session opens past the second
 * factor. Failures count against the source address, like wrong passwords.
 */
export async function signInWithPasskey(
  prisma: PrismaClient,
  input: {
    request: PasskeyAssertionRequest;
    previousTokenHash: string | null;
    rp: RelyingParty;
    rules: { timeouts: SessionTimeouts; throttle: ThrottleRules };
    client: { ip: string | null; userAgent: string | null };
    audit: AuditContext;
  },
  now: Date,
) {
  if (input.previousTokenHash) await destroyLoginSession(prisma, input.previousTokenHash);
  const source = sourceKey(input.client.ip);
  const heldUntil = await heldBackUntil(prisma, [source], now);
  if (heldUntil) throw passkeySignInSlowed(heldUntil, now);

  let stored: { id: string; userId: string };
  try {
    stored = await checkAssertion(
      prisma,
      input.request,
      { purpose: "sign_in", userId: null, sessionTokenHash: null, userVerification: true },
      input.rp,
      now,
    );
  } catch (error) {
    if (!(error instanceof PasskeyRefused)) throw error;
    await recordPasskeySignInFailure(prisma, input, error.reason, null, now);
    throw new AppError("unauthenticated", PASSKEY_SIGN_IN_FAILED_MESSAGE);
  }
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: stored.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      mustChangePassword: true,
      factorsResetAt: true,
    },
  });
  if (!user.active) {
    await recordPasskeySignInFailure(prisma, input, "deactivated", user.id, now);
    throw new AppError("unauthenticated", PASSKEY_SIGN_IN_FAILED_MESSAGE);
  }
  return prisma.$transaction(async (tx) => {
    const session = await createLoginSession(tx, user.id, input.rules.timeouts, input.client, now, {
      secondFactorPending: false,
      secondFactorAt: now,
      enrolmentRequired: false,
    });
    await recordAudit(
      tx,
      { ...input.audit, actorId: user.id },
      {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        details: { method: "passkey", passkeyId: stored.id },
      },
    );
    const { active: _active, ...sessionUser } = user;
    return { ...session, user: sessionUser };
  });
}

async function recordPasskeySignInFailure(
  prisma: PrismaClient,
  input: { rules: { throttle: ThrottleRules }; client: { ip: string | null }; audit: AuditContext },
  reason: Refusal,
  userId: string | null,
  now: Date,
) {
  await prisma.$transaction(async (tx) => {
    const [counted] = await countFailure(tx, input.rules.throttle, [sourceKey(input.client.ip)], now);
    await recordAudit(tx, input.audit, {
      action: "auth.login_failed",
      outcome: reason === "deactivated" ? "denied" : "failure",
      ...(userId ? { entityType: "user", entityId: userId } : {}),
      details: { method: "passkey", reason, failures: { source: counted?.failures ?? 1 } },
    });
  });
}
