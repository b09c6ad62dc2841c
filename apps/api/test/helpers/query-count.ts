// An app over a test file's database whose Prisma client counts the queries it sends: for tests
// that prove a read costs a fixed number of queries however much data it covers. Also a client that
// reports the SQL of each statement (the matrix walk and security/no-hard-delete.int.test.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import type { LightMyRequestResponse } from "fastify";
import pg from "pg";
import { afterAll } from "vitest";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { PrismaClient } from "../../src/generated/prisma/client";
import { signIn } from "./app";

/**
 * A Prisma client over the test database whose pool reports the SQL text of every statement as it is
 * sent (as bench/database.ts counts them): also the ones the database then refuses, which Prisma's
 * query events leave out.
 */
export function statementReportingPrisma(databaseUrl: string, onStatement: (sql: string) => void) {
  // Waits for a connection as the app's own client does (createPrismaClient in src/db/prisma.ts).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
  // The pool is ours to end (the adapter leaves a pool it was given open); an idle connection the
  // database ends (the test database is dropped with FORCE) is only dropped from the pool.
  pool.on("error", () => {});
  afterAll(() => pool.end());
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const first = args[0];
      onStatement(typeof first === "string" ? first : (first as { text: string }).text);
      return query(...args);
    };
  });
  return new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 5_000 } });
}

/** Builds the counting app (closed after the file). Call at the top level of a test file. */
export async function queryCountingApp(databaseUrl: string) {
  let queries = 0;
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }),
    log: [{ emit: "event", level: "query" }],
  });
  prisma.$on("query", () => {
    queries += 1;
  });
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
      OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
    }),
    prisma,
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });
  return {
    /** GET `url` as the account `email` (the sign-in is not counted): the queries and the response. */
    async countedGet(
      email: string,
      url: string,
    ): Promise<{ queries: number; response: LightMyRequestResponse }> {
      const session = await signIn(app, email);
      queries = 0;
      const response = await app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
      return { queries, response };
    },
  };
}
