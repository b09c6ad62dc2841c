// Separation of duties (docs/decisions/025): when an admin assigns or removes a supervisor, the
// therapist is told (a count on their attention list until they acknowledge it), sees who can read
// their caseload (since when, granted by whom) and every change; the audit log names each as an
// access grant or revocation with ids only. Only the therapist reads their own.
import { attentionResponse, caseloadAccessResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

const get = (session: SignedIn, url: string) => app.inject({ method: "GET", url, headers: session.headers });
const send = (session: SignedIn, method: "PUT" | "DELETE" | "POST", url: string) =>
  app.inject({ method, url, headers: session.headers, payload: {} });

describe("who can read a therapist's caseload", () => {
  it("a supervisor assigned and removed by an admin is told to the therapist, listed with who granted it, and audited as access granted and revoked", async () => {
    const admin = await createAccount(prisma, { role: "admin", name: "Ada Admin" });
    const therapist = await createAccount(prisma, { role: "therapist" });
    const sam = await createAccount(prisma, { role: "supervisor", name: "Sam Supervisor" });
    const rina = await createAccount(prisma, { role: "supervisor", name: "Rina Supervisor" });
    const adminSession = await signIn(app, admin.email);
    const own = await signIn(app, therapist.email);

    expect(attentionResponse.parse((await get(own, "/api/attention")).json()).caseloadAccessChanges).toBe(0);
    for (const supervisor of [sam, rina]) {
      const assigned = await send(
        adminSession,
        "PUT",
        `/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`,
      );
      expect(assigned.statusCode, assigned.body).toBe(200);
    }
    const removed = await send(
      adminSession,
      "DELETE",
      `/api/admin/users/${therapist.id}/supervisors/${rina.id}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);

    expect(attentionResponse.parse((await get(own, "/api/attention")).json()).caseloadAccessChanges).toBe(3);
    const access = caseloadAccessResponse.parse((await get(own, "/api/me/caseload-access")).json());
    expect(access.readers).toEqual([
      {
        supervisor: { id: sam.id, name: "Sam Supervisor", email: sam.email },
        since: expect.any(String) as string,
        grantedBy: { id: admin.id, name: "Ada Admin", email: admin.email },
      },
    ]);
    expect(access.changes.map((c) => [c.change, c.supervisor.id, c.changedBy?.id, c.seen])).toEqual([
      ["revoked", rina.id, admin.id, false],
      ["granted", rina.id, admin.id, false],
      ["granted", sam.id, admin.id, false],
    ]);

    const granted = await auditRows(prisma, { entityId: therapist.id, action: "access.granted" });
    expect(
      granted.map((row) => [row.actorId, (row.details as { supervisorId: string }).supervisorId]),
    ).toEqual([
      [admin.id, sam.id],
      [admin.id, rina.id],
    ]);
    const [revoked] = await auditRows(prisma, { entityId: therapist.id, action: "access.revoked" });
    expect(revoked?.details).toMatchObject({ supervisorId: rina.id, via: "supervision_assignment" });
    expect(Object.keys(revoked?.details as object).sort()).toEqual(["changeId", "supervisorId", "via"]);
    expect(
      await auditRows(prisma, { entityId: therapist.id, action: "caseload_access.viewed" }),
    ).toHaveLength(1);

    // Acknowledged: the count leaves the attention list; the history stays.
    expect((await send(own, "POST", "/api/me/caseload-access/seen")).statusCode).toBe(204);
    expect(attentionResponse.parse((await get(own, "/api/attention")).json()).caseloadAccessChanges).toBe(0);
    const after = caseloadAccessResponse.parse((await get(own, "/api/me/caseload-access")).json());
    expect(after.changes.every((c) => c.seen)).toBe(true);
  });

  it("is the therapist's own: a supervisor or an admin cannot read it (403)", async () => {
    const supervisor = await signIn(app, (await createAccount(prisma, { role: "supervisor" })).email);
    const admin = await signIn(app, (await createAccount(prisma, { role: "admin" })).email);
    expectApiError(await get(supervisor, "/api/me/caseload-access"), 403, "forbidden");
    expectApiError(await get(admin, "/api/me/caseload-access"), 403, "forbidden");
    expectApiError(await send(admin, "POST", "/api/me/caseload-access/seen"), 403, "forbidden");
  });
});
