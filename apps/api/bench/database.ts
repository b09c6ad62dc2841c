// The benchmark's database: a database of its own on an existing server or an embedded PostgreSQL,
// and the app's Prisma client on a pool that counts (and optionally profiles) SQL statements.
import { PrismaPg } from "@prisma/adapter-pg";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { statementNames } from "../src/db/prisma";
import { PrismaClient } from "../src/generated/prisma/client";
import { adminQuery, freePort, quoteIdent } from "../test/helpers/test-cluster";
import { statementLog } from "../test/helpers/statement-log";
import { POOL } from "./knobs";

interface BenchDatabase {
  url: string;
  /** CPU the server has used for this database so far, in ms; null unless it is our embedded cluster. */
  serverCpuMs: () => number | null;
  drop(): Promise<void>;
}

/**
 * CPU used by the server's backends for one database, in ms, as a running total: user + system time of
 * the postmaster's children whose command line names the database (the pool's connections, which stay
 * open for the whole run; not autovacuum or the checkpointer), read from /proc at 100 ticks a second.
 * Each call adds what every such process used since the last call, so a process that ends is no
 * reason for the total to drop.
 */
function backendCpuMs(dataDir: string, database: string): () => number {
  const seen = new Map<number, number>();
  let totalTicks = 0;
  return () => {
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      let stat: string;
      let commandLine: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      } catch {
        continue; // ended meanwhile
      }
      // Fields after "(comm) ": state, ppid, ..., utime (14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== postmaster || !commandLine.includes(` ${database} `)) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      totalTicks += ticks - (seen.get(pid) ?? 0);
      seen.set(pid, ticks);
    }
    return totalTicks * 10;
  };
}

export async function startDatabase(): Promise<BenchDatabase> {
  const name = `ipt_bench_${randomBytes(5).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let adminUrl: string;
  let stopServer = async () => {};
  let serverCpuMs = (): number | null => null;
  if (external) {
    // Someone's server: only the database created here is written to, and it is dropped at the end.
    adminUrl = external;
  } else {
    const parent = await mkdtemp(path.join(os.tmpdir(), "ipt-bench-pg-"));
    // PostgreSQL runs as the `postgres` user when we are root (see test/helpers/test-cluster.ts).
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, "data");
    const cluster = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: false,
      // Room for the 100k-client database (--scale): its bulk load and index builds, and its working
      // set in memory (the shared machine has 24 GiB). Crash safety stays on: commits cost what they would.
      settings: {
        shared_buffers: "1GB",
        maintenance_work_mem: "512MB",
        max_wal_size: "8GB",
        checkpoint_timeout: "30min",
      },
    });
    adminUrl = cluster.urlFor("postgres");
    // The cluster deletes its data folder; the temporary folder (and the password file) go too.
    stopServer = async () => {
      await cluster.stop();
      await rm(parent, { recursive: true, force: true });
    };
    // /proc is Linux's; elsewhere the column stays empty.
    if (process.platform === "linux") serverCpuMs = backendCpuMs(dataDir, name);
  }
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    serverCpuMs,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(
        (error: unknown) => console.error(`could not drop ${name}:`, error),
      );
      await stopServer();
    },
  };
}

/**
 * The app's Prisma client (as db/prisma.ts builds it, its statements prepared alike) on a pool whose
 * connections count statements and round trips and capture them on demand
 * (test/helpers/statement-log.ts).
 * With BENCH_SQL_PROFILE=1 the time of each statement (sent to answer) is summed by SQL text.
 */
export function countingPrisma(url: string) {
  const log = statementLog();
  const profile = new Map<string, { count: number; ms: number }>();
  const profiling = process.env.BENCH_SQL_PROFILE === "1";
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  // A connection ended by the database dropping (at the end) must not crash the process.
  pool.on("error", () => {});
  log.attach(pool);
  pool.on("connect", (client) => {
    if (!profiling) return;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const result = query(...args);
      if (result instanceof Promise) {
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
    prisma: new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementNames() }) }),
    pool,
    log,
    printProfile,
    resetProfile,
  };
}
