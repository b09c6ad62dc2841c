// A test app whose pg pool is watched by a statement log (test/helpers/statement-log.ts), for tests
// that count round trips or read the exact statements a request sent.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client";
import { createTestApp } from "./app";
import { statementLog } from "./statement-log";

export async function createStatementLoggingApp() {
  const log = statementLog();
  const context = await createTestApp({}, undefined, undefined, (url) => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => {});
    afterAll(() => pool.end());
    log.attach(pool);
    return new PrismaClient({ adapter: new PrismaPg(pool) });
  });
  return { ...context, log };
}
