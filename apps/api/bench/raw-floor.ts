// The raw-`pg` floor of an endpoint: the exact statements its requests sent (text and parameters,
// captured at the pool by test/helpers/statement-log.ts), replayed with a plain pg pool at the same
// concurrency, with no app, no Prisma and no JSON around them. What the app adds is the ratio of the
// two throughputs. Only for reads: a replayed write would run against versions that have moved on.
// The audit rows the app group-commits (src/audit/audit-log.ts) are group-committed here too, by
// the same GroupCommit over the raw pool: the floor batches what the app batches. A row the app sent
// beside its read (a client's record: the INSERT decides viewed or denied) is captured in the read's
// round trip and replayed there, so the floor overlaps them as the app does.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { AUDIT_INSERT_SQL } from "../src/audit/audit-log";
import { GroupCommit } from "../src/audit/group-commit";
import type { LoggedStatement } from "../test/helpers/statement-log";
import { CONCURRENCY, POOL, SECONDS, WARMUP_MS } from "./knobs";
import { percentile } from "./measure";

export interface RawResult {
  perSecond: number;
  p50: number;
  p99: number;
}

/** The audit INSERT as the raw floors send it: prepared, as the app's repeated statements are. */
export const PREPARED_AUDIT_INSERT = { name: "audit_insert", text: AUDIT_INSERT_SQL } as const;

/**
 * Sends one request's statements as the app did: the same round trips, statements of one round trip
 * at once. A connection that ran a transaction is held for the request (as Prisma holds it); every
 * other statement goes to whichever pool connection is free, as Prisma's do — holding one while
 * waiting for another would deadlock the pool at this concurrency.
 */
export async function replay(
  pool: pg.Pool,
  statements: readonly LoggedStatement[],
  audit: GroupCommit<unknown[]>,
): Promise<void> {
  const transactions = new Set(
    statements.filter((s) => /^\s*BEGIN\b/i.test(s.text)).map((s) => s.connection),
  );
  const held = new Map<number, Promise<pg.PoolClient>>();
  const send = (statement: LoggedStatement) => {
    // An audit insert outside a transaction went to the app's group commit: its rows go to ours.
    if (statement.text === AUDIT_INSERT_SQL && !transactions.has(statement.connection)) {
      return Promise.all(auditRowsOf(statement.values).map((row) => audit.add(row)));
    }
    // Prepared as the app prepared it (db/prisma.ts, statementNames): same name, same text.
    const query = {
      text: statement.text,
      values: statement.values,
      ...(statement.name ? { name: statement.name } : {}),
    };
    if (!transactions.has(statement.connection)) return pool.query(query);
    let client = held.get(statement.connection);
    if (!client) {
      client = pool.connect();
      held.set(statement.connection, client);
    }
    return client.then((c) => c.query(query));
  };
  const trips = new Map<number, LoggedStatement[]>();
  for (const statement of statements) {
    const trip = trips.get(statement.roundTrip);
    if (trip) trip.push(statement);
    else trips.set(statement.roundTrip, [statement]);
  }
  try {
    for (const trip of trips.values()) await Promise.all(trip.map(send));
  } finally {
    for (const client of held.values()) (await client).release();
  }
}

/** The rows of a captured AUDIT_INSERT_SQL: its parameters are one array per column. */
function auditRowsOf(values: unknown[] | undefined): unknown[][] {
  const columns = (values ?? []).map((column) => {
    if (!Array.isArray(column)) throw new Error("an audit insert's parameters should be arrays");
    return column as unknown[];
  });
  return (columns[0] ?? []).map((_, row) => columns.map((column) => column[row]));
}

/** Replays the captured requests in turn from CONCURRENCY workers for SECONDS (after a warm-up). */
export async function rawFloor(url: string, samples: readonly LoggedStatement[][]): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  pool.on("error", () => {});
  const audit = new GroupCommit<unknown[]>((rows) =>
    pool.query({
      ...PREPARED_AUDIT_INSERT,
      values: rows[0]?.map((_, column) => rows.map((row) => row[column])),
    }),
  );
  let turn = 0;
  const next = () => samples[turn++ % samples.length] ?? [];
  const run = (untilMs: number, latencies?: number[]) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < untilMs) {
          const started = performance.now();
          await replay(pool, next(), audit);
          latencies?.push(performance.now() - started);
        }
      }),
    );
  try {
    await run(performance.now() + WARMUP_MS);
    const latencies: number[] = [];
    const started = performance.now();
    await run(started + SECONDS * 1_000, latencies);
    const elapsed = (performance.now() - started) / 1_000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  } finally {
    await pool.end();
  }
}
