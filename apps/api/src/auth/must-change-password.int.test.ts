import { sessionResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import {
  createAccount,
  createTestApp,
  sessionCookieFrom,
  signIn,
  TEST_PASSWORD,
} from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

const NEW_PASSWORD = "my-own-passphrase-now";

async function adminWithTemporaryPassword() {
  const admin = await createAccount(prisma, { role: "admin", mustChangePassword: true });
  return { admin, session: await signIn(app, admin.email) };
}

function changePassword(headers: Record<string, string>, currentPassword: string, newPassword: string) {
  return app.inject({
    method: "POST",
    url: "/api/auth/password",
    headers,
    payload: { currentPassword, newPassword },
  });
}

describe("a user who must change a temporary password", () => {
  it("can read their session, which says so", async () => {
    const { session } = await adminWithTemporaryPassword();
    const response = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(sessionResponse.parse(response.json()).user.mustChangePassword).toBe(true);
  });

  it("is refused every admin route with password_change_required", async () => {
    const { admin, session } = await adminWithTemporaryPassword();
    const requests = [
      { method: "GET", url: "/api/admin/users" },
      { method: "GET", url: `/api/admin/users/${admin.id}` },
      { method: "GET", url: "/api/admin/audit-events" },
      {
        method: "POST",
        url: "/api/admin/users",
        payload: { email: "x@example.test", name: "X", role: "therapist" },
      },
    ] as const;
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: session.headers });
      expectApiError(response, 403, "password_change_required");
    }
    expect(await prisma.user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("gets access once the password is changed", async () => {
    const { session } = await adminWithTemporaryPassword();

    const changed = await changePassword(session.headers, TEST_PASSWORD, NEW_PASSWORD);

    expect(changed.statusCode).toBe(200);
    const body = sessionResponse.parse(changed.json());
    expect(body.user.mustChangePassword).toBe(false);
    const cookie = sessionCookieFrom(changed.headers["set-cookie"]);
    const list = await app.inject({ method: "GET", url: "/api/admin/users", headers: { cookie } });
    expect(list.statusCode).toBe(200);
  });

  it("a therapist with a temporary password is also held at the password change", async () => {
    const therapist = await createAccount(prisma, { mustChangePassword: true });
    const session = await signIn(app, therapist.email);
    const response = await app.inject({ method: "GET", url: "/api/admin/users", headers: session.headers });
    expectApiError(response, 403, "password_change_required");
  });
});

describe("password change validation", () => {
  it("a new password shorter than 12 characters is refused, naming body.newPassword", async () => {
    const { admin, session } = await adminWithTemporaryPassword();
    const error = expectApiError(
      await changePassword(session.headers, TEST_PASSWORD, "elevenchars"),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.newPassword"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).mustChangePassword).toBe(true);
  });

  it("a wrong current password is refused, naming body.currentPassword, and the password stays", async () => {
    const { admin, session } = await adminWithTemporaryPassword();
    const before = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });

    const error = expectApiError(
      await changePassword(session.headers, "not-my-password", NEW_PASSWORD),
      400,
      "validation_failed",
    );

    expect(fieldNames(error)).toEqual(["body.currentPassword"]);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(true);
    // The session survives a failed attempt.
    const check = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: session.cookie },
    });
    expect(check.statusCode).toBe(200);
  });

  it("a new password equal to the current one is refused, naming body.newPassword", async () => {
    const { session } = await adminWithTemporaryPassword();
    const error = expectApiError(
      await changePassword(session.headers, TEST_PASSWORD, TEST_PASSWORD),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.newPassword"]);
  });

  it("without a session the password cannot be changed", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expectApiError(response, 401, "unauthenticated");
  });
});
