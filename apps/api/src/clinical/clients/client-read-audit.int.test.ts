// A client's record is read beside its audit row (docs/decisions/022, "The row beside the read"): the
// INSERT works out viewed or denied from the same ownership predicate as the read, and the request
// answers only what agrees with the row committed for it. Own client → 200 and `client.viewed`;
// another therapist's, or none → 404 and `client.access_denied`; an ownership change between the two
// statements → 404, never data without a `client.viewed` row.
import { clientDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { addPerson, newClient, ok, signedInAs } from "../../../test/helpers/clinical";
import { auditRows, unknownId } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { actorOf } from "../access";
import { recordClientRead } from "../../audit/audit-log";
import type { PrismaClient } from "../../db/prisma";
import { getClient } from "./clients-service";

const { app, prisma } = await createTestApp();

const requestIdOf = (response: { headers: Record<string, unknown> }) =>
  String(response.headers["x-request-id"]);

/** The audit rows one request wrote. */
const rowsOf = (requestId: string) =>
  prisma.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });

/** An actor as a route would make it, for calling the service directly. */
const actorFor = (userId: string, requestId: string) =>
  actorOf({
    principal: { userId, role: "therapist" },
    requestedAt: new Date(),
    auditContext: () => ({ actorId: userId, ip: "192.0.2.9", requestId }),
  });

/**
 * The app's Prisma client, except that the client read waits until the audit row's INSERT has
 * answered and `between` has run: a change made there is seen by the read and not by the row. (A
 * stand-in client has no group-commit writer, so its row is written by its own INSERT; the statement
 * is the same.)
 */
function readAfterTheRow(between: () => Promise<unknown>): PrismaClient {
  let rowWritten!: () => void;
  const gate = new Promise<void>((resolve) => (rowWritten = resolve));
  return new Proxy(prisma, {
    get(target, key, receiver) {
      if (key === "$queryRawUnsafe") {
        return async (...args: Parameters<PrismaClient["$queryRawUnsafe"]>) => {
          const result: unknown = await target.$queryRawUnsafe(...args);
          await between();
          rowWritten();
          return result;
        };
      }
      if (key === "client") {
        return new Proxy(target.client, {
          get(client, method) {
            if (method !== "findFirst") return Reflect.get(client, method) as unknown;
            return async (...args: Parameters<PrismaClient["client"]["findFirst"]>) => {
              await gate;
              return client.findFirst(...args);
            };
          },
        });
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe("a client read's audit row agrees with what was answered", () => {
  it("own client: 200, and one client.viewed row committed when it is answered", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);

    const response = await therapist.get(`/api/clients/${client.id}`);

    expect(ok(response, clientDetail).id).toBe(client.id);
    const rows = await rowsOf(requestIdOf(response));
    expect(rows.map((r) => [r.action, r.outcome, r.entityType, r.entityId, r.actorId, r.details])).toEqual([
      ["client.viewed", "success", "client", client.id, therapist.id, null],
    ]);
  });

  it("another therapist's client: 404, one denial row, and the owner's record not in the answer", async () => {
    const owner = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const client = await newClient(owner, { displayName: "Owned elsewhere" });

    const response = await other.get(`/api/clients/${client.id}`);

    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain("Owned elsewhere");
    const rows = await rowsOf(requestIdOf(response));
    expect(rows.map((r) => [r.action, r.outcome, r.entityId, r.actorId, r.details])).toEqual([
      ["client.access_denied", "denied", client.id, other.id, null],
    ]);
  });

  it("no such client: 404 and one denial row", async () => {
    const therapist = await signedInAs(app, prisma);
    const id = unknownId();

    const response = await therapist.get(`/api/clients/${id}`);

    expect(response.statusCode).toBe(404);
    expect((await auditRows(prisma, { entityId: id })).map((r) => [r.action, r.outcome])).toEqual([
      ["client.access_denied", "denied"],
    ]);
  });

  it("the inventory the same way: own → inventory.viewed; another therapist's → 404, one denial, nothing of it", async () => {
    const owner = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const client = await newClient(owner);
    await addPerson(owner, client.id, "Invented sister");

    const own = await owner.get(`/api/clients/${client.id}/inventory`);
    const theirs = await other.get(`/api/clients/${client.id}/inventory`);

    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("Invented sister");
    expect((await rowsOf(requestIdOf(own))).map((r) => [r.action, r.outcome, r.entityId])).toEqual([
      ["inventory.viewed", "success", client.id],
    ]);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain("Invented sister");
    expect((await rowsOf(requestIdOf(theirs))).map((r) => [r.action, r.outcome, r.entityId])).toEqual([
      ["client.access_denied", "denied", client.id],
    ]);
  });

  it("the INSERT decides each row of one batch on its own: viewed and denied side by side", async () => {
    const first = await signedInAs(app, prisma);
    const second = await signedInAs(app, prisma);
    const mine = await newClient(first);
    const theirs = await newClient(second);
    const context = (actorId: string, i: number) => ({
      actorId,
      ip: null,
      requestId: `mixed-${mine.id}-${i}`,
    });

    // Concurrent: the writer batches them (two in flight at once, the rest in one statement).
    const written = await Promise.all([
      recordClientRead(prisma, context(first.id, 0), mine.id),
      recordClientRead(prisma, context(first.id, 1), theirs.id),
      recordClientRead(prisma, context(second.id, 2), theirs.id),
      recordClientRead(prisma, context(second.id, 3), mine.id),
      recordClientRead(prisma, context(first.id, 4), mine.id),
      recordClientRead(prisma, context(first.id, 5), unknownId()),
    ]);

    expect(written).toEqual([
      "client.viewed",
      "client.access_denied",
      "client.viewed",
      "client.access_denied",
      "client.viewed",
      "client.access_denied",
    ]);
    for (const [i, action] of written.entries()) {
      const [row] = await rowsOf(`mixed-${mine.id}-${i}`);
      expect(row?.action).toBe(action);
      expect(row?.outcome).toBe(action === "client.viewed" ? "success" : "denied");
    }
  });

  it("the client stops being the therapist's between the row and the read: 404, the viewed row corrected by a denial", async () => {
    const therapist = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const requestId = `moved-away-${client.id}`;
    const db = readAfterTheRow(() =>
      prisma.client.update({ where: { id: client.id }, data: { therapistId: other.id } }),
    );

    await expect(getClient(db, actorFor(therapist.id, requestId), client.id)).rejects.toMatchObject({
      statusCode: 404,
    });

    const rows = await rowsOf(requestId);
    expect(rows.map((r) => [r.action, r.outcome, r.entityId])).toEqual([
      ["client.viewed", "success", client.id],
      ["client.access_denied", "denied", client.id],
    ]);
    // A reason, never content.
    expect(rows[1]?.details).toEqual({ reason: "the read found no client the audit row had found" });
  });

  it("the client becomes the therapist's between the row and the read: 404, the data withheld, the denial stands", async () => {
    const therapist = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const client = await newClient(other);
    const requestId = `moved-here-${client.id}`;
    const db = readAfterTheRow(() =>
      prisma.client.update({ where: { id: client.id }, data: { therapistId: therapist.id } }),
    );

    await expect(getClient(db, actorFor(therapist.id, requestId), client.id)).rejects.toMatchObject({
      statusCode: 404,
    });

    expect((await rowsOf(requestId)).map((r) => [r.action, r.outcome])).toEqual([
      ["client.access_denied", "denied"],
    ]);
    // Read again now that it is the therapist's: shown, with its own viewed row.
    const response = await therapist.get(`/api/clients/${client.id}`);
    expect(ok(response, clientDetail).id).toBe(client.id);
    expect((await rowsOf(requestIdOf(response))).map((r) => r.action)).toEqual(["client.viewed"]);
  });
});
