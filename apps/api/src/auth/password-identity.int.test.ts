// A new password may not contain the account's email, its local part or the user's name: refused
// with 400 naming body.newPassword, and nothing changes.
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, TEST_PASSWORD } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

describe("a password change", () => {
  it("refuses a new password that contains the email, its local part or the name", async () => {
    const account = await createAccount(prisma, {
      name: "Rosalind Franklin",
      email: "r.franklin@example.test",
    });
    const session = await signIn(app, account.email);
    const before = await prisma.user.findUniqueOrThrow({ where: { id: account.id } });

    for (const newPassword of [
      "my r.franklin@example.test pass",
      "RFranklin-is-my-password",
      "rosalind-staple-battery",
      "Rosalind Franklin 2026",
    ]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: session.headers,
        payload: { currentPassword: TEST_PASSWORD, newPassword },
      });
      const error = expectApiError(response, 400, "validation_failed");
      expect(fieldNames(error)).toEqual(["body.newPassword"]);
    }
    const after = await prisma.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(
      await prisma.auditEvent.count({ where: { actorId: account.id, action: "auth.password_changed" } }),
    ).toBe(0);
  });

  it("accepts one that shares nothing with the account", async () => {
    const account = await createAccount(prisma, { name: "Rosalind Franklin" });
    const session = await signIn(app, account.email);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: session.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: "helix-photograph-51" },
    });
    expect(response.statusCode).toBe(200);
  });
});
