// The audit log's monthly partitions and the archive of old months (docs/decisions/022): events go
// to their month's partition, or to DEFAULT when it has none (no insert fails); creating a month's
// partition moves its events out of DEFAULT with their hashes; archiving a month writes it to a
// file that verifies on its own, drops its partition, and the chain still verifies from the
// recorded heads, and keeps verifying as new events are sealed.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { archiveAuditMonths, verifyArchiveFile } from "./archive";
import { recordAudit } from "./audit-log";
import { verifyAuditChain } from "./chain";
import { createAuditPartitions, monthsFrom, partitionName } from "./partitions";
import { sealAuditEvents } from "./sealer";
import { createTestApp } from "../../test/helpers/app";

const { prisma, databaseUrl } = await createTestApp();
const noContext = { actorId: null, ip: null, requestId: "req-partitions" };
const folder = await mkdtemp(path.join(tmpdir(), "ipt-audit-archive-"));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function partitionOf(entityId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ partition: string }[]>`
    SELECT tableoid::regclass::text AS partition FROM audit_events WHERE entity_id = ${entityId}`;
  return row!.partition;
}

async function eventAt(entityId: string, occurredAt: string) {
  await prisma.auditEvent.create({
    data: { action: "client.viewed", outcome: "success", entityId, occurredAt: new Date(occurredAt) },
  });
}

describe("monthly partitions", () => {
  it("an event goes to its month's partition; this month and the next twelve exist", async () => {
    await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "now" });
    const [thisMonth] = monthsFrom(new Date(), 1);
    expect(await partitionOf("now")).toBe(partitionName(thisMonth!));
    expect(await createAuditPartitions(databaseUrl, monthsFrom(new Date(), 13))).toEqual([]);
  });

  it("an event of a month with no partition lands in DEFAULT, and moves to the month's partition when made", async () => {
    await eventAt("old-1", "2019-03-10T08:00:00Z");
    await eventAt("old-2", "2019-03-31T23:59:59.999Z");
    await eventAt("april", "2019-04-01T00:00:00Z");
    await sealAuditEvents(prisma);
    const before = await verifyAuditChain(prisma);
    expect(await partitionOf("old-1")).toBe("audit_events_default");

    expect(await createAuditPartitions(databaseUrl, ["2019-03"])).toEqual(["audit_events_y2019m03"]);

    expect(await partitionOf("old-1")).toBe("audit_events_y2019m03");
    expect(await partitionOf("old-2")).toBe("audit_events_y2019m03");
    expect(await partitionOf("april")).toBe("audit_events_default");
    // Moved with their hashes: the chain is the same chain.
    expect(await verifyAuditChain(prisma)).toEqual(before);
    expect(before.firstBroken).toBeNull();
    // And the new partition refuses changes like every other.
    await expect(prisma.$executeRawUnsafe(`DELETE FROM audit_events_y2019m03`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe(`TRUNCATE audit_events_y2019m03`)).rejects.toThrow(/append-only/);
  });
});

describe("archiving old months", () => {
  it("writes the month to a file that verifies, drops its partition, and the chain still verifies", async () => {
    await createAuditPartitions(databaseUrl, ["2019-04", "2019-05"]);
    await eventAt("may", "2019-05-02T10:00:00Z");
    await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "recent" });
    await sealAuditEvents(prisma);
    const whole = await verifyAuditChain(prisma);

    const manifests = await archiveAuditMonths(databaseUrl, "2019-05", folder);

    expect(manifests.map((m) => [m.partition, m.events])).toEqual([
      ["audit_events_y2019m03", 2],
      ["audit_events_y2019m04", 1],
    ]);
    expect((await readdir(folder)).sort()).toEqual([
      "audit_events_y2019m03.jsonl",
      "audit_events_y2019m03.manifest.json",
      "audit_events_y2019m04.jsonl",
      "audit_events_y2019m04.manifest.json",
    ]);
    for (const m of manifests) {
      expect(await verifyArchiveFile(path.join(folder, `${m.partition}.manifest.json`))).toBe(m.events);
    }
    const tables = await prisma.$queryRaw<{ name: string }[]>`
      SELECT relname AS name FROM pg_class WHERE relname IN ('audit_events_y2019m03', 'audit_events_y2019m04')`;
    expect(tables).toEqual([]);
    expect(await prisma.auditEvent.count({ where: { entityId: { in: ["old-1", "old-2", "april"] } } })).toBe(
      0,
    );
    expect(await prisma.auditArchive.count()).toBeGreaterThanOrEqual(2);

    const remaining = await verifyAuditChain(prisma);
    expect(remaining).toMatchObject({ archived: 3, checked: whole.checked - 3, firstBroken: null });
    expect(remaining.head).toBe(whole.head);

    await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "after-archive" });
    await sealAuditEvents(prisma);
    expect(await verifyAuditChain(prisma)).toMatchObject({ archived: 3, unsealed: 0, firstBroken: null });
  });

  it("a changed archive file no longer verifies", async () => {
    const file = path.join(folder, "audit_events_y2019m04.jsonl");
    await writeFile(file, (await readFile(file, "utf8")).replace("april", "APRIL"));
    await expect(verifyArchiveFile(path.join(folder, "audit_events_y2019m04.manifest.json"))).rejects.toThrow(
      /SHA-256/,
    );
  });

  it("refuses while DEFAULT holds events of the months to archive, and refuses a malformed month", async () => {
    await eventAt("stray", "2018-06-01T00:00:00Z");
    await expect(archiveAuditMonths(databaseUrl, "2019-01", folder)).rejects.toThrow(/audit:partitions/);
    await expect(archiveAuditMonths(databaseUrl, "2019-13", folder)).rejects.toThrow(/YYYY-MM/);
  });
});
