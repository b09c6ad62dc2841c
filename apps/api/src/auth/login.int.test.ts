import { sessionResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, sessionRowOf } from "../../test/helpers/api";
import { createAccount, createTestApp, sessionCookieFrom } from "../../test/helpers/app";
import { emailDigest } from "../audit/email-digest";
import { SESSION_COOKIE } from "../plugins/auth";

const { app, prisma } = await createTestApp();

const login = (email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

/** The attributes of the session cookie, lower-cased, e.g. `{ httponly: "", samesite: "strict" }`. */
function cookieAttributes(setCookie: string | string[] | undefined): Record<string, string> {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error("no session cookie was set");
  const [, ...parts] = cookie.split(";").map((p) => p.trim());
  return Object.fromEntries(
    parts.map((part) => {
      const [key = "", value = ""] = part.split("=");
      return [key.toLowerCase(), value.toLowerCase()];
    }),
  );
}

describe("signing in", () => {
  it("returns the session and sets an HttpOnly, SameSite=Strict session cookie for the whole site", async () => {
    const therapist = await createAccount(prisma, { role: "therapist", name: "Tess Therapist" });

    const response = await login(therapist.email, therapist.password);

    expect(response.statusCode).toBe(200);
    const body = sessionResponse.parse(response.json());
    expect(body.user).toEqual({
      id: therapist.id,
      email: therapist.email,
      name: "Tess Therapist",
      role: "therapist",
      mustChangePassword: false,
    });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(body.idleTimeoutSeconds).toBe(30 * 60);
    expect(new Date(body.absoluteExpiresAt).getTime()).toBeGreaterThan(Date.now());

    const attributes = cookieAttributes(response.headers["set-cookie"]);
    expect(attributes).toHaveProperty("httponly");
    expect(attributes.samesite).toBe("strict");
    expect(attributes.path).toBe("/");

    const row = await sessionRowOf(prisma, sessionCookieFrom(response.headers["set-cookie"]));
    expect(row?.userId).toBe(therapist.id);
    expect(row?.csrfToken).toBe(body.csrfToken);
  });

  it("accepts the email in any case and with surrounding spaces", async () => {
    const therapist = await createAccount(prisma, { email: `mixed.case.${Date.now()}@example.test` });
    const response = await login(`  ${therapist.email.toUpperCase()} `, therapist.password);
    expect(response.statusCode).toBe(200);
  });

  it("gives an unknown email and a wrong password the same answer", async () => {
    const therapist = await createAccount(prisma);

    const unknown = expectApiError(
      await login(`nobody.${Date.now()}@example.test`, "whatever-password"),
      401,
      "unauthenticated",
    );
    const wrong = expectApiError(await login(therapist.email, "not-the-password"), 401, "unauthenticated");

    expect(wrong.message).toBe(unknown.message);
    expect(shapeOf(wrong)).toEqual(shapeOf(unknown));
  });

  it("refuses a deactivated account with the same answer, even with the right password", async () => {
    const therapist = await createAccount(prisma);
    const unknown = expectApiError(
      await login(`nobody.${Date.now()}@example.test`, "whatever-password"),
      401,
      "unauthenticated",
    );
    await prisma.user.update({ where: { id: therapist.id }, data: { active: false } });

    const refused = expectApiError(await login(therapist.email, therapist.password), 401, "unauthenticated");

    expect(refused.message).toBe(unknown.message);
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "auth.login_failed" });
    expect(event).toMatchObject({
      actorId: therapist.id,
      outcome: "denied",
      details: { reason: "deactivated" },
    });
  });

  it("does not set a session cookie when sign-in fails", async () => {
    const therapist = await createAccount(prisma);
    const response = await login(therapist.email, "not-the-password");
    expect(response.statusCode).toBe(401);
    expect(String(response.headers["set-cookie"] ?? "")).not.toContain(`${SESSION_COOKIE}=`);
  });
});

describe("sign-in audit", () => {
  it("records a successful sign-in with the user as actor", async () => {
    const therapist = await createAccount(prisma);
    const response = await login(therapist.email, therapist.password);

    const events = await auditRows(prisma, { entityId: therapist.id, action: "auth.login" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: therapist.id,
      outcome: "success",
      entityType: "user",
      requestId: response.headers["x-request-id"],
    });
  });

  it("records a failed sign-in for an unknown email under the keyed hash of that email, with no actor", async () => {
    const email = `unknown.${Date.now()}@example.test`;
    await login(email.toUpperCase(), "whatever-password");

    // The same normalised email gives the same digest (sign-in-privacy.int.test.ts checks the key).
    const events = await auditRows(prisma, { actorLabel: await emailDigest(prisma, email) });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "auth.login_failed",
      outcome: "failure",
      actorId: null,
      details: { reason: "unknown_email" },
    });
  });

  it("records a wrong password against the account, counting the attempt", async () => {
    const therapist = await createAccount(prisma);
    await login(therapist.email, "not-the-password");

    const events = await auditRows(prisma, { entityId: therapist.id, action: "auth.login_failed" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: therapist.id,
      outcome: "failure",
      // The address's count runs across this file (every injected request comes from one address).
      details: { reason: "wrong_password", failures: { account: 1 } },
    });
  });
});

/** The keys of an error body, so "same answer" also covers its shape. */
function shapeOf(error: object) {
  return Object.keys(error)
    .filter((key) => key !== "requestId")
    .sort();
}
