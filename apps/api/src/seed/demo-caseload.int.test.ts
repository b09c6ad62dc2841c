import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database";
import { createPrismaClient } from "../db/prisma";
import { demoEmail, seedDemoAccounts } from "./demo-accounts";
import { seedDemoCaseloads } from "./demo-caseload";

describe("demo caseloads", () => {
  it("gives the demo therapists invented clients at every stage, through the real rules, once", async () => {
    const prisma = createPrismaClient((await createTestDatabase()).url, 2);
    afterAll(() => prisma.$disconnect());
    await seedDemoAccounts(prisma);

    expect(await seedDemoCaseloads(prisma)).toBe(6);

    const tom = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail("therapist.tom") } });
    const courses = await prisma.course.findMany({
      where: { client: { therapistId: tom.id } },
      include: { client: true, sessions: true },
      orderBy: { client: { displayName: "asc" } },
    });
    expect(courses.map((c) => [c.client.displayName, c.phase])).toEqual([
      ["Demo client 0412", "initial"],
      ["Demo client LM", "termination"],
      ["Demo client RK", "middle"],
    ]);
    const rk = courses.find((c) => c.client.displayName === "Demo client RK")!;
    expect(rk.sessions.filter((s) => s.status === "cancelled")).toHaveLength(1);
    expect(rk.sessions.filter((s) => s.status === "held" && s.signedAt)).toHaveLength(5);
    expect(rk.sessions.filter((s) => s.number !== null)).toHaveLength(12);

    const maya = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail("therapist.maya") } });
    const completed = await prisma.course.findFirstOrThrow({
      where: { client: { therapistId: maya.id }, phase: "completed" },
      include: { client: true },
    });
    expect([completed.outcome, completed.client.status]).toEqual(["completed", "completed"]);

    // Every write went through the audited services, as the demo therapist.
    expect(await prisma.auditEvent.count({ where: { actorId: tom.id, action: "session.signed" } })).toBe(15);

    const before = await prisma.client.count();
    expect(await seedDemoCaseloads(prisma)).toBe(0);
    expect(await prisma.client.count()).toBe(before);
  });
});
