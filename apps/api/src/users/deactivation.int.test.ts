import { adminUser } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { accountKey } from "../auth/throttle";

const { app, prisma } = await createTestApp();

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

const post = (url: string, headers: Record<string, string>) => app.inject({ method: "POST", url, headers });

describe("deactivating an account", () => {
  it("ends the therapist's sessions at once: their next request is refused", async () => {
    const { session: adminSession } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const laptop = await signIn(app, therapist.email);
    const phone = await signIn(app, therapist.email);
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(2);

    const response = await post(`/api/admin/users/${therapist.id}/deactivate`, adminSession.headers);

    expect(response.statusCode).toBe(200);
    expect(adminUser.parse(response.json())).toMatchObject({ id: therapist.id, active: false });
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
    for (const cookie of [laptop.cookie, phone.cookie]) {
      const next = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
      expectApiError(next, 401, "unauthenticated");
    }
  });

  it("keeps the deactivated person from signing in, and reactivation lets them in again", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    await post(`/api/admin/users/${therapist.id}/deactivate`, session.headers);

    await expect(signIn(app, therapist.email)).rejects.toThrow(/401/);

    const reactivated = await post(`/api/admin/users/${therapist.id}/reactivate`, session.headers);
    expect(reactivated.statusCode).toBe(200);
    expect(reactivated.json()).toMatchObject({ id: therapist.id, active: true });
    expect((await signIn(app, therapist.email)).csrfToken).toMatch(/\S{32,}/);

    const events = await auditRows(prisma, { entityId: therapist.id });
    const byAction = (action: string) => events.filter((e) => e.action === action);
    expect(byAction("user.deactivated")).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "success", entityType: "user" }),
    ]);
    expect(byAction("user.reactivated")).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "success", entityType: "user" }),
    ]);
  });

  it("reactivation also clears the slowing of the account's sign-in", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { active: false });
    const key = accountKey(therapist.id).key;
    await prisma.signInThrottle.create({
      data: { key, failures: 7, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 3_600_000) },
    });

    await post(`/api/admin/users/${therapist.id}/reactivate`, session.headers);

    expect(await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).toMatchObject({
      active: true,
    });
    expect(await prisma.signInThrottle.count({ where: { key } })).toBe(0);
    await expect(signIn(app, therapist.email)).resolves.toBeDefined();
  });

  it("leaves other people's sessions alone", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const colleague = await createAccount(prisma);
    const colleagueSession = await signIn(app, colleague.email);

    await post(`/api/admin/users/${therapist.id}/deactivate`, session.headers);

    const check = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: colleagueSession.cookie },
    });
    expect(check.statusCode).toBe(200);
  });

  it("an unknown account answers 404 and writes nothing", async () => {
    const { session } = await signedInAdmin();
    const before = await prisma.auditEvent.count();
    const response = await post(`/api/admin/users/${crypto.randomUUID()}/deactivate`, session.headers);
    expectApiError(response, 404, "not_found");
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});
