// Chooses the PostgreSQL the app uses: DATABASE_URL when set, otherwise an embedded cluster whose
// data lives in a git-ignored folder and survives restarts. Two connections: the owner's, for
// migrations, grants, backup and restore, and the app's, a role with no DDL rights (app-role.ts).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Config } from "../config/config";
import { EMBEDDED_APP_ROLE, ensureLoginRole, grantAppRights, roleOf } from "./app-role";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrations";

export interface Database {
  /** The app's connection: the least-privilege role (or DATABASE_URL as given). */
  url: string;
  /** The schema owner's connection: MIGRATION_DATABASE_URL, the embedded superuser, or else `url`. */
  ownerUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = "ipt_planner";

export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "MIGRATION_DATABASE_URL" | "EMBEDDED_PG_DIR" | "EMBEDDED_PG_PORT">,
  log: (message: string) => void,
): Promise<Database> {
  if (config.DATABASE_URL) {
    const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
    if (ownerUrl === config.DATABASE_URL) {
      log(
        "The app connects as the schema's owner: set MIGRATION_DATABASE_URL to run it with least privilege.",
      );
    }
    return { url: config.DATABASE_URL, ownerUrl, embedded: false, close: async () => {} };
  }
  log(`Starting embedded PostgreSQL (data in ${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`);
  const cluster = await startEmbeddedPostgres({
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    persistent: true,
  });
  await createDatabaseIfMissing(cluster.urlFor("postgres"), EMBEDDED_DATABASE_NAME);
  const password = await appRolePassword(config.EMBEDDED_PG_DIR);
  await ensureLoginRole(cluster.urlFor("postgres"), EMBEDDED_APP_ROLE, password);
  const ownerUrl = cluster.urlFor(EMBEDDED_DATABASE_NAME);
  const url = Object.assign(new URL(ownerUrl), {
    username: EMBEDDED_APP_ROLE,
    password, // base64url: nothing to escape
  }).toString();
  return { url, ownerUrl, embedded: true, close: () => cluster.stop() };
}

/** The embedded app role's password, kept beside the data folder like the superuser's. */
async function appRolePassword(dataDir: string): Promise<string> {
  const file = `${path.resolve(dataDir)}.app-password`;
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * Brings the schema up to date as its owner (when `migrate`), then gives the app's role its rights
 * again, so tables a migration added are covered. Returns the migrations applied.
 */
export async function prepareSchema(
  database: Pick<Database, "url" | "ownerUrl">,
  migrationsDir: string,
  migrate: boolean,
): Promise<string[]> {
  const applied = migrate ? await applyMigrations(database.ownerUrl, migrationsDir) : [];
  const appRole = roleOf(database.url);
  if (appRole !== roleOf(database.ownerUrl)) await grantAppRights(database.ownerUrl, appRole);
  return applied;
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
