import { ownSupervisorsResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

const ownSupervisors = async (email: string) => {
  const session = await signIn(app, email);
  return app.inject({ method: "GET", url: "/api/me/supervisors", headers: { cookie: session.cookie } });
};

describe("GET /api/me/supervisors", () => {
  it("lists the therapist's own active supervisors by name, and no one else's", async () => {
    const therapist = await createAccount(prisma, { role: "therapist" });
    const other = await createAccount(prisma, { role: "therapist" });
    const zed = await createAccount(prisma, { role: "supervisor", name: "Zed Supervisor" });
    const ada = await createAccount(prisma, { role: "supervisor", name: "Ada Supervisor" });
    const left = await createAccount(prisma, { role: "supervisor", name: "Left Supervisor", active: false });
    const othersOnly = await createAccount(prisma, { role: "supervisor", name: "Other Supervisor" });
    await prisma.supervisionAssignment.createMany({
      data: [
        { therapistId: therapist.id, supervisorId: zed.id },
        { therapistId: therapist.id, supervisorId: ada.id },
        { therapistId: therapist.id, supervisorId: left.id },
        { therapistId: other.id, supervisorId: othersOnly.id },
      ],
    });

    const response = await ownSupervisors(therapist.email);

    expect(response.statusCode).toBe(200);
    expect(ownSupervisorsResponse.parse(response.json()).items).toEqual([
      { id: ada.id, name: "Ada Supervisor", email: ada.email },
      { id: zed.id, name: "Zed Supervisor", email: zed.email },
    ]);
  });

  it("is empty once the assignment is removed", async () => {
    const therapist = await createAccount(prisma, { role: "therapist" });
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    await prisma.supervisionAssignment.create({
      data: { therapistId: therapist.id, supervisorId: supervisor.id },
    });
    await prisma.supervisionAssignment.deleteMany({ where: { therapistId: therapist.id } });

    expect(ownSupervisorsResponse.parse((await ownSupervisors(therapist.email)).json()).items).toEqual([]);
  });

  it("is for therapists only", async () => {
    for (const role of ["supervisor", "admin"] as const) {
      const account = await createAccount(prisma, { role });
      expect((await ownSupervisors(account.email)).statusCode).toBe(403);
    }
    expect((await app.inject({ method: "GET", url: "/api/me/supervisors" })).statusCode).toBe(401);
  });
});
