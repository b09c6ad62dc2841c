// An embedded PostgreSQL for one scenario, in a temporary folder on a free port, with a fresh
// database migrated the way the app migrates. Its data survives stopServer()/startServer(), so a
// scenario can take PostgreSQL away under a running API and bring it back on the same port.
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../../src/config/config";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../src/db/embedded-postgres";
import { applyMigrations } from "../../src/db/migrations";
import { adminQuery, freePort, quoteIdent, storeTestSignInSettings } from "../../test/helpers/test-cluster";
import { onCleanup, scenarioLogDir } from "./scenario";

export const MIGRATIONS_DIR = path.join(repoRoot, "prisma", "migrations");

export interface ResilienceDatabase {
  /** The app's database (superuser on this throwaway cluster), migrated. */
  url: string;
  /** The same server's `postgres` database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** The app database's name. */
  name: string;
  port: number;
  /** The cluster's data folder (PGDATA). */
  dataDir: string;
  /** Connection string for another database on the same server. */
  urlFor(database: string): string;
  /** A new database on the same server, migrated unless told otherwise; deleted with the cluster. */
  createDatabase(options?: { migrated?: boolean }): Promise<{ name: string; url: string }>;
  /** Stops PostgreSQL (a fast shutdown: open connections are cut); the data stays. */
  stopServer(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data. */
  startServer(): Promise<void>;
  isRunning(): boolean;
  /** Stops the server and deletes its folder. Also run automatically when the scenario ends. */
  stop(): Promise<void>;
}

export async function startDatabase(): Promise<ResilienceDatabase> {
  const parent = await mkdtemp(path.join(tmpdir(), "ipt-resilience-pg-"));
  // mkdtemp makes a 0700 folder; PostgreSQL runs as the `postgres` user when we are root.
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "data");
  const port = await freePort();
  const logFile = path.join(scenarioLogDir(), "postgres.log");
  const start = () =>
    // Persistent, so that stopping the server keeps the data; stop() deletes the folder itself.
    startEmbeddedPostgres({
      dataDir,
      port,
      persistent: true,
      onLog: (line) => appendFileSync(logFile, `${line}\n`),
    });

  let cluster: EmbeddedCluster | null = await start();
  // The same after a restart: same port, and the password is kept next to the data.
  const first = cluster;
  const urlFor = (database: string) => first.urlFor(database);
  const adminUrl = urlFor("postgres");

  const createDatabase = async ({ migrated = true } = {}) => {
    const name = `ipt_resilience_${randomBytes(5).toString("hex")}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
    if (migrated) {
      await applyMigrations(urlFor(name), MIGRATIONS_DIR);
      // The scenarios sign in with passwords: no second factor required (as the test template).
      await storeTestSignInSettings(urlFor(name));
    }
    return { name, url: urlFor(name) };
  };

  const main = await createDatabase();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await cluster?.stop();
    cluster = null;
    await rm(parent, { recursive: true, force: true });
  };
  onCleanup(stop);

  return {
    url: main.url,
    adminUrl,
    name: main.name,
    port,
    dataDir,
    urlFor,
    createDatabase,
    stopServer: async () => {
      await cluster?.stop();
      cluster = null;
    },
    startServer: async () => {
      if (cluster) return;
      cluster = await start();
    },
    isRunning: () => cluster !== null,
    stop,
  };
}
