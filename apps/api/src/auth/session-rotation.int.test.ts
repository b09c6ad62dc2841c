import { CSRF_HEADER, type SessionResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, sessionRowOf, tokenOf } from "../../test/helpers/api";
import {
  createAccount,
  createTestApp,
  sessionCookieFrom,
  signIn,
  TEST_PASSWORD,
} from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

const getSession = (cookie: string) =>
  app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });

const NEW_PASSWORD = "a-brand-new-passphrase";

describe("session rotation at sign-in", () => {
  it("signing in again from a browser with a session issues a new token and ends the old one", async () => {
    const therapist = await createAccount(prisma);
    const first = await signIn(app, therapist.email);

    const again = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: first.headers,
      payload: { email: therapist.email, password: therapist.password },
    });

    expect(again.statusCode).toBe(200);
    const secondCookie = sessionCookieFrom(again.headers["set-cookie"]);
    expect(tokenOf(secondCookie)).not.toBe(tokenOf(first.cookie));
    expect(again.json<SessionResponse>().csrfToken).not.toBe(first.csrfToken);
    expectApiError(await getSession(first.cookie), 401, "unauthenticated");
    expect(await sessionRowOf(prisma, first.cookie)).toBeNull();
    expect((await getSession(secondCookie)).statusCode).toBe(200);
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(1);
  });

  it("a failed sign-in from a browser with a session also ends that session", async () => {
    const therapist = await createAccount(prisma);
    const first = await signIn(app, therapist.email);
    const failed = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: first.headers,
      payload: { email: therapist.email, password: "not-the-password" },
    });
    expectApiError(failed, 401, "unauthenticated");
    expectApiError(await getSession(first.cookie), 401, "unauthenticated");
  });

  it("sessions in two browsers are independent until one signs out", async () => {
    const therapist = await createAccount(prisma);
    const laptop = await signIn(app, therapist.email);
    const desktop = await signIn(app, therapist.email);
    expect(
      (await app.inject({ method: "POST", url: "/api/auth/logout", headers: laptop.headers })).statusCode,
    ).toBe(204);
    expectApiError(await getSession(laptop.cookie), 401, "unauthenticated");
    expect((await getSession(desktop.cookie)).statusCode).toBe(200);
  });
});

describe("changing one's password", () => {
  it("ends every other session of the user and returns a new session for this browser", async () => {
    const therapist = await createAccount(prisma);
    const colleague = await createAccount(prisma);
    const here = await signIn(app, therapist.email);
    const elsewhere = await signIn(app, therapist.email);
    const colleagueSession = await signIn(app, colleague.email);

    const response = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: here.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });

    expect(response.statusCode).toBe(200);
    const newCookie = sessionCookieFrom(response.headers["set-cookie"]);
    expect(tokenOf(newCookie)).not.toBe(tokenOf(here.cookie));
    expect(response.json<SessionResponse>().csrfToken).not.toBe(here.csrfToken);
    expectApiError(await getSession(here.cookie), 401, "unauthenticated");
    expectApiError(await getSession(elsewhere.cookie), 401, "unauthenticated");
    expect((await getSession(newCookie)).statusCode).toBe(200);
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(1);
    // Other people's sessions are untouched.
    expect((await getSession(colleagueSession.cookie)).statusCode).toBe(200);
  });

  it("the new password signs in, the old one no longer does, and the change is audited", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: session.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(200);

    const oldLogin = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: therapist.email, password: TEST_PASSWORD },
    });
    expectApiError(oldLogin, 401, "unauthenticated");
    expect((await signIn(app, therapist.email, NEW_PASSWORD)).csrfToken).toMatch(/\S{32,}/);

    const user = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });
    expect(user.passwordChangedAt).not.toBeNull();
    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "auth.password_changed" });
    expect(event).toMatchObject({ actorId: therapist.id, outcome: "success" });
  });

  it("the new session's CSRF token is the one that works from then on", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: session.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    const cookie = sessionCookieFrom(response.headers["set-cookie"]);
    const { csrfToken } = response.json<SessionResponse>();

    const withOldToken = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie, [CSRF_HEADER]: session.csrfToken },
    });
    expectApiError(withOldToken, 403, "csrf_failed");
    const withNewToken = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie, [CSRF_HEADER]: csrfToken },
    });
    expect(withNewToken.statusCode).toBe(204);
  });
});

describe("sign-out", () => {
  it("ends the session and writes its audit row together: if the audit row fails, the session stays", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    // Make the audit insert of this one sign-out fail inside the database.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_logout_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'auth.logout' AND NEW.entity_id = '${therapist.id}' THEN
          RAISE EXCEPTION 'audit refused for the test';
        END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_logout_audit BEFORE INSERT ON audit_events
       FOR EACH ROW EXECUTE FUNCTION refuse_logout_audit()`,
    );
    try {
      const failed = await app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
      expectApiError(failed, 500, "internal_error");
      expect(await sessionRowOf(prisma, session.cookie)).not.toBeNull();
    } finally {
      await prisma.$executeRawUnsafe("DROP TRIGGER refuse_logout_audit ON audit_events");
      await prisma.$executeRawUnsafe("DROP FUNCTION refuse_logout_audit()");
    }

    const signedOut = await app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
    expect(signedOut.statusCode).toBe(204);
    expect(await sessionRowOf(prisma, session.cookie)).toBeNull();
    expect(await auditRows(prisma, { entityId: therapist.id, action: "auth.logout" })).toHaveLength(1);
  });
});
