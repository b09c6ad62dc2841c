// The audit log at scale (issue 16): an audited client read against the same read without its audit
// INSERT, on a big audit table, with the API's sealer running. Prints both rates, their ratio and
// the median time of one read, and whether the target (≥ 0.8) is met at every level of concurrency.
//
//   pnpm --filter @ipt/api bench:audit
//
// Raw `pg` clients (no HTTP, no Prisma: the figure is the database's cost of the audit insert), each
// looping over one invented client's read as the app sends it (GET /api/clients/:clientId): the
// session (login_sessions joined to users), then the client (by id and therapist) with its courses
// in one statement. The audited read sends its audit row at the same time as that statement, as the
// app does (src/clinical/clients/clients-service.ts): handed to the group-commit writer the app uses
// (src/audit/group-commit.ts, one multi-row AUDIT_INSERT_SQL per batch, prepared, on a connection
// of its own), the INSERT deciding viewed or denied from the same ownership predicate; it waits for
// both the data and its batch's durable commit and checks that they agree, as a request does before
// it is answered.
//
// BENCH_AUDIT_CONNECTIONS ("20,40") clients at once, one level after another: at 20 (the HTTP
// benchmarks' figure) an audited read also waits for its batch's WAL flush, so that level measures
// some latency as well as cost; at 40 both kinds keep the CPUs busy (more only adds contention on
// 2 cores).
// At each level runs alternate, plain then audited, BENCH_AUDIT_ROUNDS (3) times of
// BENCH_AUDIT_SECONDS (10) each, and the ratio is of the medians. The audit table is first filled
// with BENCH_AUDIT_ROWS (2,000,000) events by one generate_series INSERT over the last 90 days
// (with stand-in hashes, written with triggers off: the database is thrown away), and the sealer
// (audit_seal every second, as src/audit/sealer.ts) chains the new events during the audited runs.
// Uses DATABASE_URL / TEST_DATABASE_URL's server if set (a database of its own, dropped at the end),
// else an embedded PostgreSQL in a temporary folder.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { repoRoot } from "../src/config/config";
import { applyMigrations } from "../src/db/migrations";
import { auditInsertParams, auditRow, type AuditRow } from "../src/audit/audit-log";
import { GroupCommit } from "../src/audit/group-commit";
import { startAuditSealer } from "../src/audit/sealer";
import { createPrismaClient } from "../src/db/prisma";
import { startDatabase } from "./database";
import { PREPARED_AUDIT_INSERT } from "./raw-floor";

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
/** Clients reading at once, one run per level: 20 as the HTTP benchmarks, 40 to keep the CPUs busy. */
const LEVELS = (process.env.BENCH_AUDIT_CONNECTIONS ?? "20,40").split(",").map((level) => {
  const value = Number(level);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error("BENCH_AUDIT_CONNECTIONS must be positive whole numbers, comma-separated");
  }
  return value;
});
const SECONDS = knob("BENCH_AUDIT_SECONDS", 10);
const ROUNDS = knob("BENCH_AUDIT_ROUNDS", 3);
const ROWS = knob("BENCH_AUDIT_ROWS", 2_000_000);
const CLIENTS = 1_000;
const TARGET = 0.8;

const SEED = `
  INSERT INTO users (id, email, name, role, password_hash, updated_at)
    SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'bench-' || g || '@example.test',
           'Bench therapist ' || g, 'therapist', 'x', now()
    FROM generate_series(1, 50) g;
  INSERT INTO login_sessions (token_hash, user_id, csrf_token, expires_at)
    SELECT 'token-' || g, ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'csrf', now() + interval '1 day'
    FROM generate_series(1, 50) g;
  INSERT INTO clients (id, therapist_id, display_name, referral_reason, updated_at)
    SELECT ('10000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
           ('00000000-0000-4000-8000-' || lpad((1 + g % 50)::text, 12, '0'))::uuid,
           'Invented client ' || g, 'Invented: low mood.', now()
    FROM generate_series(1, ${CLIENTS}) g;
  INSERT INTO courses (id, client_id, sequence, format, lineage, planned_sessions, start_date, session_minutes, updated_at)
    SELECT gen_random_uuid(), id, 1, 'standard', 'weissman', 12, '2026-01-05', 50, now() FROM clients;`;

/** The big audit table: ROWS events, sealed-looking (chain_seq 1…N, stand-in hashes), head at N. */
const FILL = `
  SET session_replication_role = replica;
  INSERT INTO audit_events (occurred_at, actor_id, action, entity_type, entity_id, outcome, ip, request_id,
                            details, chain_seq, prev_hash, hash)
    SELECT now() - (${ROWS} - g) * (interval '90 days' / ${ROWS}),
           ('00000000-0000-4000-8000-' || lpad((1 + g % 50)::text, 12, '0'))::uuid,
           'client.viewed', 'client', ('10000000-0000-4000-8000-' || lpad((1 + g % ${CLIENTS})::text, 12, '0')),
           'success', '198.51.100.7', 'req-' || g, '{"fields":["displayName"]}'::jsonb,
           g, sha256(int8send(g - 1)), sha256(int8send(g))
    FROM generate_series(1, ${ROWS}) g;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, ${ROWS}, sha256(int8send(${ROWS}::bigint)));
  SET session_replication_role = DEFAULT;
  ANALYZE;`;

const READ_SESSION = `SELECT s.user_id, s.csrf_token, u.role, u.active FROM login_sessions s
                       JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`;
// The client and its courses in one statement, ownership in the where (as the app's one joined read).
const READ_CLIENT = `SELECT c.*, COALESCE((SELECT json_agg(co ORDER BY co.sequence) FROM courses co
                                          WHERE co.client_id = c.id), '[]') AS courses
                       FROM clients c WHERE c.id = $1 AND c.therapist_id = $2`;
async function readOnce(client: pg.Client, n: number, audit: GroupCommit<AuditRow, string> | null) {
  const index = 1 + (n % CLIENTS);
  const therapist = `00000000-0000-4000-8000-${String(1 + (index % 50)).padStart(12, "0")}`;
  const clientId = `10000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  await client.query(READ_SESSION, [`token-${1 + (index % 50)}`]);
  const read = client.query(READ_CLIENT, [clientId, therapist]);
  if (!audit) {
    await read;
    return;
  }
  const row = auditRow(
    { actorId: therapist, ip: "198.51.100.7", requestId: `bench-${n}` },
    { action: "client.viewed", entityType: "client", entityId: clientId },
  );
  const [data, written] = await Promise.all([read, audit.add({ ...row, readOfClient: clientId })]);
  if (data.rowCount !== 1 || written !== "client.viewed") {
    throw new Error(`read and audit row disagree: ${data.rowCount} row(s), ${written}`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Reads per second, and the median time of one read, in ms. */
async function run(
  clients: pg.Client[],
  audit: GroupCommit<AuditRow, string> | null,
): Promise<{ rate: number; p50: number }> {
  const until = performance.now() + SECONDS * 1000;
  const times: number[] = [];
  await Promise.all(
    clients.map(async (client, c) => {
      for (let n = c; performance.now() < until; n += clients.length) {
        const started = performance.now();
        await readOnce(client, n, audit);
        times.push(performance.now() - started);
      }
    }),
  );
  return { rate: times.length / SECONDS, p50: median(times) };
}

const database = await startDatabase();
try {
  await applyMigrations(database.url, path.join(repoRoot, "prisma", "migrations"));
  const admin = new pg.Client({ connectionString: database.url });
  admin.on("error", () => {});
  await admin.connect();
  await admin.query(SEED);
  const started = performance.now();
  await admin.query(FILL);
  const fillSeconds = (performance.now() - started) / 1000;
  const { rows: size } = await admin.query<{ partitions: string; size: string }>(
    `SELECT count(*)::text AS partitions, pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size
       FROM pg_inherits WHERE inhparent = 'audit_events'::regclass`,
  );
  const { rows: events } = await admin.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_events`);
  console.log(
    `audit table: ${events[0]?.n} events in ${size[0]?.partitions} partitions, ${size[0]?.size} with indexes (filled in ${fillSeconds.toFixed(0)} s)`,
  );
  await admin.end();

  const clients = await Promise.all(
    Array.from({ length: Math.max(...LEVELS) }, async () => {
      const client = new pg.Client({ connectionString: database.url });
      client.on("error", () => {}); // dropped with the database at the end
      await client.connect();
      return client;
    }),
  );
  // The group-commit writer's connection (its writes go one at a time).
  const writerPool = new pg.Pool({ connectionString: database.url, max: 1 });
  writerPool.on("error", () => {});
  let statements = 0;
  let rowsWritten = 0;
  const writer = new GroupCommit<AuditRow, string>(async (rows) => {
    statements += 1;
    rowsWritten += rows.length;
    const written = await writerPool.query<{ action: string }>({
      ...PREPARED_AUDIT_INSERT,
      values: auditInsertParams(rows),
    });
    return written.rows.map((row) => row.action);
  });
  // The API's sealer, on a connection of its own, as every API process runs it.
  const sealerDb = createPrismaClient(database.url, 1);
  const sealer = startAuditSealer(sealerDb, {
    intervalMs: 1_000,
    onError: (error) => console.error("sealer:", error),
  });

  const results: string[] = [];
  let met = true;
  for (const level of LEVELS) {
    const readers = clients.slice(0, level);
    await run(readers, null); // warm-up, not counted
    const plain: { rate: number; p50: number }[] = [];
    const audited: { rate: number; p50: number }[] = [];
    statements = 0;
    rowsWritten = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const plainRun = await run(readers, null);
      const auditedRun = await run(readers, writer);
      plain.push(plainRun);
      audited.push(auditedRun);
      console.log(
        `${level} connections, round ${round}: plain ${plainRun.rate.toFixed(0)}/s, audited ${auditedRun.rate.toFixed(0)}/s`,
      );
    }
    const plainRate = median(plain.map((r) => r.rate));
    const auditedRate = median(audited.map((r) => r.rate));
    const ratio = auditedRate / plainRate;
    met &&= ratio >= TARGET;
    results.push(
      `${level} connections: plain ${plainRate.toFixed(0)} reads/s (p50 ${median(plain.map((r) => r.p50)).toFixed(1)} ms), ` +
        `audited ${auditedRate.toFixed(0)} reads/s (p50 ${median(audited.map((r) => r.p50)).toFixed(1)} ms), ` +
        `${(rowsWritten / statements).toFixed(1)} rows per INSERT; audited / plain = ${ratio.toFixed(2)} ` +
        `(target ≥ ${TARGET}): ${ratio >= TARGET ? "MET" : "NOT MET"}`,
    );
  }
  await sealer.stop();
  const left = await sealerDb.auditEvent.count({ where: { chainSeq: null } });
  await sealerDb.$disconnect();
  await Promise.all(clients.map((client) => client.end()));
  await writerPool.end();

  console.log(
    `\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`${ROUNDS} rounds × ${SECONDS} s each way per level, interleaved; medians`);
  for (const line of results) console.log(line);
  console.log(`events left unsealed at the end: ${left} (the sealer runs every second)`);
  console.log(`target at every level: ${met ? "MET" : "NOT MET"}`);
  process.exitCode = met ? 0 : 1;
} finally {
  await database.drop();
}
