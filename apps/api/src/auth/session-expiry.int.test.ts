import { type SessionResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { ageSession, expectApiError, minutesAgo, sessionRowOf } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { SESSION_COOKIE } from "../plugins/auth";

const { app, prisma } = await createTestApp();

const getSession = (cookie: string) =>
  app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });

describe("login session expiry", () => {
  it("a session idle for 31 minutes is refused, deleted and its cookie cleared", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    await ageSession(prisma, cookie, { lastSeenAt: minutesAgo(31) });

    const response = await getSession(cookie);

    expectApiError(response, 401, "unauthenticated");
    expect(await sessionRowOf(prisma, cookie)).toBeNull();
    expect(String(response.headers["set-cookie"])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });

  it("a session idle for 29 minutes still works and counts as seen again", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    const lastSeenAt = minutesAgo(29);
    await ageSession(prisma, cookie, { lastSeenAt });

    const response = await getSession(cookie);

    expect(response.statusCode).toBe(200);
    expect(response.json<SessionResponse>().user.id).toBe(therapist.id);
    expect((await sessionRowOf(prisma, cookie))!.lastSeenAt.getTime()).toBeGreaterThan(lastSeenAt.getTime());
  });

  it("a session past its absolute end is refused and deleted, however recently it was used", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    await ageSession(prisma, cookie, { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() });

    expectApiError(await getSession(cookie), 401, "unauthenticated");
    expect(await sessionRowOf(prisma, cookie)).toBeNull();
  });

  it("the absolute end is 12 hours after sign-in by default", async () => {
    const therapist = await createAccount(prisma);
    const before = Date.now();
    const { cookie } = await signIn(app, therapist.email);
    const row = await sessionRowOf(prisma, cookie);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(12 * 3_600_000);
    expect(row!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("an unknown session cookie is refused and cleared", async () => {
    const response = await getSession(`${SESSION_COOKIE}=not-a-real-token`);
    expectApiError(response, 401, "unauthenticated");
    expect(String(response.headers["set-cookie"])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });
});
