// When PostgreSQL cannot serve a request (not listening, the connection cut by the server, every
// pooled connection busy), the API answers 503 service_unavailable with Retry-After — the client may
// try again — never 500; it logs a warning without a stack; and the pool recovers by itself.
import type { LightMyRequestResponse } from "fastify";
import pg from "pg";
import pino from "pino";
import { Writable } from "node:stream";
import { afterAll, describe, expect, inject, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestDatabase } from "../../test/helpers/database";
import { freePort } from "../../test/helpers/test-cluster";
import { buildApp } from "../app";
import { loadConfig } from "../config/config";
import { createPrismaClient } from "../db/prisma";
import { loggerOptions } from "../logging";

const lines: string[] = [];
const logger = pino(
  loggerOptions("info") as pino.LoggerOptions,
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);

/** The real app on `databaseUrl` with its own small pool, plus a test-only route that holds a connection. */
async function appOn(databaseUrl: string, poolSize: number, poolTimeoutMs = 5_000) {
  const lost: string[] = [];
  const prisma = createPrismaClient(databaseUrl, poolSize, {
    poolTimeoutMs,
    onConnectionLost: (reason) => lost.push(reason),
  });
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    WEB_DIST_DIR: "/nonexistent",
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
  });
  const app = await buildApp({ config, prisma, logger });
  app.get("/api/test/hold-connection", { config: { policy: "public" } }, async () => {
    await prisma.$queryRaw`SELECT pg_sleep(60)::text`;
    return { done: true };
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });
  return { app, lost };
}

function expectTryAgain(response: LightMyRequestResponse) {
  expectApiError(response, 503, "service_unavailable");
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  for (const word of ["prisma", "postgres", "ECONN", "stack", "pg_sleep", "terminat"]) {
    expect(response.body.toLowerCase()).not.toContain(word.toLowerCase());
  }
}

/** Runs SQL as the superuser on the test server (to find, end or cancel the app's backends). */
async function asSuperuser<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: inject("testDatabase").adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until the app's test route is inside pg_sleep on `database`; returns its pid. */
async function holdingBackend(database: string): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const rows = await asSuperuser<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'",
      [database],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the test route never reached pg_sleep");
}

const endBackend = (pid: number) => asSuperuser("SELECT pg_terminate_backend($1)", [pid]);

const signedInRequest = { cookie: "__Host-ipt_session=some-session-token" };

describe("when PostgreSQL is not listening", async () => {
  const closedPort = await freePort();
  const { app } = await appOn(`postgresql://postgres:none@127.0.0.1:${closedPort}/nothing`, 2);

  it("readiness, sign-in and a signed-in request all answer 503 with Retry-After", async () => {
    expectTryAgain(await app.inject({ method: "GET", url: "/api/health/ready" }));
    expectTryAgain(
      await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "someone@example.test", password: "a-password-of-some-length" },
      }),
    );
    expectTryAgain(await app.inject({ method: "GET", url: "/api/clients", headers: signedInRequest }));
    // Liveness needs no database: the process is fine and must not be restarted.
    expect((await app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
  });

  it("logs each as a warning without a stack", () => {
    const unavailable = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(unavailable.some((entry) => entry.msg === "database unavailable" && entry.level === 40)).toBe(
      true,
    );
    expect(unavailable.filter((entry) => Number(entry.level) >= 50)).toEqual([]);
    expect(lines.join("\n")).not.toMatch(/stack|\bat .+\.[jt]s:\d+/);
  });
});

describe("when the server ends the app's connections", async () => {
  const database = await createTestDatabase();
  const { app, lost } = await appOn(database.url, 2);

  it("a request whose connection is ended mid-query answers 503, and the next one succeeds", async () => {
    const held = app.inject({ method: "GET", url: "/api/test/hold-connection" });
    await endBackend(await holdingBackend(database.name));
    expectTryAgain(await held);
    expect((await app.inject({ method: "GET", url: "/api/health/ready" })).statusCode).toBe(200);
  });

  it("idle pooled connections ended by the server are dropped without crashing, and the pool reconnects", async () => {
    // Both pooled connections in use once, then idle.
    await Promise.all([1, 2].map(() => app.inject({ method: "GET", url: "/api/health/ready" })));
    const before = lost.length;
    const ended = await asSuperuser(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database.name],
    );
    // Each ended connection is reported once it is dropped from the pool; wait for all of them.
    for (let attempt = 0; attempt < 400 && lost.length < before + ended.length; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(ended.length).toBeGreaterThan(0);
    expect(lost.length).toBe(before + ended.length);
    const again = await Promise.all(
      [1, 2, 3].map(() => app.inject({ method: "GET", url: "/api/health/ready" })),
    );
    expect(again.map((response) => response.statusCode)).toEqual([200, 200, 200]);
  });
});

describe("when every pooled connection is busy", async () => {
  const database = await createTestDatabase();
  const { app } = await appOn(database.url, 1, 200);

  /** Readiness until it answers 200: opening the pool's connection may itself outlast the tiny timeout. */
  async function untilReady() {
    let ready = 0;
    for (let attempt = 0; attempt < 50 && ready !== 200; attempt++) {
      ready = (await app.inject({ method: "GET", url: "/api/health/ready" })).statusCode;
      expect([200, 503]).toContain(ready);
    }
    expect(ready).toBe(200);
  }

  it("a request waits only the pool timeout, then answers 503 with Retry-After", async () => {
    // The pool's one connection is open and idle first, so the holding request gets it at once.
    await untilReady();
    const held = app.inject({ method: "GET", url: "/api/test/hold-connection" });
    const pid = await holdingBackend(database.name);
    expectTryAgain(await app.inject({ method: "GET", url: "/api/health/ready" }));
    expectTryAgain(await app.inject({ method: "GET", url: "/api/clients", headers: signedInRequest }));
    await endBackend(pid);
    await held;
    await untilReady();
  });
});
