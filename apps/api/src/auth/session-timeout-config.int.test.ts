import { type SessionResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { ageSession, expectApiError, minutesAgo, sessionRowOf } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp({
  SESSION_IDLE_TIMEOUT_MINUTES: "5",
  SESSION_ABSOLUTE_TIMEOUT_HOURS: "2",
});

const getSession = (cookie: string) =>
  app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });

describe("configured session timeouts", () => {
  it("with a 5-minute idle limit, a session idle 4 minutes is accepted", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    await ageSession(prisma, cookie, { lastSeenAt: minutesAgo(4) });

    const response = await getSession(cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json<SessionResponse>().idleTimeoutSeconds).toBe(5 * 60);
  });

  it("with a 5-minute idle limit, a session idle 6 minutes is refused", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    await ageSession(prisma, cookie, { lastSeenAt: minutesAgo(6) });

    expectApiError(await getSession(cookie), 401, "unauthenticated");
    expect(await sessionRowOf(prisma, cookie)).toBeNull();
  });

  it("the configured absolute limit sets when a new session ends", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    const row = await sessionRowOf(prisma, cookie);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(2 * 3_600_000);
  });
});
