import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

// Its own database: "the only active admin" must hold for the whole database, so this file
// controls every admin account in it. Each test starts from a clean slate of admins.
const { app, prisma } = await createTestApp();

async function onlyAdmin() {
  // Earlier tests' admins are retired so that the new one is the only active admin.
  await prisma.user.updateMany({ where: { role: "admin" }, data: { active: false } });
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

describe("the last active administrator", () => {
  it("cannot be deactivated: 409, and nothing changes", async () => {
    const { admin, session } = await onlyAdmin();
    const auditBefore = await prisma.auditEvent.count();

    const response = await app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/deactivate`,
      headers: session.headers,
    });

    expectApiError(response, 409, "conflict");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    expect(await prisma.loginSession.count({ where: { userId: admin.id } })).toBe(1);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });

  it("cannot be demoted: 409, and the role stays", async () => {
    const { admin, session } = await onlyAdmin();
    const auditBefore = await prisma.auditEvent.count();

    for (const role of ["therapist", "supervisor"] as const) {
      const response = await app.inject({
        method: "PATCH",
        url: `/api/admin/users/${admin.id}`,
        headers: session.headers,
        payload: { role },
      });
      expectApiError(response, 409, "conflict");
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });

  it("can still be renamed", async () => {
    const { admin, session } = await onlyAdmin();
    const response = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${admin.id}`,
      headers: session.headers,
      payload: { name: "Renamed Admin", role: "admin" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: "Renamed Admin", role: "admin" });
  });

  it("an inactive admin does not count as a second administrator", async () => {
    const { admin, session } = await onlyAdmin();
    await createAccount(prisma, { role: "admin", active: false });
    const response = await app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/deactivate`,
      headers: session.headers,
    });
    expectApiError(response, 409, "conflict");
  });

  it("with a second active admin, an admin can be demoted and another deactivated", async () => {
    const { admin, session } = await onlyAdmin();
    const second = await createAccount(prisma, { role: "admin" });
    const third = await createAccount(prisma, { role: "admin" });

    const demoted = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${second.id}`,
      headers: session.headers,
      payload: { role: "supervisor" },
    });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toMatchObject({ role: "supervisor" });

    const deactivated = await app.inject({
      method: "POST",
      url: `/api/admin/users/${third.id}/deactivate`,
      headers: session.headers,
    });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json()).toMatchObject({ active: false });

    // Now `admin` is the only active admin again, and is protected again.
    const self = await app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/deactivate`,
      headers: session.headers,
    });
    expectApiError(self, 409, "conflict");
  });

  it("with a second active admin, an admin can deactivate themself, which ends their session", async () => {
    const { admin, session } = await onlyAdmin();
    await createAccount(prisma, { role: "admin" });

    const response = await app.inject({
      method: "POST",
      url: `/api/admin/users/${admin.id}/deactivate`,
      headers: session.headers,
    });

    expect(response.statusCode).toBe(200);
    const next = await app.inject({
      method: "GET",
      url: "/api/admin/users",
      headers: { cookie: session.cookie },
    });
    expectApiError(next, 401, "unauthenticated");
  });

  it("of two admins demoting each other at the same time, only one succeeds", async () => {
    const { admin: first, session: firstSession } = await onlyAdmin();
    const second = await createAccount(prisma, { role: "admin" });
    const secondSession = await signIn(app, second.email);

    const [a, b] = await Promise.all([
      app.inject({
        method: "PATCH",
        url: `/api/admin/users/${second.id}`,
        headers: firstSession.headers,
        payload: { role: "therapist" },
      }),
      app.inject({
        method: "PATCH",
        url: `/api/admin/users/${first.id}`,
        headers: secondSession.headers,
        payload: { role: "therapist" },
      }),
    ]);

    // The loser gets 409 from the last-admin rule, or 403 if the winner's change had already
    // landed when its session was read; never both 200.
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(await prisma.user.count({ where: { role: "admin", active: true } })).toBe(1);
  });
});
