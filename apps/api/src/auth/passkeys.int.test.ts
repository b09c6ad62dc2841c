// Passkeys (docs/decisions/021) against the real app and PostgreSQL, with real WebAuthn responses from
// a software authenticator (test/helpers/passkeys.ts): registration behind step-up, the second step,
// the passwordless sign-in, removal and the admin's reset; and every refusal: a challenge the server
// never issued, a replayed one, an expired one, an unknown credential, another user's credential, a
// response for another origin, no user verification where it is required.
import {
  factorsResponse,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registeredPasskeyResponse,
  sessionResponse,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import {
  createAccount,
  createTestApp,
  sessionCookieFrom,
  signIn,
  type SignedIn,
} from "../../test/helpers/app";
import {
  enrolTotp,
  sendSecondFactor,
  sessionAfter,
  TOTP_STEP_MS,
  totpCodeAt,
} from "../../test/helpers/factors";
import { assertWith, createPasskey, strangerChallenge } from "../../test/helpers/passkeys";
import { CSRF_HEADER } from "@ipt/shared";
import { noteSecret } from "../security/log-scan/sink";
import { PASSKEY_CHALLENGE_TTL_MS } from "./passkeys";

const ORIGIN = "https://ipt.example.test";
let now = new Date("2026-03-02T09:00:00Z");
const clock = () => now;
const advanceMs = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

const { app, prisma } = await createTestApp({ PUBLIC_ORIGIN: ORIGIN }, undefined, clock);

const post = (session: SignedIn | null, url: string, payload: object = {}) =>
  app.inject({ method: "POST", url, headers: session?.headers ?? {}, payload });
const get = (session: SignedIn, url: string) => app.inject({ method: "GET", url, headers: session.headers });

function sessionFrom(response: Awaited<ReturnType<typeof post>>): SignedIn {
  expect(response.statusCode, response.body).toBe(200);
  const cookie = sessionCookieFrom(response.headers["set-cookie"]);
  const { csrfToken } = sessionResponse.parse(response.json());
  noteSecret(csrfToken);
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}

async function registrationOptions(session: SignedIn) {
  const response = await post(session, "/api/auth/factors/passkeys/options");
  expect(response.statusCode, response.body).toBe(200);
  return passkeyRegistrationOptions.parse(response.json());
}

/** Registers a new software passkey for the signed-in user; the passkey and the server's answer. */
async function registerPasskey(session: SignedIn, name = "Work laptop") {
  const { passkey, credential } = createPasskey(await registrationOptions(session), ORIGIN);
  const response = await post(session, "/api/auth/factors/passkeys", { name, credential });
  expect(response.statusCode, response.body).toBe(201);
  const body = registeredPasskeyResponse.parse(response.json());
  body.recoveryCodes?.forEach(noteSecret);
  return { soft: passkey, stored: body.passkey, recoveryCodes: body.recoveryCodes };
}

/** A user with one passkey, signed out. */
async function userWithPasskey(role: "therapist" | "admin" = "therapist") {
  const user = await createAccount(prisma, { role });
  const registered = await registerPasskey(await signIn(app, user.email));
  return { user, ...registered };
}

async function secondFactorOptions(session: SignedIn) {
  const response = await post(session, "/api/auth/second-factor/passkey/options");
  expect(response.statusCode, response.body).toBe(200);
  return passkeyAuthenticationOptions.parse(response.json());
}

async function signInOptions() {
  const response = await post(null, "/api/auth/passkey/options");
  expect(response.statusCode, response.body).toBe(200);
  return passkeyAuthenticationOptions.parse(response.json());
}

const lastReason = async (userId: string, action: string) =>
  ((await auditRows(prisma, { entityId: userId, action })).at(-1)?.details as { reason?: string } | null)
    ?.reason;

describe("registering a passkey", () => {
  it("answers options for the configured origin, keeps the challenge server-side, and stores the credential", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const options = await registrationOptions(session);
    expect(options.rp).toEqual({ name: "IPT Session Planner", id: "ipt.example.test" });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    const stored = await prisma.webauthnChallenge.findUniqueOrThrow({
      where: { challenge: options.challenge },
    });
    expect(stored).toMatchObject({ purpose: "registration", userId: user.id });
    expect(stored.expiresAt.getTime() - now.getTime()).toBe(PASSKEY_CHALLENGE_TTL_MS);

    const { passkey, credential } = createPasskey(options, ORIGIN);
    const response = await post(session, "/api/auth/factors/passkeys", { name: "Work laptop", credential });
    expect(response.statusCode, response.body).toBe(201);
    const body = registeredPasskeyResponse.parse(response.json());
    expect(body.passkey).toMatchObject({ name: "Work laptop", backedUp: false, lastUsedAt: null });
    // The first factor comes with recovery codes, shown once.
    expect(body.recoveryCodes).toHaveLength(10);
    body.recoveryCodes?.forEach(noteSecret);
    expect(await prisma.webauthnChallenge.count({ where: { challenge: options.challenge } })).toBe(0);

    const row = await prisma.webauthnCredential.findUniqueOrThrow({ where: { id: body.passkey.id } });
    expect(row).toMatchObject({ userId: user.id, counter: 0n, deviceType: "singleDevice", backedUp: false });
    expect(row.credentialId).toBe(credential.id);
    expect(row.transports).toEqual(["internal"]);
    expect(passkey.userHandle).toBe(options.user.id);

    const listed = factorsResponse.parse((await get(session, "/api/auth/factors")).json());
    expect(listed.passkeys.map((p) => p.id)).toEqual([body.passkey.id]);
    expect(listed.recoveryCodesLeft).toBe(10);
    const [audit] = await auditRows(prisma, { entityId: user.id, action: "auth.factor_enrolled" });
    expect(audit?.details).toEqual({ method: "passkey", passkeyId: body.passkey.id, firstFactor: true });
    expect(JSON.stringify(audit?.details)).not.toContain(credential.id);

    // From now on the password opens only the second step.
    const next = await signIn(app, user.email);
    expect(sessionResponse.parse((await get(next, "/api/auth/session")).json()).secondFactorPending).toBe(
      true,
    );
  });

  it("refuses a challenge it never issued, a replayed one, an expired one and another session's (400 body.credential)", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const options = await registrationOptions(session);

    const stranger = createPasskey(options, ORIGIN, { challenge: strangerChallenge() });
    const wrong = await post(session, "/api/auth/factors/passkeys", {
      name: "A",
      credential: stranger.credential,
    });
    expect(fieldNames(expectApiError(wrong, 400, "validation_failed"))).toEqual(["body.credential"]);
    expect(await lastReason(user.id, "auth.passkey_registration_failed")).toBe("unknown_challenge");

    const good = createPasskey(options, ORIGIN);
    expect(
      (await post(session, "/api/auth/factors/passkeys", { name: "A", credential: good.credential }))
        .statusCode,
    ).toBe(201);
    const replayed = await post(session, "/api/auth/factors/passkeys", {
      name: "B",
      credential: good.credential,
    });
    expectApiError(replayed, 400, "validation_failed");
    expect(await lastReason(user.id, "auth.passkey_registration_failed")).toBe("unknown_challenge");

    const late = createPasskey(await registrationOptions(session), ORIGIN);
    advanceMs(PASSKEY_CHALLENGE_TTL_MS + 1000);
    expectApiError(
      await post(session, "/api/auth/factors/passkeys", { name: "C", credential: late.credential }),
      400,
      "validation_failed",
    );
    expect(await lastReason(user.id, "auth.passkey_registration_failed")).toBe("expired_challenge");

    // A challenge issued to another user's session does not register anything here.
    const other = await createAccount(prisma);
    const theirs = createPasskey(await registrationOptions(await signIn(app, other.email)), ORIGIN);
    expectApiError(
      await post(session, "/api/auth/factors/passkeys", { name: "D", credential: theirs.credential }),
      400,
      "validation_failed",
    );

    // A response made for another origin is refused.
    const elsewhere = createPasskey(await registrationOptions(session), "https://evil.example.test");
    expectApiError(
      await post(session, "/api/auth/factors/passkeys", { name: "E", credential: elsewhere.credential }),
      400,
      "validation_failed",
    );
    expect(await lastReason(user.id, "auth.passkey_registration_failed")).toBe("verification_failed");

    expect(await prisma.webauthnCredential.count({ where: { userId: user.id } })).toBe(1);
  });

  it("is step-up protected once the user has a factor and the last check is too old (403 step_up_required)", async () => {
    const { user, soft: passkey } = await userWithPasskey();
    const pending = await signIn(app, user.email);
    const session = sessionFrom(
      await post(pending, "/api/auth/second-factor/passkey", {
        credential: assertWith(passkey, await secondFactorOptions(pending), ORIGIN),
      }),
    );
    advanceMs(16 * 60_000);
    expectApiError(await post(session, "/api/auth/factors/passkeys/options"), 403, "step_up_required");
    // A fresh check with the passkey opens it again.
    const checked = sessionFrom(
      await post(session, "/api/auth/second-factor/passkey", {
        credential: assertWith(passkey, await secondFactorOptions(session), ORIGIN),
      }),
    );
    const second = await registerPasskey(checked, "Phone");
    expect(second.recoveryCodes).toBeNull();
  });
});

describe("a passkey as the second factor", () => {
  it("passes the second step: a new session past the factor, counter and last use stored, audited by id", async () => {
    const { user, soft: passkey, stored } = await userWithPasskey();
    const pending = await signIn(app, user.email);
    expectApiError(await get(pending, "/api/clients"), 403, "second_factor_required");
    const options = await secondFactorOptions(pending);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([
      (await prisma.webauthnCredential.findUniqueOrThrow({ where: { id: stored.id } })).credentialId,
    ]);
    const response = await post(pending, "/api/auth/second-factor/passkey", {
      credential: assertWith(passkey, options, ORIGIN),
    });
    const session = sessionFrom(response);
    expect(session.cookie).not.toBe(pending.cookie);
    expect(sessionResponse.parse(response.json()).secondFactorPending).toBe(false);
    expect((await get(session, "/api/clients")).statusCode).toBe(200);
    const row = await prisma.webauthnCredential.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row.counter).toBe(1n);
    expect(row.lastUsedAt).toEqual(now);
    const [passed] = await auditRows(prisma, { entityId: user.id, action: "auth.second_factor_passed" });
    expect(passed?.details).toEqual({ method: "passkey", passkeyId: stored.id });
  });

  it("refuses a wrong challenge, a replayed one, an expired one, an unknown credential and another user's credential", async () => {
    const { user, soft: passkey } = await userWithPasskey();
    const other = await userWithPasskey();
    const pending = await signIn(app, user.email);
    const refused = async (credential: object, reason: string) => {
      const response = await post(pending, "/api/auth/second-factor/passkey", { credential });
      expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["body.credential"]);
      expect(await lastReason(user.id, "auth.second_factor_failed")).toBe(reason);
      // Each refusal is counted (the throttle's own test is below); here the reasons are the point.
      await prisma.signInThrottle.deleteMany({ where: { key: `factor:${user.id}` } });
    };

    await refused(assertWith(passkey, { challenge: strangerChallenge() }, ORIGIN), "unknown_challenge");

    // An unknown credential uses up the challenge it answered: the right passkey cannot reuse it.
    const options = await secondFactorOptions(pending);
    const unknown = createPasskey(
      await registrationOptions(await signIn(app, (await createAccount(prisma)).email)),
      ORIGIN,
    );
    await refused(assertWith(unknown.passkey, options, ORIGIN), "unknown_credential");
    await refused(assertWith(passkey, options, ORIGIN), "unknown_challenge");

    await refused(
      assertWith(other.soft, await secondFactorOptions(pending), ORIGIN),
      "another_users_credential",
    );

    const late = await secondFactorOptions(pending);
    advanceMs(PASSKEY_CHALLENGE_TTL_MS + 1000);
    await refused(assertWith(passkey, late, ORIGIN), "expired_challenge");

    await refused(
      assertWith(passkey, await secondFactorOptions(pending), "https://evil.example.test"),
      "verification_failed",
    );

    // Still pending; the right passkey over a fresh challenge passes, and its answer cannot be replayed.
    expectApiError(await get(pending, "/api/clients"), 403, "second_factor_required");
    const good = assertWith(passkey, await secondFactorOptions(pending), ORIGIN);
    const session = sessionFrom(await post(pending, "/api/auth/second-factor/passkey", { credential: good }));
    const replayed = await post(session, "/api/auth/second-factor/passkey", { credential: good });
    expectApiError(replayed, 400, "validation_failed");
    expect(await lastReason(user.id, "auth.second_factor_failed")).toBe("unknown_challenge");
  });

  it("is throttled with the codes: past the free failures even a valid passkey answers 429", async () => {
    const { user, soft: passkey } = await userWithPasskey();
    const pending = await signIn(app, user.email);
    for (let i = 0; i < 5; i += 1) {
      await post(pending, "/api/auth/second-factor/passkey", {
        credential: assertWith(passkey, { challenge: strangerChallenge() }, ORIGIN),
      });
    }
    const slowed = await post(pending, "/api/auth/second-factor/passkey", {
      credential: assertWith(passkey, await secondFactorOptions(pending), ORIGIN),
    });
    expectApiError(slowed, 429, "rate_limited");
    advanceMs(60_000);
  });
});

describe("passwordless sign-in with a passkey", () => {
  it("opens a session past both factors: no second step, no step-up, audited as a passkey sign-in", async () => {
    const { user, soft: passkey, stored } = await userWithPasskey();
    const options = await signInOptions();
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe("ipt.example.test");
    expect(
      await prisma.webauthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } }),
    ).toMatchObject({
      purpose: "sign_in",
      userId: null,
      sessionTokenHash: null,
    });
    const response = await post(null, "/api/auth/passkey", {
      credential: assertWith(passkey, options, ORIGIN),
    });
    const session = sessionFrom(response);
    const answer = sessionResponse.parse(response.json());
    expect(answer).toMatchObject({
      secondFactorPending: false,
      enrolmentRequired: false,
      user: { id: user.id },
    });
    expect((await get(session, "/api/clients")).statusCode).toBe(200);
    // Both factors just now: a step-up-protected action goes ahead.
    expect((await post(session, "/api/auth/factors/passkeys/options")).statusCode).toBe(200);
    const logins = await auditRows(prisma, { entityId: user.id, action: "auth.login" });
    expect(logins.at(-1)?.details).toEqual({ method: "passkey", passkeyId: stored.id });
    expect(logins.at(-1)?.actorId).toBe(user.id);
  });

  it("refuses (401) a wrong, replayed or expired challenge, an unknown credential, another user's handle, no user verification and a deactivated account", async () => {
    const { user, soft: passkey } = await userWithPasskey();
    const other = await userWithPasskey();
    const refused = async (credential: object, reason: string) => {
      const response = await post(null, "/api/auth/passkey", { credential });
      expectApiError(response, 401, "unauthenticated");
      expect(response.headers["set-cookie"]).toBeUndefined();
      const [row] = (await prisma.auditEvent.findMany({
        where: { action: "auth.login_failed" },
        orderBy: { id: "desc" },
        take: 1,
      })) as { details: { method?: string; reason?: string } | null }[];
      expect(row?.details).toMatchObject({ method: "passkey", reason });
    };

    await refused(assertWith(passkey, { challenge: strangerChallenge() }, ORIGIN), "unknown_challenge");

    const good = assertWith(passkey, await signInOptions(), ORIGIN);
    sessionFrom(await post(null, "/api/auth/passkey", { credential: good }));
    await refused(good, "unknown_challenge");

    const late = await signInOptions();
    advanceMs(PASSKEY_CHALLENGE_TTL_MS + 1000);
    await refused(assertWith(passkey, late, ORIGIN), "expired_challenge");

    const unknown = createPasskey(
      await registrationOptions(await signIn(app, (await createAccount(prisma)).email)),
      ORIGIN,
    );
    await refused(assertWith(unknown.passkey, await signInOptions(), ORIGIN), "unknown_credential");

    // The credential is this user's, but the response names the other user's handle.
    await refused(
      assertWith(passkey, await signInOptions(), ORIGIN, { userHandle: other.soft.userHandle }),
      "user_handle_mismatch",
    );

    await refused(
      assertWith(passkey, await signInOptions(), ORIGIN, { userVerified: false }),
      "verification_failed",
    );

    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await refused(assertWith(passkey, await signInOptions(), ORIGIN), "deactivated");
  });
});

describe("removing passkeys", () => {
  it("removes one's own passkey (step-up), and with it the last factor's recovery codes; another's id is 404", async () => {
    const { user, soft: passkey, stored } = await userWithPasskey();
    const pending = await signIn(app, user.email);
    const session = sessionFrom(
      await post(pending, "/api/auth/second-factor/passkey", {
        credential: assertWith(passkey, await secondFactorOptions(pending), ORIGIN),
      }),
    );
    const other = await userWithPasskey();
    const foreign = await app.inject({
      method: "DELETE",
      url: `/api/auth/factors/passkeys/${other.stored.id}`,
      headers: session.headers,
      payload: {},
    });
    expectApiError(foreign, 404, "not_found");

    advanceMs(16 * 60_000);
    const stale = await app.inject({
      method: "DELETE",
      url: `/api/auth/factors/passkeys/${stored.id}`,
      headers: session.headers,
      payload: {},
    });
    expectApiError(stale, 403, "step_up_required");
    const checked = sessionFrom(
      await post(session, "/api/auth/second-factor/passkey", {
        credential: assertWith(passkey, await secondFactorOptions(session), ORIGIN),
      }),
    );
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/auth/factors/passkeys/${stored.id}`,
      headers: checked.headers,
      payload: {},
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await prisma.webauthnCredential.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const [audit] = await auditRows(prisma, { entityId: user.id, action: "auth.passkey_removed" });
    expect(audit?.details).toEqual({ passkeyId: stored.id });
    const next = await signIn(app, user.email);
    expect(sessionResponse.parse((await get(next, "/api/auth/session")).json()).secondFactorPending).toBe(
      false,
    );
  });

  it("keeps the recovery codes while an authenticator app is still set up", async () => {
    const user = await createAccount(prisma);
    const first = await signIn(app, user.email);
    const { secret } = await enrolTotp(app, first, now);
    advanceMs(TOTP_STEP_MS);
    const session = sessionAfter(
      await sendSecondFactor(app, first, { method: "totp", code: totpCodeAt(secret, now) }),
    );
    const registered = await registerPasskey(session);
    expect(registered.recoveryCodes).toBeNull();
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/auth/factors/passkeys/${registered.stored.id}`,
      headers: session.headers,
      payload: {},
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(10);
    advanceMs(TOTP_STEP_MS);
  });

  it("an admin's factor reset removes the user's passkeys too, audited with the count", async () => {
    const { user } = await userWithPasskey();
    const admin = await createAccount(prisma, { role: "admin" });
    const adminSession = await signIn(app, admin.email);
    const reset = await post(adminSession, `/api/admin/users/${user.id}/reset-factors`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await prisma.webauthnCredential.count({ where: { userId: user.id } })).toBe(0);
    const [audit] = await auditRows(prisma, { entityId: user.id, action: "user.factors_reset" });
    expect(audit?.details).toMatchObject({ passkeys: 1, recoveryCodes: 10 });
  });
});
