// The organisation's sign-in settings and what follows from them (docs/decisions/021): forced
// enrolment at the next sign-in, an admin's reset of someone's factors (audited, told at next
// sign-in, never one's own), and step-up before sensitive actions once the last check is too old.
import { adminUser, sessionResponse, signInSettingsResponse, type Role } from "@ipt/shared";
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

let now = new Date("2026-03-02T09:00:00Z");
const clock = () => now;
const advanceMs = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

const { app, prisma } = await createTestApp({}, undefined, clock);

const get = (session: SignedIn, url: string) => app.inject({ method: "GET", url, headers: session.headers });
const post = (session: SignedIn, url: string, payload: object = {}) =>
  app.inject({ method: "POST", url, headers: session.headers, payload });

/** An admin past their second factor: enrolled at the clock's step, then signed in with the next. */
async function adminWithFactor() {
  const admin = await createAccount(prisma, { role: "admin" });
  const { secret, recoveryCodes } = await enrolTotp(app, await signIn(app, admin.email), now);
  advanceMs(TOTP_STEP_MS);
  const session = sessionAfter(
    await sendSecondFactor(app, await signIn(app, admin.email), {
      method: "totp",
      code: totpCodeAt(secret, now),
    }),
  );
  advanceMs(TOTP_STEP_MS);
  return { admin, secret, recoveryCodes, session };
}

async function saveSignInSettings(session: SignedIn, mfaRequiredRoles: Role[], stepUpMinutes = 15) {
  const current = signInSettingsResponse.parse((await get(session, "/api/admin/settings/sign-in")).json());
  const response = await app.inject({
    method: "PUT",
    url: "/api/admin/settings/sign-in",
    headers: session.headers,
    payload: { settings: { mfaRequiredRoles, stepUpMinutes }, version: current.version },
  });
  expect(response.statusCode, response.body).toBe(200);
  return signInSettingsResponse.parse(response.json());
}

const { session: settingsAdmin } = await adminWithFactor();

describe("the sign-in settings", () => {
  it("are read with their defaults (a factor for every role), saved with their version, and audited", async () => {
    const read = signInSettingsResponse.parse(
      (await get(settingsAdmin, "/api/admin/settings/sign-in")).json(),
    );
    expect(read.defaults).toEqual({
      mfaRequiredRoles: ["therapist", "supervisor", "admin"],
      stepUpMinutes: 15,
    });
    const saved = await saveSignInSettings(settingsAdmin, ["admin"], 20);
    expect(saved.settings).toEqual({ mfaRequiredRoles: ["admin"], stepUpMinutes: 20 });
    expect(saved.version).toBe(read.version + 1);

    const stale = await app.inject({
      method: "PUT",
      url: "/api/admin/settings/sign-in",
      headers: settingsAdmin.headers,
      payload: { settings: { mfaRequiredRoles: [], stepUpMinutes: 15 }, version: read.version },
    });
    expectApiError(stale, 409, "conflict");
    const updates = await auditRows(prisma, { action: "settings.updated", entityId: "1" });
    expect(updates.at(-1)?.details).toMatchObject({ fields: ["mfaRequiredRoles", "stepUpMinutes"] });
    await saveSignInSettings(settingsAdmin, [], 15);
  });

  it("refuse an unknown role, a repeated role and minutes out of range, naming each field", async () => {
    const response = await app.inject({
      method: "PUT",
      url: "/api/admin/settings/sign-in",
      headers: settingsAdmin.headers,
      payload: { settings: { mfaRequiredRoles: ["admin", "admin", "root"], stepUpMinutes: 0 }, version: 1 },
    });
    const error = expectApiError(response, 400, "validation_failed");
    expect(fieldNames(error)).toEqual(
      expect.arrayContaining(["body.settings.mfaRequiredRoles.2", "body.settings.stepUpMinutes"]),
    );
  });

  it("are for admins only", async () => {
    const therapist = await createAccount(prisma);
    expectApiError(
      await get(await signIn(app, therapist.email), "/api/admin/settings/sign-in"),
      403,
      "forbidden",
    );
  });
});

describe("a role that must have a second factor", () => {
  it("leads a user without one through enrolment at their next sign-in, and nowhere else", async () => {
    const therapist = await createAccount(prisma);
    const before = await signIn(app, therapist.email); // signed in before the change: unaffected
    await saveSignInSettings(settingsAdmin, ["therapist"]);
    try {
      expect((await get(before, "/api/clients")).statusCode).toBe(200);

      const session = await signIn(app, therapist.email);
      expect((await sessionRowOf(prisma, session.cookie))?.enrolmentRequired).toBe(true);
      expectApiError(await get(session, "/api/clients"), 403, "factor_enrolment_required");
      expectApiError(await get(session, "/api/attention"), 403, "factor_enrolment_required");
      expect((await get(session, "/api/auth/session")).statusCode).toBe(200);

      await enrolTotp(app, session, now);
      expect((await get(session, "/api/clients")).statusCode).toBe(200);
      // The next sign-in asks for the factor itself.
      const next = await signIn(app, therapist.email);
      expect(sessionResponse.parse((await get(next, "/api/auth/session")).json()).secondFactorPending).toBe(
        true,
      );

      // Roles not named are not asked.
      const supervisor = await createAccount(prisma, { role: "supervisor" });
      const free = await signIn(app, supervisor.email);
      expect((await get(free, "/api/supervision/cockpit")).statusCode).toBe(200);
    } finally {
      await saveSignInSettings(settingsAdmin, []);
    }
  });

  it("asks a user with a temporary password to change it first, then to enrol", async () => {
    await saveSignInSettings(settingsAdmin, ["therapist"]);
    try {
      const therapist = await createAccount(prisma, { mustChangePassword: true });
      const session = await signIn(app, therapist.email);
      expectApiError(await get(session, "/api/clients"), 403, "password_change_required");
      const changed = await post(session, "/api/auth/password", {
        currentPassword: therapist.password,
        newPassword: "a-brand-new-passphrase-1",
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const after = sessionAfter(changed);
      expectApiError(await get(after, "/api/clients"), 403, "factor_enrolment_required");
    } finally {
      await saveSignInSettings(settingsAdmin, []);
    }
  });
});

describe("an admin resetting someone's factors", () => {
  it("removes them, ends the user's sessions, is audited, and the user is told at their next sign-in", async () => {
    const therapist = await createAccount(prisma);
    const first = await signIn(app, therapist.email);
    await enrolTotp(app, first, now);
    advanceMs(TOTP_STEP_MS);
    const listed = adminUser.parse((await get(settingsAdmin, `/api/admin/users/${therapist.id}`)).json());
    expect(listed.secondFactor).toBe(true);

    const response = await post(settingsAdmin, `/api/admin/users/${therapist.id}/reset-factors`);
    expect(response.statusCode, response.body).toBe(200);
    expect(adminUser.parse(response.json()).secondFactor).toBe(false);
    expect(await prisma.totpFactor.count({ where: { userId: therapist.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: therapist.id } })).toBe(0);
    expectApiError(await get(first, "/api/clients"), 401, "unauthenticated");
    const audited = await auditRows(prisma, { entityId: therapist.id, action: "user.factors_reset" });
    expect(audited.map((row) => row.details)).toEqual([
      { totp: 1, passkeys: 0, recoveryCodes: 10, endedSessions: 1 },
    ]);

    const next = await signIn(app, therapist.email);
    const told = sessionResponse.parse((await get(next, "/api/auth/session")).json());
    expect(told.secondFactorPending).toBe(false);
    expect(told.factorsReset).toBe(true);
    // Enrolling again clears the notice.
    await enrolTotp(app, next, now);
    expect(sessionResponse.parse((await get(next, "/api/auth/session")).json()).factorsReset).toBe(false);
    advanceMs(TOTP_STEP_MS);
  });

  it("refuses an admin's own factors (their own page, with step-up), so the last admin cannot strip their own way in", async () => {
    const { admin, session } = await adminWithFactor();
    const response = await post(session, `/api/admin/users/${admin.id}/reset-factors`);
    expectApiError(response, 409, "conflict");
    expect(await prisma.totpFactor.count({ where: { userId: admin.id } })).toBe(1);
  });

  it("is for admins only", async () => {
    const therapist = await createAccount(prisma);
    const other = await createAccount(prisma);
    const response = await post(
      await signIn(app, therapist.email),
      `/api/admin/users/${other.id}/reset-factors`,
    );
    expectApiError(response, 403, "forbidden");
  });
});

describe("step-up", () => {
  it("asks an admin whose last check is too old again before assigning a supervisor, then lets it through", async () => {
    const { secret, session } = await adminWithFactor();
    const therapist = await createAccount(prisma);
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const assign = (s: SignedIn) =>
      app.inject({
        method: "PUT",
        url: `/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`,
        headers: s.headers,
      });
    advanceMs(16 * 60_000);
    expectApiError(await assign(session), 403, "step_up_required");
    expect(await prisma.supervisionAssignment.count({ where: { therapistId: therapist.id } })).toBe(0);
    // Other admin work goes on without it.
    expect((await get(session, "/api/admin/users")).statusCode).toBe(200);
    for (const [url, payload] of [
      [`/api/admin/users/${therapist.id}/reset-password`, {}],
      [`/api/admin/users/${therapist.id}/reset-factors`, {}],
      [
        "/api/admin/users",
        { email: `sup.${crypto.randomUUID()}@example.test`, name: "New Sup", role: "supervisor" },
      ],
    ] as const) {
      expectApiError(await post(session, url, payload), 403, "step_up_required");
    }

    const stepped = sessionAfter(
      await sendSecondFactor(app, session, { method: "totp", code: totpCodeAt(secret, now) }),
    );
    expect((await assign(stepped)).statusCode).toBe(200);
  });

  it("asks again before one's own password or factors change", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const { secret } = await enrolTotp(app, session, now);
    advanceMs(16 * 60_000);
    const password = await post(session, "/api/auth/password", {
      currentPassword: therapist.password,
      newPassword: "another-long-passphrase",
    });
    expectApiError(password, 403, "step_up_required");
    expectApiError(await post(session, "/api/auth/factors/recovery-codes"), 403, "step_up_required");
    expectApiError(
      await app.inject({ method: "DELETE", url: "/api/auth/factors/totp", headers: session.headers }),
      403,
      "step_up_required",
    );
    expect(await prisma.totpFactor.count({ where: { userId: therapist.id } })).toBe(1);

    const stepped = sessionAfter(
      await sendSecondFactor(app, session, { method: "totp", code: totpCodeAt(secret, now) }),
    );
    const renewed = await post(stepped, "/api/auth/factors/recovery-codes");
    expect(renewed.statusCode, renewed.body).toBe(200);
    const removed = await app.inject({
      method: "DELETE",
      url: "/api/auth/factors/totp",
      headers: stepped.headers,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await prisma.totpFactor.count({ where: { userId: therapist.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: therapist.id } })).toBe(0);
    advanceMs(TOTP_STEP_MS);
  });

  it("does not ask a user who has no factor (their role does not require one)", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    advanceMs(16 * 60_000);
    const response = await post(session, "/api/auth/password", {
      currentPassword: therapist.password,
      newPassword: "another-long-passphrase",
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});
