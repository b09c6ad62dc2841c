import { adminUser } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

const link = (therapistId: string, supervisorId: string) =>
  `/api/admin/users/${therapistId}/supervisors/${supervisorId}`;
const assign = (session: SignedIn, therapistId: string, supervisorId: string) =>
  app.inject({ method: "PUT", url: link(therapistId, supervisorId), headers: session.headers });
const remove = (session: SignedIn, therapistId: string, supervisorId: string) =>
  app.inject({ method: "DELETE", url: link(therapistId, supervisorId), headers: session.headers });

describe("supervision assignments", () => {
  it("a therapist can have two supervisors, and each supervisor lists the therapist", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist", name: "Theo Therapist" });
    const first = await createAccount(prisma, { role: "supervisor", name: "Ada Supervisor" });
    const second = await createAccount(prisma, { role: "supervisor", name: "Ben Supervisor" });

    expect((await assign(session, therapist.id, first.id)).statusCode).toBe(200);
    const response = await assign(session, therapist.id, second.id);

    expect(response.statusCode).toBe(200);
    const body = adminUser.parse(response.json());
    expect(body.supervisors.map((s) => s.id)).toEqual([first.id, second.id]);

    for (const supervisor of [first, second]) {
      const view = await app.inject({
        method: "GET",
        url: `/api/admin/users/${supervisor.id}`,
        headers: { cookie: session.cookie },
      });
      expect(adminUser.parse(view.json()).supervisees).toEqual([
        { id: therapist.id, name: "Theo Therapist", email: therapist.email },
      ]);
    }

    const events = await auditRows(prisma, { entityId: therapist.id, action: "access.granted" });
    expect(events.map((e) => e.details)).toMatchObject([
      { supervisorId: first.id, via: "supervision_assignment" },
      { supervisorId: second.id, via: "supervision_assignment" },
    ]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
    const rows = await prisma.supervisionAssignment.findMany({ where: { therapistId: therapist.id } });
    expect(rows.every((r) => r.createdById === admin.id)).toBe(true);
  });

  it("a supervisor can supervise several therapists", async () => {
    const { session } = await signedInAdmin();
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const one = await createAccount(prisma, { role: "therapist" });
    const two = await createAccount(prisma, { role: "therapist" });
    await assign(session, one.id, supervisor.id);
    await assign(session, two.id, supervisor.id);
    expect(await prisma.supervisionAssignment.count({ where: { supervisorId: supervisor.id } })).toBe(2);
  });

  it("assigning the same supervisor twice keeps one link and one audit row", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    await assign(session, therapist.id, supervisor.id);
    expect((await assign(session, therapist.id, supervisor.id)).statusCode).toBe(200);
    expect(await prisma.supervisionAssignment.count({ where: { therapistId: therapist.id } })).toBe(1);
    expect(await auditRows(prisma, { entityId: therapist.id, action: "access.granted" })).toHaveLength(1);
  });

  it("an account that is not a supervisor cannot be assigned: 400 naming params.supervisorId", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    for (const role of ["therapist", "admin"] as const) {
      const notSupervisor = await createAccount(prisma, { role });
      const error = expectApiError(
        await assign(session, therapist.id, notSupervisor.id),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["params.supervisorId"]);
    }
    expect(await prisma.supervisionAssignment.count({ where: { therapistId: therapist.id } })).toBe(0);
  });

  it("a deactivated supervisor cannot be assigned", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor", active: false });
    const error = expectApiError(
      await assign(session, therapist.id, supervisor.id),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["params.supervisorId"]);
  });

  it("supervisors are assigned to therapists only: 400 naming params.userId", async () => {
    const { session } = await signedInAdmin();
    const notTherapist = await createAccount(prisma, { role: "supervisor" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const error = expectApiError(
      await assign(session, notTherapist.id, supervisor.id),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["params.userId"]);
  });

  it("unknown accounts answer 404", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    expectApiError(await assign(session, crypto.randomUUID(), supervisor.id), 404, "not_found");
    expectApiError(await assign(session, therapist.id, crypto.randomUUID()), 404, "not_found");
  });

  it("removing an assignment ends the link and is audited", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const kept = await createAccount(prisma, { role: "supervisor" });
    const removed = await createAccount(prisma, { role: "supervisor" });
    await assign(session, therapist.id, kept.id);
    await assign(session, therapist.id, removed.id);

    const response = await remove(session, therapist.id, removed.id);

    expect(response.statusCode).toBe(200);
    expect(adminUser.parse(response.json()).supervisors.map((s) => s.id)).toEqual([kept.id]);
    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "access.revoked" });
    expect(event).toMatchObject({ actorId: admin.id, details: { supervisorId: removed.id } });
  });

  it("removing an assignment that does not exist answers 404 and writes nothing", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const before = await prisma.auditEvent.count();
    expectApiError(await remove(session, therapist.id, supervisor.id), 404, "not_found");
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("a therapist with a supervisor cannot change role until the link is removed", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    await assign(session, therapist.id, supervisor.id);
    const patch = () =>
      app.inject({
        method: "PATCH",
        url: `/api/admin/users/${therapist.id}`,
        headers: session.headers,
        payload: { role: "supervisor" },
      });

    expectApiError(await patch(), 409, "conflict");
    await remove(session, therapist.id, supervisor.id);
    expect((await patch()).statusCode).toBe(200);
  });
});
