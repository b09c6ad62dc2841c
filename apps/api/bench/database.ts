// The benchmark's database: a database of its own on an existing server or an embedded PostgreSQL,
// and the app's Prisma client on a pool that counts (and optionally profiles) SQL statements.
import { PrismaPg } from "@prisma/adapter-pg";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { PrismaClient } from "../src/generated/prisma/client";
import { adminQuery, freePort, quoteIdent } from "../test/helpers/test-cluster";
import { POOL } from "./knobs";

interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function startDatabase(): Promise<BenchDatabase> {
  const name = `ipt_bench_${randomBytes(5).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let adminUrl: string;
  let stopServer = async () => {};
  if (external) {
    // Someone's server: only the database created here is written to, and it is dropped at the end.
    adminUrl = external;
  } else {
    const parent = await mkdtemp(path.join(os.tmpdir(), "ipt-bench-pg-"));
    // PostgreSQL runs as the `postgres` user when we are root (see test/helpers/test-cluster.ts).
    await chmod(parent, 0o755);
    const cluster = await startEmbeddedPostgres({
      dataDir: path.join(parent, "data"),
      port: await freePort(),
      persistent: false,
    });
    adminUrl = cluster.urlFor("postgres");
    stopServer = () => cluster.stop();
  }
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(
        (error: unknown) => console.error(`could not drop ${name}:`, error),
      );
      await stopServer();
    },
  };
}

/**
 * The app's Prisma client (as db/prisma.ts builds it) on a pool whose connections count statements.
 * With BENCH_SQL_PROFILE=1 the time of each statement (sent to answer) is summed by SQL text.
 */
export function countingPrisma(url: string) {
  const counter = { statements: 0 };
  const profile = new Map<string, { count: number; ms: number }>();
  const profiling = process.env.BENCH_SQL_PROFILE === "1";
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  // A connection ended by the database dropping (at the end) must not crash the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      counter.statements += 1;
      const result = query(...args);
      if (profiling && result instanceof Promise) {
        const first = args[0];
        const sql = typeof first === "string" ? first : String((first as { text?: string }).text);
        const started = performance.now();
        void result
          .finally(() => {
            const entry = profile.get(sql) ?? { count: 0, ms: 0 };
            entry.count += 1;
            entry.ms += performance.now() - started;
            profile.set(sql, entry);
          })
          .catch(() => {});
      }
      return result;
    };
  });
  const printProfile = () => {
    if (!profiling) return;
    const top = [...profile.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
    for (const [sql, { count, ms }] of top) {
      console.log(
        `${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× ${(ms / count).toFixed(2).padStart(7)} ms  ${sql.replace(/\s+/g, " ").slice(0, 400)}`,
      );
    }
  };
  const resetProfile = () => profile.clear();
  return {
    prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
    pool,
    counter,
    printProfile,
    resetProfile,
  };
}
