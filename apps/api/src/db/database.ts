// Chooses the PostgreSQL the app uses: DATABASE_URL when set, otherwise an embedded cluster whose
// data lives in a git-ignored folder and survives restarts.
import pg from "pg";
import type { Config } from "../config/config";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface Database {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = "ipt_planner";

export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "EMBEDDED_PG_DIR" | "EMBEDDED_PG_PORT">,
  log: (message: string) => void,
): Promise<Database> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, embedded: false, close: async () => {} };
  }
  log(`Starting embedded PostgreSQL (data in ${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`);
  const cluster = await startEmbeddedPostgres({
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    persistent: true,
  });
  await createDatabaseIfMissing(cluster.urlFor("postgres"), EMBEDDED_DATABASE_NAME);
  return { url: cluster.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, close: () => cluster.stop() };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
