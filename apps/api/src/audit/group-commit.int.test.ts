// The audit rows of reads are group-committed (docs/decisions/022): rows of concurrent requests go in
// one statement, a request is answered only once its row has committed, and a batch that fails fails
// every request in it (503 when the database is away) — a row is never silently lost.
import { describe, expect, it } from "vitest";
import { newClient, signedInAs } from "../../test/helpers/clinical";
import { createStatementLoggingApp } from "../../test/helpers/statement-logging-app";
import { createPrismaClient } from "../db/prisma";
import { AUDIT_INSERT_SQL, recordAudit, useAuditGroupCommit } from "./audit-log";

const { app, prisma, log, databaseUrl } = await createStatementLoggingApp();

const auditInserts = async <T>(work: () => Promise<T>) => {
  log.capture();
  const result = await work();
  return { result, inserts: log.stop().filter((s) => s.text === AUDIT_INSERT_SQL) };
};

const rowsOf = (requestIds: string[]) =>
  prisma.auditEvent.findMany({ where: { requestId: { in: requestIds } }, orderBy: { id: "asc" } });

describe("audit rows of reads are group-committed", () => {
  it("the rows recorded while a write is in flight go as one statement, each with its own columns", async () => {
    const therapist = await signedInAs(app, prisma);
    const context = (i: number) => ({ actorId: therapist.id, ip: "192.0.2.1", requestId: `batch-${i}` });

    const { inserts } = await auditInserts(() =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          recordAudit(prisma, context(i), {
            action: "client.viewed",
            entityType: "client",
            entityId: `client-${i}`,
            ...(i % 2 ? { details: { count: i } } : {}),
          }),
        ),
      ),
    );

    // One write in flight (the first row alone), then everything that queued meanwhile.
    const sizes = inserts.map((s) => (s.values?.[0] as unknown[]).length);
    expect(sizes).toEqual([1, 29]);
    const rows = await rowsOf(Array.from({ length: 30 }, (_, i) => `batch-${i}`));
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.requestId === "batch-7")).toMatchObject({
      actorId: therapist.id,
      action: "client.viewed",
      entityType: "client",
      entityId: "client-7",
      outcome: "success",
      ip: "192.0.2.1",
      details: { count: 7 },
      chainSeq: null,
    });
  });

  it("the INSERT is prepared on the connection, then only bound and run", async () => {
    const oneConnection = createPrismaClient(databaseUrl, 1);
    try {
      useAuditGroupCommit(oneConnection);
      const requestIds = ["prepared-1", "prepared-2", "prepared-3"];
      for (const requestId of requestIds) {
        await recordAudit(oneConnection, { actorId: null, ip: null, requestId }, { action: "client.viewed" });
      }
      const prepared = await oneConnection.$queryRaw<{ statement: string }[]>`
        SELECT statement FROM pg_prepared_statements`;
      expect(prepared.map((row) => row.statement)).toContain(AUDIT_INSERT_SQL);
      expect(await rowsOf(requestIds)).toHaveLength(3);
    } finally {
      await oneConnection.$disconnect();
    }
  });

  it("concurrent audited reads: every 200 has its row when it is answered", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);

    const responses = await Promise.all(
      Array.from({ length: 24 }, async () => {
        const response = await therapist.get(`/api/clients/${client.id}`);
        // Looked up the moment the answer is in, before any other request is awaited.
        const row = await prisma.auditEvent.findFirst({
          where: { requestId: String(response.headers["x-request-id"]), action: "client.viewed" },
        });
        return { status: response.statusCode, row };
      }),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(200));
    expect(responses.every((r) => r.row?.entityId === client.id)).toBe(true);
  });

  it("a row the database refuses fails only its own request; the rest of its batch is written", async () => {
    const context = (i: number) => ({
      // The third row names an account that does not exist: its foreign key is refused.
      actorId: i === 2 ? "00000000-0000-4000-8000-000000000000" : null,
      ip: null,
      requestId: `refused-${i}`,
    });
    const writer = useAuditGroupCommit(prisma);
    await writer.drained();

    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => recordAudit(prisma, context(i), { action: "client.viewed" })),
    );

    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const written = await rowsOf(Array.from({ length: 6 }, (_, i) => `refused-${i}`));
    expect(written.map((r) => r.requestId).sort()).toEqual([
      "refused-0",
      "refused-1",
      "refused-3",
      "refused-4",
      "refused-5",
    ]);
  });

  it("when the database cannot take the batch, every read in it answers 503 and none is acknowledged", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    // Audit inserts fail as they would with the database shutting down (57P01: not now).
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'terminating connection' USING ERRCODE = '57P01'; END $$`);
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION test_audit_unavailable()`);
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => therapist.get(`/api/clients/${client.id}`)),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(503));
      expect(responses.every((r) => r.headers["retry-after"] !== undefined)).toBe(true);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER test_audit_unavailable ON audit_events`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION test_audit_unavailable()`);
    }
    // Answered again once the database takes rows.
    expect((await therapist.get(`/api/clients/${client.id}`)).statusCode).toBe(200);
  });

  it("inside a transaction the row is the transaction's: it commits with the write or not at all", async () => {
    const requestId = "in-transaction-rolled-back";
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, ip: null, requestId }, { action: "client.viewed" });
        throw new Error("the write fails after its audit row");
      }),
    ).rejects.toThrow("the write fails");
    expect(await rowsOf([requestId])).toEqual([]);
  });
});
