// Refusals by role (403) and CSRF refusals are audited, one row per source, action and minute so a
// flood cannot fill the append-only log, with every refusal counted; reading the log is audited too.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

let now = new Date("2026-12-07T09:00:10.000Z");
const { app, prisma } = await createTestApp({}, undefined, () => now);

const auditOf = (actorId: string, action: string) =>
  prisma.auditEvent.findMany({ where: { actorId, action }, orderBy: { id: "asc" } });

describe("a refusal by role", () => {
  it("writes one denied audit row per minute for a flood, and counts every refusal", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    for (let i = 0; i < 25; i += 1) {
      const response = await app.inject({ method: "GET", url: "/api/admin/users", headers: session.headers });
      expectApiError(response, 403, "forbidden");
    }
    const rows = await auditOf(therapist.id, "access.forbidden");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "denied",
      details: { method: "GET", route: "/api/admin/users", reason: "policy:admin" },
    });
    const window = await prisma.auditRefusalWindow.findMany({ where: { source: therapist.id } });
    expect(window.map((w) => w.refusals)).toEqual([25]);

    now = new Date(now.getTime() + 60_000);
    await app.inject({ method: "GET", url: "/api/admin/users", headers: session.headers });
    expect(await auditOf(therapist.id, "access.forbidden")).toHaveLength(2);
  });

  it("names the route pattern, never the ids in the URL", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const target = crypto.randomUUID();
    await app.inject({ method: "GET", url: `/api/admin/users/${target}`, headers: session.headers });
    const [row] = await auditOf(therapist.id, "access.forbidden");
    expect(JSON.stringify(row?.details)).not.toContain(target);
    expect(row?.details).toMatchObject({ route: "/api/admin/users/:userId" });
  });
});

describe("a CSRF refusal", () => {
  it("is audited for a missing token (by the user) and for a foreign origin (by address)", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const noToken = await app.inject({
      method: "POST",
      url: "/api/clients",
      headers: { cookie: session.cookie },
      payload: {},
    });
    expectApiError(noToken, 403, "csrf_failed");
    expect(await auditOf(therapist.id, "csrf.refused")).toMatchObject([
      { outcome: "denied", details: { reason: "token", route: "/api/clients" } },
    ]);

    const ip = "203.0.113.77";
    const before = await prisma.auditEvent.count({ where: { action: "csrf.refused", actorId: null } });
    for (let i = 0; i < 10; i += 1) {
      const foreign = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: ip,
        headers: { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
        payload: { email: "a@example.test", password: "x" },
      });
      expectApiError(foreign, 403, "csrf_failed");
    }
    const rows = await prisma.auditEvent.findMany({ where: { action: "csrf.refused", ip } });
    expect(rows).toMatchObject([{ actorId: null, details: { reason: "other_site" } }]);
    expect(await prisma.auditEvent.count({ where: { action: "csrf.refused", actorId: null } })).toBe(
      before + 1,
    );
    const [window] = await prisma.auditRefusalWindow.findMany({ where: { source: `ip:${ip}` } });
    expect(window?.refusals).toBe(10);
  });
});

describe("reading the audit log", () => {
  it("is itself audited, naming the filters used but not their values", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const session = await signIn(app, admin.email);
    const response = await app.inject({
      method: "GET",
      url: `/api/admin/audit-events?actorId=${admin.id}&action=auth.login`,
      headers: session.headers,
    });
    expect(response.statusCode).toBe(200);
    const [row] = await auditOf(admin.id, "audit.viewed");
    expect(row).toMatchObject({
      outcome: "success",
      entityType: "user",
      entityId: admin.id,
      details: { filters: ["action", "actorId"] },
    });
  });
});
