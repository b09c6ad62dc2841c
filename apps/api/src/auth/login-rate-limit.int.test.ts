import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp } from "../../test/helpers/app";

// A long window, so a slow machine cannot let the counter reset between attempts.
const { app, prisma } = await createTestApp({
  LOGIN_RATE_LIMIT_MAX: "3",
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: "3600",
});

describe("sign-in rate limit", () => {
  it("answers the fourth attempt within the window with 429 rate_limited, even with the right password", async () => {
    const therapist = await createAccount(prisma);
    const attempt = (password: string) =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { email: therapist.email, password } });

    expect((await attempt("wrong-password-1")).statusCode).toBe(401);
    expect((await attempt("wrong-password-2")).statusCode).toBe(401);
    expect((await attempt(therapist.password)).statusCode).toBe(200);

    const limited = expectApiError(await attempt(therapist.password), 429, "rate_limited");
    expect(limited.message).toMatch(/try again/i);
    // The limited attempt never reached the sign-in logic: only the one successful session exists.
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(1);
  });

  it("limits only the sign-in route", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
    }
  });
});
