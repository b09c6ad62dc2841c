// readableClientSql (the access rule as SQL, for typed SQL reads) finds exactly the clients that
// readableClientWhere (the same rule for Prisma) finds, for each kind of actor.
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { newClient, signedInAs, type Clinician } from "../../test/helpers/clinical";
import { Prisma } from "../db/prisma";
import { readableClientSql, readableClientWhere, type Actor } from "./access";

const { app, prisma } = await createTestApp();

const therapist = await signedInAs(app, prisma);
const other = await signedInAs(app, prisma);
const assigned = await signedInAs(app, prisma, "supervisor");
const unassigned = await signedInAs(app, prisma, "supervisor");
const admin = await signedInAs(app, prisma, "admin");
await prisma.supervisionAssignment.create({ data: { supervisorId: assigned.id, therapistId: therapist.id } });
for (const who of [therapist, therapist, other]) await newClient(who);

const actorOf = (who: Clinician, role: Actor["role"]): Actor => ({
  userId: who.id,
  role,
  audit: { actorId: who.id, ip: null, requestId: "test" },
  now: new Date(),
});

describe("the readable-client rule as SQL", () => {
  it.each([
    ["the therapist", therapist, "therapist"],
    ["another therapist", other, "therapist"],
    ["an assigned supervisor", assigned, "supervisor"],
    ["a supervisor of no one", unassigned, "supervisor"],
    ["an admin", admin, "admin"],
  ] as const)("finds the clients Prisma's rule finds for %s", async (_, who, role) => {
    const actor = actorOf(who, role);
    const byPrisma = await prisma.client.findMany({
      where: readableClientWhere(actor),
      select: { id: true },
    });
    const bySql = await prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT client.id::text AS id FROM clients client WHERE ${readableClientSql(actor)}`,
    );
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
    expect(ids(bySql)).toEqual(ids(byPrisma));
    if (role !== "admin" && who !== unassigned) expect(bySql.length).toBeGreaterThan(0);
  });
});
