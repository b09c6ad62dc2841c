// Least privilege in the database (issue 17, docs/security.md "Database roles"): migrations run as
// the schema's owner; the app connects as a role that may read and write rows and nothing more. It
// owns no table, so it cannot ALTER one, DISABLE a TRIGGER, TRUNCATE, or set
// session_replication_role (superuser only); and, besides the triggers that refuse them, it has no
// DELETE right on the tables kept for good (clinical records, the audit log) and no UPDATE on the
// audit log. The owner re-runs the grants after every migration run, so new tables are covered.
import pg from "pg";
import { quoteIdent } from "../backup/catalog";

/** The app's role on the embedded database (created by `npm start`; DATABASE_URL names its own). */
export const EMBEDDED_APP_ROLE = "ipt_app";

/** Tables whose rows are never deleted: those whose triggers refuse DELETE (migrations name them `*_no_delete`). */
const KEPT_FOR_GOOD_TABLES = `
  SELECT DISTINCT c.relname AS name
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND NOT t.tgisinternal
    AND (t.tgname LIKE '%\\_no\\_delete' OR t.tgname LIKE '%\\_no\\_update\\_or\\_delete')`;

/** The audit log: rows are only ever added by the app. */
const APPEND_ONLY_TABLES = ["audit_events"];

/** Migration bookkeeping: the owner's alone. */
const OWNER_ONLY_TABLES = ["_prisma_migrations"];

/** The role a connection string signs in as. */
export function roleOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error("The database connection string names no user.");
  return user;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the app's login role on a cluster the app runs itself (the embedded one), or sets its
 * password again. No SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS.
 */
export async function ensureLoginRole(superuserUrl: string, role: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const verb = rowCount ? "ALTER" : "CREATE";
    const literalPassword = client.escapeLiteral(password);
    await client.query(
      `${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
        `NOINHERIT PASSWORD ${literalPassword}`,
    );
  });
}

/**
 * Gives `role` exactly the rights the app needs on the database `ownerUrl` points at, run by the
 * schema's owner after the migrations. Idempotent; one transaction.
 */
export async function grantAppRights(ownerUrl: string, role: string): Promise<void> {
  const who = quoteIdent(role);
  await withClient(ownerUrl, async (client) => {
    await client.query("BEGIN");
    try {
      const { rows } = await client.query<{ db: string }>("SELECT current_database() AS db");
      const database = quoteIdent(rows[0]?.db ?? "");
      await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${who}`);
      await client.query(`REVOKE CREATE ON DATABASE ${database} FROM ${who}`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${who}`);
      await client.query(`REVOKE CREATE ON SCHEMA public FROM ${who}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`);
      await client.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${who}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${who}`);
      const kept = (await client.query<{ name: string }>(KEPT_FOR_GOOD_TABLES)).rows.map((row) => row.name);
      for (const table of new Set([...kept, ...APPEND_ONLY_TABLES])) {
        await client.query(`REVOKE DELETE ON ${quoteIdent(table)} FROM ${who}`);
      }
      for (const table of APPEND_ONLY_TABLES) {
        await client.query(`REVOKE UPDATE ON ${quoteIdent(table)} FROM ${who}`);
      }
      for (const table of OWNER_ONLY_TABLES) {
        await client.query(`REVOKE ALL ON ${quoteIdent(table)} FROM ${who}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}
