import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database";
import { createAccount } from "../../test/helpers/app";
import { createPrismaClient } from "../db/prisma";
import { DEMO_EMAIL_DOMAIN, seedDemoAccounts, SeedRefusedError } from "./demo-accounts";

describe("demo accounts", () => {
  it("creates 1 admin, 2 supervisors and 4 supervised therapists, and a second run changes nothing", async () => {
    const prisma = createPrismaClient((await createTestDatabase()).url, 2);
    afterAll(() => prisma.$disconnect());

    await seedDemoAccounts(prisma);
    const snapshot = async () => ({
      users: await prisma.user.findMany({
        orderBy: { email: "asc" },
        select: { id: true, email: true, role: true, passwordHash: true },
      }),
      links: await prisma.supervisionAssignment.findMany({
        orderBy: [{ supervisorId: "asc" }, { therapistId: "asc" }],
      }),
    });
    const first = await snapshot();
    expect(first.users.map((u) => u.role).sort()).toEqual([
      "admin",
      "supervisor",
      "supervisor",
      "therapist",
      "therapist",
      "therapist",
      "therapist",
    ]);
    const supervised = new Set(first.links.map((l) => l.therapistId));
    expect(supervised.size).toBe(4);
    expect(first.links.length).toBeGreaterThan(4); // one therapist has two supervisors

    await seedDemoAccounts(prisma);
    expect(await snapshot()).toEqual(first);
  });

  it("refuses a database holding real accounts unless forced", async () => {
    const prisma = createPrismaClient((await createTestDatabase()).url, 2);
    afterAll(() => prisma.$disconnect());
    await createAccount(prisma, { role: "admin", email: "real.person@clinic.example" });

    await expect(seedDemoAccounts(prisma)).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await prisma.user.count({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } })).toBe(0);

    await seedDemoAccounts(prisma, { force: true });
    expect(await prisma.user.count({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } })).toBe(7);
  });
});
