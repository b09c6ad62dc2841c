// Proves the audit log is tamper-evident: every insert is written unsealed, whatever hash the writer
// sends, and the sealer (src/audit/sealer.ts, SQL audit_seal) chains them; concurrent writers on
// many connections and concurrent sealers never fork the chain; the only UPDATE the database lets
// through is sealing an unsealed event once, onto the chain's head; and the verifier
// (src/audit/chain.ts, CLI `audit:verify`) names the one event in 10,000 whose field, hash or link
// was changed by one byte, or that was removed, even by a superuser who switched the append-only
// triggers off. Existing events keep the chain the older migration gave them. (The app's connection
// cannot UPDATE, DELETE or TRUNCATE audit events: src/audit/audit-log.int.test.ts.)
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../audit/audit-log";
import { GENESIS_HASH, verifyAuditChain } from "../audit/chain";
import { monthsFrom, partitionName } from "../audit/partitions";
import { sealAuditEvents } from "../audit/sealer";
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

/** Runs SQL as the superuser with every user trigger (append-only and sealing) switched off. */
async function asSuperuserWithoutTriggers(sql: string, ...values: unknown[]) {
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER USER`),
    prisma.$executeRawUnsafe(sql, ...values),
    prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER USER`),
  ]);
}

/** The id of the event at a chain position (1 = the first sealed event). */
async function idAt(position: number): Promise<bigint> {
  const [row] = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq OFFSET ${position - 1} LIMIT 1`;
  return row!.id;
}

async function countEvents() {
  return prisma.auditEvent.count();
}

describe("ten thousand chained events", () => {
  let targetId: bigint;
  let total: number;

  beforeAll(async () => {
    // Through the ORM in batches: each batch is one multi-row INSERT; then sealed as the sealer would.
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
    await sealAuditEvents(prisma);
    total = await countEvents();
    targetId = await idAt(TARGET);
  }, 120_000);

  it("verify as intact, end to end", async () => {
    expect(total).toBeGreaterThanOrEqual(EVENTS);
    const report = await verifyAuditChain(prisma);
    expect(report).toMatchObject({ checked: total, unsealed: 0, archived: 0, firstBroken: null });
    const [last] = await prisma.$queryRaw<{ hash: Uint8Array }[]>`
      SELECT hash FROM audit_events ORDER BY chain_seq DESC NULLS LAST LIMIT 1`;
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

  it("removing the newest sealed event shows against the sealer's recorded head", async () => {
    const kept = (await verifyAuditChain(prisma)).head;
    const lastId = await idAt(total);
    const [saved] = await prisma.$queryRaw<{ row: object }[]>`
      SELECT to_jsonb(e) AS row FROM audit_events e WHERE id = ${lastId}`;
    await asSuperuserWithoutTriggers(`DELETE FROM audit_events WHERE id = $1`, lastId);

    const report = await verifyAuditChain(prisma);
    expect(report.firstBroken).toEqual({ id: (await idAt(total - 1)).toString(), reason: "head" });
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
    expect(command.stdout).toContain(`first broken link: event ${targetId} was changed after it was sealed`);

    await restore(targetId, saved!.row);
    expect(await runVerifyCommand()).toMatchObject({
      code: 0,
      stdout:
        `audit events checked: ${total}\n` +
        "archived (stepped over): 0\n" +
        "not sealed yet: 0\n" +
        "first broken link: none; chain head " +
        (await verifyAuditChain(prisma)).head +
        "\n",
    });
  }, 120_000);
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

describe("writing and sealing", () => {
  it("an insert is unsealed whatever hash or link the writer sends, and sealing chains it", async () => {
    const forged = Buffer.alloc(32, 0xab);
    const row = await prisma.auditEvent.create({
      data: { action: "auth.login", outcome: "success", chainSeq: 1n, prevHash: forged, hash: forged },
    });
    expect(row).toMatchObject({ chainSeq: null, prevHash: null, hash: null });
    expect((await verifyAuditChain(prisma)).unsealed).toBe(1);

    await sealAuditEvents(prisma);
    const sealed = await prisma.auditEvent.findFirstOrThrow({ where: { id: row.id } });
    expect(sealed.hash).toHaveLength(32);
    expect(Buffer.from(sealed.hash!).equals(forged)).toBe(false);
    expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
  });

  it("writers on twenty connections insert at once while two sealers race, and the chain never forks", async () => {
    const before = await countEvents();
    // Half the writers wait for connections the other half hold open: a loaded machine can take
    // longer than the pool's default wait for that.
    const wide = createPrismaClient(databaseUrl, 20, { poolTimeoutMs: 60_000 });
    const sealers = [createPrismaClient(databaseUrl, 1), createPrismaClient(databaseUrl, 1)];
    let writing = true;
    const sealing = sealers.map(async (sealer) => {
      let rounds = 0;
      while (writing || rounds === 0) {
        await sealAuditEvents(sealer, { batchSize: 7 });
        rounds += 1;
      }
    });
    // Every writer holds its transaction open until all of them have inserted: with a lock on the
    // write path (as the old chain trigger had) this would never finish.
    let inserted = 0;
    let allInserted!: () => void;
    const allIn = new Promise<void>((resolve) => (allInserted = resolve));
    const writers = Array.from({ length: 40 }, (_, w) =>
      wide
        .$transaction(
          async (tx) => {
            for (let i = 0; i < 5; i += 1) {
              await recordAudit(tx, noContext, { action: "client.viewed", entityId: `w${w}-${i}` });
            }
            inserted += 1;
            if (inserted === 20) allInserted();
            if (w < 20) await allIn;
            // Every fourth writer fails after appending: its events must vanish without a trace.
            if (w % 4 === 3) throw new Error("rolled back on purpose");
          },
          { maxWait: 60_000, timeout: 60_000 },
        )
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
    );
    const outcomes = await Promise.all(writers).finally(() => wide.$disconnect());
    writing = false;
    await Promise.all(sealing).finally(() => Promise.all(sealers.map((s) => s.$disconnect())));
    await sealAuditEvents(prisma);

    expect(
      outcomes.filter((o) => o === "rolled back on purpose"),
      outcomes.join("; "),
    ).toHaveLength(10);
    expect(await countEvents()).toBe(before + 30 * 5);
    const forks = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT prev_hash FROM audit_events GROUP BY prev_hash HAVING count(*) > 1) f`;
    expect(forks[0]!.n).toBe(0n);
    expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
  });

  it("an event whose transaction commits after later ids were sealed is sealed in the next batch", async () => {
    const late = createPrismaClient(databaseUrl, 1);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wroteIt = new Promise<void>((resolve) => (written = resolve));
      const slow = late.$transaction(async (tx) => {
        await recordAudit(tx, noContext, { action: "client.viewed", entityId: "late" });
        written();
        await held;
      });
      await wroteIt;
      await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "early" });
      await sealAuditEvents(prisma);
      expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
      release();
      await slow;

      await sealAuditEvents(prisma);
      const order = await prisma.auditEvent.findMany({
        where: { entityId: { in: ["late", "early"] } },
        orderBy: { chainSeq: "asc" },
      });
      expect(order.map((e) => e.entityId)).toEqual(["early", "late"]);
      expect(order[0]!.id).toBeGreaterThan(order[1]!.id);
      expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
    } finally {
      await late.$disconnect();
    }
  });

  it("an append under REPEATABLE READ is fine (no chain work at insert); sealing is READ COMMITTED only", async () => {
    await prisma.$transaction((tx) => recordAudit(tx, noContext, { action: "client.viewed" }), {
      isolationLevel: "RepeatableRead",
    });
    await expect(
      prisma.$transaction((tx) => sealAuditEvents(tx), { isolationLevel: "RepeatableRead" }),
    ).rejects.toThrow(/READ COMMITTED only/);
    await sealAuditEvents(prisma);
    expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
  });

  it("the rule is the chain, checked per statement: one hand-written UPDATE may seal several events in order", async () => {
    await sealAuditEvents(prisma);
    for (const entityId of ["first", "second", "third"]) {
      await recordAudit(prisma, noContext, { action: "client.viewed", entityId });
    }
    const [head] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM audit_chain_head`;

    const sealed = await prisma.$executeRawUnsafe(`
      WITH RECURSIVE todo AS (
        SELECT e, row_number() OVER (ORDER BY id) AS n FROM audit_events e WHERE chain_seq IS NULL
      ), chain AS (
        SELECT t.n, h.seq + 1 AS seq, h.hash AS prev, (t.e).id AS id,
               sha256(h.hash || convert_to(audit_event_payload(t.e), 'UTF8')) AS hash
          FROM todo t, audit_chain_head h WHERE t.n = 1
        UNION ALL
        SELECT t.n, c.seq + 1, c.hash, (t.e).id, sha256(c.hash || convert_to(audit_event_payload(t.e), 'UTF8'))
          FROM chain c JOIN todo t ON t.n = c.n + 1
      )
      UPDATE audit_events a SET chain_seq = c.seq, prev_hash = c.prev, hash = c.hash
        FROM chain c WHERE a.id = c.id`);

    expect(sealed).toBe(3);
    const [after] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM audit_chain_head`;
    expect(after!.seq).toBe(head!.seq + 3n);
    expect(await verifyAuditChain(prisma)).toMatchObject({ unsealed: 0, firstBroken: null });
  });
});

describe("the only UPDATE allowed is sealing, once, onto the head", () => {
  // Moving an event to another month is a DELETE from its partition, refused as such.
  const refused = /append-only: (UPDATE|DELETE) refused|moves only by sealing/;

  it.each([
    ["a sealed event's content", `UPDATE audit_events SET action = 'x' WHERE chain_seq IS NOT NULL`],
    ["a sealed event's hash", `UPDATE audit_events SET hash = sha256(hash) WHERE chain_seq IS NOT NULL`],
    ["unsealing", `UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL`],
    ["an unsealed event's content", `UPDATE audit_events SET entity_id = 'x' WHERE chain_seq IS NULL`],
    [
      "sealing with a hash that is not the formula's",
      `UPDATE audit_events SET chain_seq = (SELECT seq + 1 FROM audit_chain_head),
              prev_hash = (SELECT hash FROM audit_chain_head), hash = sha256('x')
        WHERE chain_seq IS NULL`,
    ],
    [
      "sealing away from the head",
      `UPDATE audit_events e SET chain_seq = h.seq + 5, prev_hash = h.hash,
              hash = sha256(h.hash || convert_to(audit_event_payload(e), 'UTF8'))
         FROM audit_chain_head h WHERE e.chain_seq IS NULL`,
    ],
    [
      // Two events, both linked to the head: the second skips the first.
      "a seal whose second event skips the first",
      `UPDATE audit_events e SET chain_seq = h.seq + r.n, prev_hash = h.hash,
              hash = sha256(h.hash || convert_to(audit_event_payload(e), 'UTF8'))
         FROM audit_chain_head h,
              (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_events WHERE chain_seq IS NULL) r
        WHERE e.id = r.id`,
    ],
    [
      "moving an unsealed event to another month",
      `UPDATE audit_events SET occurred_at = occurred_at - interval '3 months' WHERE chain_seq IS NULL`,
    ],
    ["moving the head", `UPDATE audit_chain_head SET seq = seq - 1`],
    ["deleting an event", `DELETE FROM audit_events WHERE chain_seq IS NULL`],
    ["deleting from this month's partition", `DELETE FROM ${partitionName(monthsFrom(new Date(), 1)[0]!)}`],
    ["truncating the default partition", `TRUNCATE audit_events_default`],
    ["deleting the head", `DELETE FROM audit_chain_head`],
  ])("the database refuses %s", async (_what, sql) => {
    await sealAuditEvents(prisma); // the head exists, and only the two events below are unsealed
    await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "unsealed" });
    await recordAudit(prisma, noContext, { action: "client.viewed", entityId: "unsealed too" });
    const before = await prisma.$queryRaw<{ rows: string }[]>`
      SELECT (SELECT string_agg(to_jsonb(e)::text, ',' ORDER BY id) FROM audit_events e)
          || (SELECT to_jsonb(h)::text FROM audit_chain_head h) AS rows`;

    await expect(prisma.$executeRawUnsafe(sql)).rejects.toThrow(
      sql.startsWith("UPDATE") ? refused : /append-only|refused/,
    );

    const after = await prisma.$queryRaw<{ rows: string }[]>`
      SELECT (SELECT string_agg(to_jsonb(e)::text, ',' ORDER BY id) FROM audit_events e)
          || (SELECT to_jsonb(h)::text FROM audit_chain_head h) AS rows`;
    expect(after).toEqual(before);
  });
});

describe("the migrations keep the chain of the events written before them", () => {
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

  const [first] = await legacy.$queryRaw<{ prev_hash: Uint8Array; chain_seq: bigint }[]>`
      SELECT prev_hash, chain_seq FROM audit_events ORDER BY id LIMIT 1`;
  expect(Buffer.from(first!.prev_hash).equals(GENESIS_HASH)).toBe(true);
  expect(first!.chain_seq).toBe(1n);
  expect(await verifyAuditChain(legacy)).toMatchObject({ checked: 50, unsealed: 0, firstBroken: null });

  await recordAudit(legacy, noContext, { action: "client.viewed", entityId: "after" });
  expect(await verifyAuditChain(legacy)).toMatchObject({ checked: 50, unsealed: 1, firstBroken: null });
  await sealAuditEvents(legacy);
  expect(await verifyAuditChain(legacy)).toMatchObject({ checked: 51, unsealed: 0, firstBroken: null });
}
