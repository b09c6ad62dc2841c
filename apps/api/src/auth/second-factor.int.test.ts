// TOTP enrolment and the second sign-in step (docs/decisions/021), against the real app and
// PostgreSQL, on a clock the test moves: every refusal (wrong code, replayed code, used recovery code,
// a pending session reaching anything else) and the session id's rotation.
import { factorsResponse, sessionResponse, totpEnrolmentResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, sessionRowOf } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";
import {
  enrolTotp,
  sendSecondFactor,
  sessionAfter,
  TOTP_STEP_MS,
  totpCodeAt,
} from "../../test/helpers/factors";
import { hashRecoveryCode } from "./factors";

let now = new Date("2026-03-02T09:00:00Z");
const clock = () => now;
/** Moves the app's clock on by whole TOTP steps. */
const advanceSteps = (steps = 1) => {
  now = new Date(now.getTime() + steps * TOTP_STEP_MS);
};

const { app, prisma } = await createTestApp({}, undefined, clock);

const get = (session: SignedIn, url: string) => app.inject({ method: "GET", url, headers: session.headers });

/** A therapist with a TOTP factor enrolled (at the clock's step), signed out again. */
async function enrolledTherapist(role: "therapist" | "admin" | "supervisor" = "therapist") {
  const user = await createAccount(prisma, { role });
  const first = await signIn(app, user.email);
  const { secret, recoveryCodes } = await enrolTotp(app, first, now);
  advanceSteps();
  return { user, secret, recoveryCodes };
}

describe("enrolling an authenticator app", () => {
  it("answers a secret and an otpauth URI once, stores the secret sealed, and never shows it again", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const begun = await app.inject({
      method: "POST",
      url: "/api/auth/factors/totp",
      headers: session.headers,
      payload: {},
    });
    expect(begun.statusCode, begun.body).toBe(200);
    const { secret, otpauthUri } = totpEnrolmentResponse.parse(begun.json());
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/IPT%20Session%20Planner:/);
    expect(otpauthUri).toContain(`secret=${secret}`);

    const row = await prisma.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.confirmedAt).toBeNull();
    expect(Buffer.from(row.secretSealed).toString("latin1")).not.toContain(secret);
    expect(Buffer.from(row.secretSealed).toString("hex")).not.toContain(Buffer.from(secret).toString("hex"));

    // Not yet confirmed: sign-in does not ask for it.
    const again = await signIn(app, user.email);
    expect(sessionResponse.parse((await get(again, "/api/auth/session")).json()).secondFactorPending).toBe(
      false,
    );

    const listed = await get(session, "/api/auth/factors");
    expect(factorsResponse.parse(listed.json())).toEqual({
      totp: { enrolled: false, confirmedAt: null },
      passkeys: [],
      recoveryCodesLeft: 0,
    });
    expect(listed.body).not.toContain(secret);
  });

  it("refuses a wrong confirmation code (400 naming body.code) and leaves the factor unconfirmed", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const begun = totpEnrolmentResponse.parse(
      (
        await app.inject({
          method: "POST",
          url: "/api/auth/factors/totp",
          headers: session.headers,
          payload: {},
        })
      ).json(),
    );
    const wrong = String((Number(totpCodeAt(begun.secret, now)) + 1) % 1_000_000).padStart(6, "0");
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/factors/totp/confirm",
      headers: session.headers,
      payload: { code: wrong },
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["body.code"]);
    expect(
      (await prisma.totpFactor.findUniqueOrThrow({ where: { userId: user.id } })).confirmedAt,
    ).toBeNull();
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    const malformed = await app.inject({
      method: "POST",
      url: "/api/auth/factors/totp/confirm",
      headers: session.headers,
      payload: { code: "12ab56" },
    });
    expect(fieldNames(expectApiError(malformed, 400, "validation_failed"))).toEqual(["body.code"]);
  });

  it("confirms with a code: ten recovery codes shown once and stored only as hashes; a second set-up is refused", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const { recoveryCodes } = await enrolTotp(app, session, now);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((r) => r.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);

    const listed = factorsResponse.parse((await get(session, "/api/auth/factors")).json());
    expect(listed.totp.enrolled).toBe(true);
    expect(listed.recoveryCodesLeft).toBe(10);

    const again = await app.inject({
      method: "POST",
      url: "/api/auth/factors/totp",
      headers: session.headers,
      payload: {},
    });
    expectApiError(again, 409, "conflict");
    expect((await auditRows(prisma, { entityId: user.id, action: "auth.factor_enrolled" })).length).toBe(1);
    advanceSteps();
  });
});

describe("signing in with a second factor", () => {
  it("the password alone opens a pending session that reaches only the second-factor step", async () => {
    const { user } = await enrolledTherapist();
    const pending = await signIn(app, user.email);
    const session = sessionResponse.parse((await get(pending, "/api/auth/session")).json());
    expect(session.secondFactorPending).toBe(true);

    for (const url of ["/api/clients", "/api/attention", "/api/auth/factors", "/api/admin/users"]) {
      expectApiError(await get(pending, url), 403, "second_factor_required");
    }
    const write = await app.inject({
      method: "POST",
      url: "/api/clients",
      headers: pending.headers,
      payload: { code: "PENDING-1" },
    });
    expectApiError(write, 403, "second_factor_required");
    const password = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: pending.headers,
      payload: { currentPassword: user.password, newPassword: "a-whole-new-passphrase" },
    });
    expectApiError(password, 403, "second_factor_required");
    const enrolAgain = await app.inject({
      method: "POST",
      url: "/api/auth/factors/totp",
      headers: pending.headers,
      payload: {},
    });
    expectApiError(enrolAgain, 403, "second_factor_required");
    expect(await prisma.client.count({ where: { therapistId: user.id } })).toBe(0);

    // Signing out is open to it.
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: pending.headers,
      payload: {},
    });
    expect(out.statusCode).toBe(204);
  });

  it("a right code opens a full session under a new id; the pending token is dead", async () => {
    const { user, secret } = await enrolledTherapist();
    const pending = await signIn(app, user.email);
    const response = await sendSecondFactor(app, pending, { method: "totp", code: totpCodeAt(secret, now) });
    const full = sessionAfter(response);
    expect(full.cookie).not.toBe(pending.cookie);
    expect(sessionResponse.parse(response.json()).secondFactorPending).toBe(false);
    expect(await sessionRowOf(prisma, pending.cookie)).toBeNull();
    expect((await sessionRowOf(prisma, full.cookie))?.secondFactorAt).toEqual(now);
    expect((await get(full, "/api/clients")).statusCode).toBe(200);
    expectApiError(await get(pending, "/api/clients"), 401, "unauthenticated");
    const passed = await auditRows(prisma, { entityId: user.id, action: "auth.second_factor_passed" });
    expect(passed.map((r) => r.details)).toEqual([{ method: "totp" }]);
  });

  it("refuses a wrong code (400 naming body.code), audited, and the session stays pending", async () => {
    const { user, secret } = await enrolledTherapist();
    const pending = await signIn(app, user.email);
    const wrong = String((Number(totpCodeAt(secret, now)) + 1) % 1_000_000).padStart(6, "0");
    const response = await sendSecondFactor(app, pending, { method: "totp", code: wrong });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["body.code"]);
    expect((await sessionRowOf(prisma, pending.cookie))?.secondFactorPending).toBe(true);
    expectApiError(await get(pending, "/api/clients"), 403, "second_factor_required");
    const failed = await auditRows(prisma, { entityId: user.id, action: "auth.second_factor_failed" });
    expect(failed.map((r) => r.details)).toEqual([{ reason: "wrong_code", failures: 1 }]);
    expect(JSON.stringify(failed.map((r) => r.details))).not.toContain(wrong);
  });

  it("refuses a code already used (replay), even in another session within its window", async () => {
    const { user, secret } = await enrolledTherapist();
    const code = totpCodeAt(secret, now);
    sessionAfter(await sendSecondFactor(app, await signIn(app, user.email), { method: "totp", code }));
    const replay = await sendSecondFactor(app, await signIn(app, user.email), { method: "totp", code });
    expect(fieldNames(expectApiError(replay, 400, "validation_failed"))).toEqual(["body.code"]);
    // An older step's code is refused too.
    const older = await sendSecondFactor(app, await signIn(app, user.email), {
      method: "totp",
      code: totpCodeAt(secret, new Date(now.getTime() - TOTP_STEP_MS)),
    });
    expectApiError(older, 400, "validation_failed");
    const reasons = (await auditRows(prisma, { entityId: user.id, action: "auth.second_factor_failed" })).map(
      (r) => (r.details as { reason: string }).reason,
    );
    expect(reasons).toEqual(["replayed_code", "replayed_code"]);
    // The next step's code passes.
    advanceSteps();
    sessionAfter(
      await sendSecondFactor(app, await signIn(app, user.email), {
        method: "totp",
        code: totpCodeAt(secret, now),
      }),
    );
  });

  it("accepts a recovery code once, then refuses it", async () => {
    const { user, recoveryCodes } = await enrolledTherapist();
    const code = recoveryCodes[3]!;
    const first = await sendSecondFactor(app, await signIn(app, user.email), {
      method: "recovery_code",
      code: code.toUpperCase().replaceAll("-", " "),
    });
    const full = sessionAfter(first);
    expect((await get(full, "/api/clients")).statusCode).toBe(200);
    expect(factorsResponse.parse((await get(full, "/api/auth/factors")).json()).recoveryCodesLeft).toBe(9);

    const pending = await signIn(app, user.email);
    const again = await sendSecondFactor(app, pending, { method: "recovery_code", code });
    const error = expectApiError(again, 400, "validation_failed");
    expect(error.fields?.[0]?.message).toMatch(/used already/);
    expectApiError(await get(pending, "/api/clients"), 403, "second_factor_required");

    // Another user's code is not this user's.
    const other = await enrolledTherapist();
    const crossed = await sendSecondFactor(app, await signIn(app, other.user.email), {
      method: "recovery_code",
      code: recoveryCodes[4]!,
    });
    expectApiError(crossed, 400, "validation_failed");
    expect(await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
  });

  it("slows wrong codes in PostgreSQL: past the free failures even the right code is answered 429", async () => {
    const { user, secret } = await enrolledTherapist();
    const pending = await signIn(app, user.email);
    const wrong = String((Number(totpCodeAt(secret, now)) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) {
      expectApiError(
        await sendSecondFactor(app, pending, { method: "totp", code: wrong }),
        400,
        "validation_failed",
      );
    }
    const slowed = await sendSecondFactor(app, pending, { method: "totp", code: totpCodeAt(secret, now) });
    expectApiError(slowed, 429, "rate_limited");
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    expect(await prisma.signInThrottle.findUnique({ where: { key: `factor:${user.id}` } })).not.toBeNull();
    // The code was not used up: once the delay has passed it opens the session.
    advanceSteps(1);
    const later = await sendSecondFactor(app, pending, { method: "totp", code: totpCodeAt(secret, now) });
    sessionAfter(later);
    expect(await prisma.signInThrottle.findUnique({ where: { key: `factor:${user.id}` } })).toBeNull();
  });

  it("an account without a factor has nothing to pass: a code is refused", async () => {
    const user = await createAccount(prisma);
    const session = await signIn(app, user.email);
    const response = await sendSecondFactor(app, session, { method: "totp", code: "123456" });
    expectApiError(response, 400, "validation_failed");
  });
});
