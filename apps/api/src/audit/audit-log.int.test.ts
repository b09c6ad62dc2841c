import { listAuditEventsResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";
import { withSecondFactorRequiredOf } from "../../test/helpers/factors";
import { emailDigest } from "./email-digest";

const { app, prisma } = await createTestApp();

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

async function browse(session: SignedIn, query: Record<string, string>) {
  const response = await app.inject({
    method: "GET",
    url: "/api/admin/audit-events",
    query,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return listAuditEventsResponse.parse(response.json());
}

/** Writes audit rows for an actor at the given instants, in order (as the app would have). */
async function eventsAt(actorId: string, action: string, instants: string[]) {
  for (const occurredAt of instants) {
    await prisma.auditEvent.create({
      data: { actorId, action, outcome: "success", occurredAt: new Date(occurredAt) },
    });
  }
}

describe("the audit log is append-only", () => {
  it.each([
    ["UPDATE", `UPDATE audit_events SET action = 'tampered'`],
    ["DELETE", `DELETE FROM audit_events`],
    ["TRUNCATE", `TRUNCATE audit_events`],
    [
      "UPDATE of one row",
      `UPDATE audit_events SET actor_id = NULL WHERE id = (SELECT min(id) FROM audit_events)`,
    ],
  ])("the database refuses %s and the rows stay as they were", async (_name, sql) => {
    const therapist = await createAccount(prisma);
    await signIn(app, therapist.email);
    const before = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(before.length).toBeGreaterThan(0);

    await expect(prisma.$executeRawUnsafe(sql)).rejects.toThrow(/append-only/);

    expect(await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("the ORM cannot change or delete rows either", async () => {
    const therapist = await createAccount(prisma);
    await signIn(app, therapist.email);
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { actorId: therapist.id } });

    await expect(
      prisma.auditEvent.update({
        where: { id_occurredAt: { id: row.id, occurredAt: row.occurredAt } },
        data: { action: "tampered" },
      }),
    ).rejects.toThrow();
    await expect(prisma.auditEvent.deleteMany({ where: { actorId: therapist.id } })).rejects.toThrow();
    expect(
      await prisma.auditEvent.findUniqueOrThrow({
        where: { id_occurredAt: { id: row.id, occurredAt: row.occurredAt } },
      }),
    ).toEqual(row);
  });
});

describe("browsing the audit log", () => {
  it("filters by actor and by action", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { name: "Audited Therapist" });
    await signIn(app, therapist.email);
    const reset = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      app.inject({
        method: "POST",
        url: `/api/admin/users/${therapist.id}/reset-password`,
        headers: session.headers,
      }),
    );
    expect(reset.statusCode, reset.body).toBe(200);

    const byTherapist = await browse(session, { actorId: therapist.id });
    expect(byTherapist.total).toBe(1);
    expect(byTherapist.items[0]).toMatchObject({
      action: "auth.login",
      outcome: "success",
      actor: { id: therapist.id, name: "Audited Therapist", email: therapist.email },
      entityType: "user",
      entityId: therapist.id,
    });

    const adminResets = await browse(session, { actorId: admin.id, action: "user.password_reset" });
    expect(adminResets.items.map((e) => [e.action, e.entityId])).toEqual([
      ["user.password_reset", therapist.id],
    ]);

    const adminLogins = await browse(session, { actorId: admin.id, action: "auth.login" });
    expect(adminLogins.total).toBe(1);
  });

  it("filters by date, with both ends counted as whole days (UTC)", async () => {
    const { session } = await signedInAdmin();
    const actor = await createAccount(prisma);
    await eventsAt(actor.id, "test.dated", [
      "2020-03-09T23:59:59.999Z",
      "2020-03-10T00:00:00.000Z",
      "2020-03-12T12:00:00.000Z",
      "2020-03-15T23:59:59.999Z",
      "2020-03-16T00:00:00.000Z",
    ]);
    const instants = async (query: Record<string, string>) =>
      (await browse(session, { actorId: actor.id, ...query })).items.map((e) => e.occurredAt);

    expect(await instants({ from: "2020-03-10", to: "2020-03-15" })).toEqual([
      "2020-03-15T23:59:59.999Z",
      "2020-03-12T12:00:00.000Z",
      "2020-03-10T00:00:00.000Z",
    ]);
    expect(await instants({ from: "2020-03-12" })).toHaveLength(3);
    expect(await instants({ to: "2020-03-09" })).toEqual(["2020-03-09T23:59:59.999Z"]);
    expect(await instants({ from: "2020-03-13", to: "2020-03-14" })).toEqual([]);
  });

  it("pages newest first, with the total across pages", async () => {
    const { session } = await signedInAdmin();
    const actor = await createAccount(prisma);
    await eventsAt(actor.id, "test.paged", [
      "2021-01-01T10:00:00.000Z",
      "2021-01-02T10:00:00.000Z",
      "2021-01-03T10:00:00.000Z",
      "2021-01-04T10:00:00.000Z",
      "2021-01-05T10:00:00.000Z",
    ]);

    const pages = [];
    for (const page of ["1", "2", "3"])
      pages.push(await browse(session, { actorId: actor.id, pageSize: "2", page }));

    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const all = pages.flatMap((p) => p.items);
    expect(all.map((e) => e.occurredAt.slice(0, 10))).toEqual([
      "2021-01-05",
      "2021-01-04",
      "2021-01-03",
      "2021-01-02",
      "2021-01-01",
    ]);
    const ids = all.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it("shows failed sign-ins for unknown emails by the keyed digest of the email, never the email", async () => {
    const { session } = await signedInAdmin();
    const email = `intruder.${Date.now()}@example.test`;
    await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: "guess-guess-guess" },
    });
    const failed = await browse(session, { action: "auth.login_failed" });
    const digest = await emailDigest(prisma, email);
    expect(failed.items.find((e) => e.actorLabel === digest)).toMatchObject({
      actor: null,
      outcome: "failure",
    });
    expect(JSON.stringify(failed)).not.toContain(email);
  });

  it.each(["therapist", "supervisor"] as const)("a %s is refused with 403", async (role) => {
    const someone = await createAccount(prisma, { role });
    const session = await signIn(app, someone.email);
    const response = await app.inject({
      method: "GET",
      url: "/api/admin/audit-events",
      headers: { cookie: session.cookie },
    });
    expectApiError(response, 403, "forbidden");
  });

  it("without a session it answers 401", async () => {
    expectApiError(
      await app.inject({ method: "GET", url: "/api/admin/audit-events" }),
      401,
      "unauthenticated",
    );
  });
});
