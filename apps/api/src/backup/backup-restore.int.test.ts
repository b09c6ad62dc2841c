// Backup and restore (src/backup): a database filled through the app's services and API is backed
// up, restored into a new empty database, and every table's row count and checksum match; the audit
// hash chain survives the restore intact; a changed byte in a table file or a changed checksum in the
// manifest fails verification and leaves no rows; a database with rows is refused.
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, signIn } from "../../test/helpers/app";
import { therapistWithCourse } from "../../test/helpers/clinical";
import { createEmptyDatabase } from "../../test/helpers/database";
import { verifyAuditChain } from "../audit/chain";
import { sealAuditEvents } from "../audit/sealer";
import { loadConfig } from "../config/config";
import { createPrismaClient } from "../db/prisma";
import { DEMO_PASSWORD, seedDemoAccounts } from "../seed/demo-accounts";
import { seedDemoCaseloads } from "../seed/demo-caseload";
import { backupDatabase } from "./backup";
import { fingerprint, listTables, readSequences, useCanonicalTextForm, type Fingerprint } from "./catalog";
import { MANIFEST_FILE, type BackupManifest } from "./manifest";
import { restoreDatabase, VerificationError } from "./restore";

const { app, prisma, databaseUrl } = await createTestApp();
const { MIGRATIONS_DIR } = loadConfig({});

// Every kind of record: the demo caseloads go through the same services the API calls; sign-ins
// and a course built over HTTP add sessions, idempotency keys and audit events.
const demoAccounts = await seedDemoAccounts(prisma);
await seedDemoCaseloads(prisma);
for (const account of demoAccounts) await signIn(app, account.email, DEMO_PASSWORD);
await therapistWithCourse(app, prisma, { phase: "middle" });

const work = await mkdtemp(path.join(tmpdir(), "ipt-backup-test-"));
afterAll(() => rm(work, { recursive: true, force: true }));

/** Row count and checksum of every table, and the sequences, read in one snapshot. */
async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await useCanonicalTextForm(client);
    const tables: Record<string, Fingerprint> = {};
    for (const table of await listTables(client)) tables[table.name] = await fingerprint(client, table);
    const sequences = await readSequences(client);
    await client.query("COMMIT");
    return { tables, sequences };
  } finally {
    await client.end();
  }
}

async function rowsIn(url: string): Promise<number> {
  const { tables } = await snapshot(url);
  return Object.values(tables).reduce((sum, table) => sum + table.rows, 0);
}

const folder = path.join(work, "backup");
const manifest: BackupManifest = await backupDatabase(databaseUrl, folder, MIGRATIONS_DIR);

async function copyOfBackup(name: string) {
  const copy = path.join(work, name);
  await cp(folder, copy, { recursive: true });
  return copy;
}

describe("backup and restore", () => {
  it("restores into a new database with every table's row count and checksum equal", async () => {
    const target = await createEmptyDatabase();
    const report = await restoreDatabase(folder, target.url);

    const source = await snapshot(databaseUrl);
    const restored = await snapshot(target.url);
    expect(Object.keys(restored.tables).sort()).toEqual(Object.keys(source.tables).sort());
    expect(restored.tables).toEqual(source.tables);
    expect(restored.sequences).toEqual(source.sequences);
    expect(report).toEqual({
      tables: Object.keys(source.tables).length,
      rows: Object.values(source.tables).reduce((sum, table) => sum + table.rows, 0),
    });
    // The backup covers real data, not empty tables.
    const filled = Object.entries(source.tables)
      .filter(([, table]) => table.rows > 0)
      .map(([name]) => name);
    for (const name of [
      "users",
      "clients",
      "courses",
      "therapy_sessions",
      "audit_events",
      "login_sessions",
    ]) {
      expect(filled).toContain(name);
    }
    expect(manifest.tables.map((table) => table.name).sort()).toEqual(Object.keys(source.tables).sort());
  });

  it("keeps the audit hash chain intact, and new events continue it after the restore", async () => {
    const target = await createEmptyDatabase();
    await restoreDatabase(path.join(folder, MANIFEST_FILE), target.url);
    const restoredPrisma = createPrismaClient(target.url, 1);
    try {
      const before = await verifyAuditChain(restoredPrisma);
      expect(before.firstBroken).toBeNull();
      expect(before.head).toEqual((await verifyAuditChain(prisma)).head);
      // The sealer and the id sequence work again on the restored copy.
      await restoredPrisma.auditEvent.create({
        data: {
          actorLabel: "restore-test",
          action: "restore.checked",
          entityType: "database",
          outcome: "success",
        },
      });
      await sealAuditEvents(restoredPrisma);
      const after = await verifyAuditChain(restoredPrisma);
      expect(after.firstBroken).toBeNull();
      expect(after.checked).toBe(before.checked + before.unsealed + 1);
      expect(after.unsealed).toBe(0);
    } finally {
      await restoredPrisma.$disconnect();
    }
  });

  it("refuses a database that has rows", async () => {
    await expect(restoreDatabase(folder, databaseUrl)).rejects.toThrow(/not empty/);
  });

  it("fails verification when one byte of a table file changed, before loading anything", async () => {
    const tampered = await copyOfBackup("one-byte");
    const table = manifest.tables.find((t) => t.name === "therapy_sessions")!;
    const file = path.join(tampered, table.file);
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    await writeFile(file, bytes);
    const target = await createEmptyDatabase();

    const failure = restoreDatabase(tampered, target.url);
    await expect(failure).rejects.toBeInstanceOf(VerificationError);
    await expect(failure).rejects.toThrow(/therapy_sessions\.copy: changed/);
    expect(await rowsIn(target.url)).toBe(0);
  });

  it("fails verification when a restored table does not match the manifest, and leaves no rows", async () => {
    const tampered = await copyOfBackup("manifest");
    const edited = JSON.parse(await readFile(path.join(tampered, MANIFEST_FILE), "utf8")) as BackupManifest;
    const clients = edited.tables.find((t) => t.name === "clients")!;
    clients.checksum = clients.checksum.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    await writeFile(path.join(tampered, MANIFEST_FILE), JSON.stringify(edited));
    const target = await createEmptyDatabase();

    const failure = restoreDatabase(tampered, target.url);
    await expect(failure).rejects.toBeInstanceOf(VerificationError);
    await expect(failure).rejects.toThrow(/clients: checksum/);
    expect(await rowsIn(target.url)).toBe(0);
  });

  it("writes owner-only files and refuses to back up into a folder that is not empty", async () => {
    const { mode } = await stat(path.join(folder, MANIFEST_FILE));
    expect(mode & 0o077).toBe(0);
    expect(await readdir(folder)).toEqual(expect.arrayContaining([MANIFEST_FILE, "tables", "migrations"]));
    await expect(backupDatabase(databaseUrl, folder, MIGRATIONS_DIR)).rejects.toThrow(/not empty/);
  });
});
