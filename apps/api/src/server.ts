// The process: configuration, database (embedded or DATABASE_URL), migrations, optional demo
// accounts, listening, and graceful shutdown. The app itself is built in app.ts.
import closeWithGrace from "close-with-grace";
import pino from "pino";
import { buildApp } from "./app";
import { startAuditSealer } from "./audit/sealer";
import { purgeExpiredLoginSessions } from "./auth/login-sessions";
import { purgeForgottenFailures } from "./auth/throttle";
import { purgeExpiredIdempotencyKeys } from "./idempotency/key-store";
import { ConfigError, loadConfig, loadDotEnv } from "./config/config";
import { openDatabase, prepareSchema } from "./db/database";
import { createPrismaClient } from "./db/prisma";
import { loggerOptions } from "./logging";
import { formatDemoLogins, seedDemoAccounts, SeedRefusedError } from "./seed/demo-accounts";
import { seedDemoCaseloads } from "./seed/demo-caseload";
import { rebuildCourseSummaries } from "./supervision/course-summary";

async function main() {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const logger = pino(loggerOptions(config.LOG_LEVEL) as pino.LoggerOptions);
  const database = await openDatabase(config, (message) => logger.info(message));
  const applied = await prepareSchema(database, config.MIGRATIONS_DIR, config.MIGRATE_ON_START);
  if (config.MIGRATE_ON_START) {
    logger.info({ applied }, applied.length ? "migrations applied" : "database schema is up to date");
  }
  const prisma = createPrismaClient(database.url, config.DATABASE_POOL_SIZE, {
    poolTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS,
    onConnectionLost: (reason) => logger.warn({ reason }, "database connection lost; the pool reconnects"),
  });

  let demoLogins: string | undefined;
  if (config.SEED_DEMO) {
    try {
      demoLogins = formatDemoLogins(await seedDemoAccounts(prisma));
      const clients = await seedDemoCaseloads(prisma);
      if (clients > 0) logger.info({ clients }, "demo caseloads added");
    } catch (error) {
      if (!(error instanceof SeedRefusedError)) throw error;
      logger.warn(error.message);
    }
  }

  // Courses written before the summaries existed, or under older rules (docs/decisions/023).
  const summarised = await rebuildCourseSummaries(prisma, { onlyStale: true });
  if (summarised > 0) logger.info({ courses: summarised }, "course summaries computed");

  const app = await buildApp({ config, prisma, logger });
  const timeouts = {
    idleMs: config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
    absoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
  };
  const purge = setInterval(() => {
    purgeExpiredLoginSessions(prisma, timeouts).catch(() => logger.warn("could not purge expired sessions"));
    purgeExpiredIdempotencyKeys(prisma).catch(() => logger.warn("could not purge expired idempotency keys"));
    purgeForgottenFailures(prisma).catch(() => logger.warn("could not purge forgotten sign-in failures"));
  }, 10 * 60_000);
  purge.unref();
  // Chains new audit events into the tamper-evident hash chain (docs/decisions/022).
  const sealer = startAuditSealer(prisma, {
    intervalMs: config.AUDIT_SEAL_INTERVAL_MS,
    onError: () => logger.warn("could not seal audit events; the next run retries"),
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err: { type: err.name, stack: err.stack } }, "shutting down after an error");
    else logger.info({ signal }, "shutting down");
    clearInterval(purge);
    await app.close();
    await sealer.stop();
    await prisma.$disconnect();
    await database.close();
  });

  // Automatic questionnaire sending (off unless SMTP_URL is set and the organisation turned it on).
  app.questionnaireSending.start();

  const address = await app.listen({ host: config.HOST, port: config.PORT });
  const shown = address.replace("127.0.0.1", "localhost");
  console.log(`\nIPT Session Planner is running at ${shown}  (API docs: ${shown}/api/docs)`);
  console.log(database.embedded ? "Database: embedded PostgreSQL" : "Database: DATABASE_URL");
  if (demoLogins) console.log(`\n${demoLogins}\n`);
}

main().catch((error: unknown) => {
  console.error("The server could not start:", error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause instanceof Error) console.error("Cause:", error.cause.message);
  process.exit(1);
});
