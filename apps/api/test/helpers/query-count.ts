// An app over a test file's database whose Prisma client counts the queries it sends: for tests
// that prove a read costs a fixed number of queries however much data it covers.
import { PrismaPg } from "@prisma/adapter-pg";
import type { LightMyRequestResponse } from "fastify";
import { afterAll } from "vitest";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { PrismaClient } from "../../src/generated/prisma/client";
import { signIn } from "./app";

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
