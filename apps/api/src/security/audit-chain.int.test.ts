// Proves the audit log is tamper-evident: every insert is hash-chained by the database (migration
// audit_hash_chain), whoever inserts and whatever hash they send; concurrent writers never fork the
// chain; and the verifier (src/audit/chain.ts, CLI `audit:verify`) names the one event in 10,000
// whose field, hash or link was changed by one byte, or that was removed, even by a superuser who
// switched the append-only triggers off. Existing events are chained by the migration itself.
// (The app's connection cannot UPDATE, DELETE or TRUNCATE audit events: src/audit/audit-log.int.test.ts.)
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../audit/audit-log";
import { GENESIS_HASH, verifyAuditChain } from "../audit/chain";
import { repoRoot } from "../config/config";
import { applyMigrations } from "../db/migrations";
import { createPrismaClient, type PrismaClient } from "../db/prisma";
import { createTestApp } from "../../test/helpers/app";
import { createEmptyDatabase } from "../../test/helpers/database";

const EVENTS = 10_000;
const BATCH = 1_000;
/** The event (by position in the chain) the tampering cases change. */
const TARGET = 7_331;

const { prisma, databaseUrl } = await createTestApp();
const noContext = { actorId: null, ip: "203.0.113.9", requestId: "req-chain" };

/** Runs SQL as the superuser with every user trigger (append-only and chain) switched off. */
async function asSuperuserWithoutTriggers(sql: string, ...values: unknown[]) {
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER USER`),
    prisma.$executeRawUnsafe(sql, ...values),
    prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER USER`),
  ]);
}

async function idAt(position: number): Promise<bigint> {
  const [row] = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM audit_events ORDER BY id OFFSET ${position - 1} LIMIT 1`;
  return row!.id;
}

async function countEvents() {
  return prisma.auditEvent.count();
}

describe("ten thousand chained events", () => {
  let targetId: bigint;
  let total: number;

  beforeAll(async () => {
    // Through the ORM in batches: each batch is one multi-row INSERT, chained row by row.
    for (let start = 0; start < EVENTS; start += BATCH) {
      await prisma.auditEvent.createMany({
        data: Array.from({ length: BATCH }, (_, i) => ({
          action: "client.viewed",
          outcome: "success" as const,
          entityType: "client",
          entityId: `00000000-0000-4000-8000-${String(start + i).padStart(12, "0")}`,
          ip: "198.51.100.7",
          requestId: `req-${start + i}`,
          details: { fields: ["displayName"], n: start + i },
        })),
      });
    }
    total = await countEvents();
    targetId = await idAt(TARGET);
  }, 120_000);

  it("verify as intact, end to end", async () => {
    expect(total).toBeGreaterThanOrEqual(EVENTS);
    const report = await verifyAuditChain(prisma);
    expect(report).toMatchObject({ checked: total, firstBroken: null });
    const [last] = await prisma.$queryRaw<{ hash: Uint8Array }[]>`
      SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`;
    expect(report.head).toBe(Buffer.from(last!.hash).toString("hex"));
  });

  const oneByteChanges: [string, string, "hash" | "link"][] = [
    ["a character of the action", `SET action = overlay(action placing 'X' from 3 for 1)`, "hash"],
    ["a character of the entity id", `SET entity_id = overlay(entity_id placing 'f' from 1 for 1)`, "hash"],
    ["a number in the details", `SET details = jsonb_set(details, '{n}', '0')`, "hash"],
    ["the actor label (was empty)", `SET actor_label = 'x'`, "hash"],
    ["the time, by one millisecond", `SET occurred_at = occurred_at + interval '1 millisecond'`, "hash"],
    ["one bit of its hash", `SET hash = set_byte(hash, 5, get_byte(hash, 5) # 1)`, "hash"],
    ["one bit of its link", `SET prev_hash = set_byte(prev_hash, 31, get_byte(prev_hash, 31) # 1)`, "link"],
  ];

  it.each(oneByteChanges)("changing %s names that event", async (_what, set, reason) => {
    const [saved] = await prisma.$queryRaw<{ row: object }[]>`
      SELECT to_jsonb(e) AS row FROM audit_events e WHERE id = ${targetId}`;
    await asSuperuserWithoutTriggers(`UPDATE audit_events ${set} WHERE id = $1`, targetId);

    expect(await verifyAuditChain(prisma)).toMatchObject({
      checked: TARGET,
      firstBroken: { id: targetId.toString(), reason },
    });

    await restore(targetId, saved!.row);
    expect((await verifyAuditChain(prisma)).firstBroken).toBeNull();
  });

  it("removing an event names the one after it", async () => {
    const [saved] = await prisma.$queryRaw<{ row: object }[]>`
      SELECT to_jsonb(e) AS row FROM audit_events e WHERE id = ${targetId}`;
    await asSuperuserWithoutTriggers(`DELETE FROM audit_events WHERE id = $1`, targetId);

    const next = await idAt(TARGET);
    expect(await verifyAuditChain(prisma)).toMatchObject({
      checked: TARGET,
      firstBroken: { id: next.toString(), reason: "link" },
    });

    await restore(targetId, saved!.row);
    expect((await verifyAuditChain(prisma)).firstBroken).toBeNull();
  });

  it("removing the newest event shows only against a head kept elsewhere", async () => {
    const kept = (await verifyAuditChain(prisma)).head;
    const lastId = await idAt(total);
    const [saved] = await prisma.$queryRaw<{ row: object }[]>`
      SELECT to_jsonb(e) AS row FROM audit_events e WHERE id = ${lastId}`;
    await asSuperuserWithoutTriggers(`DELETE FROM audit_events WHERE id = $1`, lastId);

    const report = await verifyAuditChain(prisma);
    expect(report.firstBroken).toBeNull();
    expect(report.head).not.toBe(kept);

    await restore(lastId, saved!.row);
    expect((await verifyAuditChain(prisma)).head).toBe(kept);
  });

  it("the audit:verify command prints the events checked and the first broken link", async () => {
    const [saved] = await prisma.$queryRaw<{ row: object }[]>`
      SELECT to_jsonb(e) AS row FROM audit_events e WHERE id = ${targetId}`;
    await asSuperuserWithoutTriggers(
      `UPDATE audit_events SET request_id = 'req-forged' WHERE id = $1`,
      targetId,
    );
    const command = await runVerifyCommand();
    expect(command.code, command.stdout).toBe(1);
    expect(command.stdout).toContain(`audit events checked: ${TARGET}\n`);
    expect(command.stdout).toContain(`first broken link: event ${targetId} was changed after it was written`);

    await restore(targetId, saved!.row);
    expect(await runVerifyCommand()).toMatchObject({
      code: 0,
      stdout:
        `audit events checked: ${total}\n` +
        "first broken link: none; chain head " +
        (await verifyAuditChain(prisma)).head +
        "\n",
    });
  }, 60_000);
});

/** Puts a saved row back exactly as it was (same id, fields and hashes). */
async function restore(id: bigint, row: object) {
  await asSuperuserWithoutTriggers(`DELETE FROM audit_events WHERE id = $1`, id);
  await asSuperuserWithoutTriggers(
    `INSERT INTO audit_events SELECT * FROM jsonb_populate_record(NULL::audit_events, $1::jsonb)`,
    JSON.stringify(row),
  );
}

async function runVerifyCommand(): Promise<{ code: number; stdout: string }> {
  const tsx = path.join(repoRoot, "apps", "api", "node_modules", ".bin", "tsx");
  try {
    const { stdout } = await promisify(execFile)(tsx, ["src/cli/audit-verify.ts"], {
      cwd: path.join(repoRoot, "apps", "api"),
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("the database chains every append", () => {
  it("whatever hash or link the writer sends", async () => {
    const forged = Buffer.alloc(32, 0xab);
    const row = await prisma.auditEvent.create({
      data: { action: "auth.login", outcome: "success", prevHash: forged, hash: forged },
    });
    expect(Buffer.from(row.hash).equals(forged)).toBe(false);
    expect(Buffer.from(row.prevHash).equals(forged)).toBe(false);
    expect(row.hash).toHaveLength(32);
  });

  it("concurrent writers never fork it, and rolled-back appends leave no hole", async () => {
    const before = await countEvents();
    const wide = createPrismaClient(databaseUrl, 20);
    const writers = Array.from({ length: 40 }, (_, w) =>
      wide
        .$transaction(
          async (tx) => {
            for (let i = 0; i < 5; i += 1) {
              await recordAudit(tx, noContext, { action: "client.viewed", entityId: `w${w}-${i}` });
            }
            // Every fourth writer fails after appending: its events must vanish without a trace.
            if (w % 4 === 3) throw new Error("rolled back on purpose");
          },
          // 40 writers queue on the chain's lock; on a loaded machine the last ones wait longer than
          // Prisma's 5 s default, which would fail them for a reason this test is not about.
          { maxWait: 60_000, timeout: 60_000 },
        )
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
    );
    const outcomes = await Promise.all(writers).finally(() => wide.$disconnect());

    expect(outcomes.filter((o) => o === "rolled back on purpose")).toHaveLength(10);
    expect(await countEvents()).toBe(before + 30 * 5);
    const forks = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT prev_hash FROM audit_events GROUP BY prev_hash HAVING count(*) > 1) f`;
    expect(forks[0]!.n).toBe(0n);
    expect((await verifyAuditChain(prisma)).firstBroken).toBeNull();
  });

  it("refuses an append under an isolation level that could fork it", async () => {
    await expect(
      prisma.$transaction((tx) => recordAudit(tx, noContext, { action: "client.viewed" }), {
        isolationLevel: "RepeatableRead",
      }),
    ).rejects.toThrow(/READ COMMITTED only/);
    expect((await verifyAuditChain(prisma)).firstBroken).toBeNull();
  });
});

describe("the migration chains the events written before it", () => {
  it("from the first event, and new events continue the chain", async () => {
    const migrationsDir = path.join(repoRoot, "prisma", "migrations");
    const names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const chainAt = names.findIndex((name) => name.endsWith("_audit_hash_chain"));
    expect(chainAt).toBeGreaterThan(0);
    const earlier = await mkdtemp(path.join(tmpdir(), "ipt-migrations-"));
    for (const name of names.slice(0, chainAt)) {
      await cp(path.join(migrationsDir, name), path.join(earlier, name), { recursive: true });
    }
    const db = await createEmptyDatabase();
    await applyMigrations(db.url, earlier).finally(() => rm(earlier, { recursive: true, force: true }));
    const legacy = createPrismaClient(db.url, 1);
    try {
      await chainedByTheMigration(legacy, db.url, migrationsDir);
    } finally {
      await legacy.$disconnect();
    }
  });
});

async function chainedByTheMigration(legacy: PrismaClient, url: string, migrationsDir: string) {
  await legacy.$executeRawUnsafe(
    `INSERT INTO audit_events (action, outcome, entity_id, details)
       SELECT 'client.viewed', 'success', 'legacy-' || g, jsonb_build_object('n', g)
       FROM generate_series(1, 50) g`,
  );
  await applyMigrations(url, migrationsDir);

  const [first] = await legacy.$queryRaw<{ prev_hash: Uint8Array }[]>`
      SELECT prev_hash FROM audit_events ORDER BY id LIMIT 1`;
  expect(Buffer.from(first!.prev_hash).equals(GENESIS_HASH)).toBe(true);
  expect(await verifyAuditChain(legacy)).toMatchObject({ checked: 50, firstBroken: null });

  await recordAudit(legacy, noContext, { action: "client.viewed", entityId: "after" });
  expect(await verifyAuditChain(legacy)).toMatchObject({ checked: 51, firstBroken: null });
}
