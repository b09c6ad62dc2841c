import { describe, expect, inject, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { adminQuery, quoteIdent } from "../../test/helpers/test-cluster";

// This file's database is dropped mid-way to make the app fail on its side; it has no other tests.
const { app, prisma, databaseUrl } = await createTestApp();
const databaseName = new URL(databaseUrl).pathname.slice(1);

const admin = await createAccount(prisma, { role: "admin" });
const session = await signIn(app, admin.email);
await adminQuery(inject("testDatabase").adminUrl, `DROP DATABASE ${quoteIdent(databaseName)} WITH (FORCE)`);

/** Words that would show the database, the ORM or a stack trace leaked into a response. */
const INTERNALS = [
  databaseName,
  "prisma",
  "postgres",
  "does not exist",
  "ECONN",
  "stack",
  "  at ",
  ".ts:",
  "SELECT",
];

function expectNoInternals(body: string) {
  for (const word of INTERNALS)
    expect(body.toLowerCase(), `leaks "${word}"`).not.toContain(word.toLowerCase());
}

describe("when the database is gone", () => {
  it("a signed-in request answers 500 internal_error and reveals nothing about the cause", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/api/admin/users",
      headers: { cookie: session.cookie },
    });
    const error = expectApiError(response, 500, "internal_error");
    expect(error.message).toBe("Something went wrong on our side.");
    expect(error.fields).toBeUndefined();
    expectNoInternals(response.body);
  });

  it("a sign-in answers 500 internal_error and reveals nothing", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: admin.email, password: admin.password },
    });
    expectApiError(response, 500, "internal_error");
    expectNoInternals(response.body);
  });

  it("readiness fails (503, try again) with the shared error body while liveness still answers", async () => {
    const ready = await app.inject({ method: "GET", url: "/api/health/ready" });
    expectApiError(ready, 503, "service_unavailable");
    expectNoInternals(ready.body);
    expect((await app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
  });
});
