import { CSRF_HEADER, IDEMPOTENCY_KEY_HEADER } from "@ipt/shared";
import pino from "pino";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createAccount, TEST_PASSWORD } from "../test/helpers/app";
import { createTestDatabase } from "../test/helpers/database";
import { buildApp } from "./app";
import { loadConfig } from "./config/config";
import { createPrismaClient } from "./db/prisma";
import { loggerOptions } from "./logging";

/** An app whose log lines are collected in `lines`; `setup` may add test-only routes. */
async function loggedApp(setup?: (app: Awaited<ReturnType<typeof buildApp>>) => void) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const database = await createTestDatabase();
  const prisma = createPrismaClient(database.url, 2);
  const config = loadConfig({ DATABASE_URL: database.url, WEB_DIST_DIR: "/nonexistent" });
  const logger = pino(loggerOptions("info") as pino.LoggerOptions, sink);
  const app = await buildApp({ config, prisma, logger });
  setup?.(app);
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });
  return { app, prisma, lines };
}

describe("request logs", () => {
  it("name where an unexpected error happened, never its message (which may quote data)", async () => {
    const { app, lines } = await loggedApp((built) =>
      built.get("/api/test/fails", { config: { policy: "public" } }, () => {
        // Shaped like Prisma's errors: several lines, the last quoting PostgreSQL's detail.
        throw new Error(
          "Invalid `prisma.client.create()` invocation:\n\nDetail: Key (display_name)=(Invented Name) exists",
        );
      }),
    );

    const response = await app.inject({ method: "GET", url: "/api/test/fails" });

    expect(response.statusCode).toBe(500);
    const failure = lines.find((line) => line.includes("request failed"))!;
    expect(failure).toMatch(/\bat .+logging\.int\.test\.ts:\d+/);
    for (const quoted of ["Invented Name", "display_name", "prisma.client.create"]) {
      expect(failure).not.toContain(quoted);
    }
  });

  it("carry request ids but no passwords, cookies, tokens or query strings", async () => {
    const { app, prisma, lines } = await loggedApp();

    const admin = await createAccount(prisma, { role: "admin", name: "Logan Lognote" });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: admin.email, password: TEST_PASSWORD },
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    await app.inject({
      method: "GET",
      url: "/api/admin/users?q=SearchTermAboutAClient",
      headers: { cookie },
    });
    await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie, [CSRF_HEADER]: csrfToken },
      payload: { currentPassword: TEST_PASSWORD, newPassword: "another-long-password" },
    });

    const text = lines.join("");
    expect(text).toContain(login.headers["x-request-id"]);
    expect(text).toContain("/api/admin/users");
    for (const secret of [
      TEST_PASSWORD,
      "another-long-password",
      cookie.split("=")[1]!,
      csrfToken,
      "SearchTermAboutAClient",
      admin.email,
      "Logan Lognote",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
  it("stay quiet on a write whose handler sends its own reply (an Idempotency-Key write)", async () => {
    const { app, prisma, lines } = await loggedApp();
    const therapist = await createAccount(prisma, { role: "therapist" });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: therapist.email, password: TEST_PASSWORD },
    });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    const headers = { cookie, [CSRF_HEADER]: csrfToken, [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() };
    const payload = { displayName: "Invented Quietly", referralReason: "Invented: low mood." };

    const created = await app.inject({ method: "POST", url: "/api/clients", headers, payload });
    const replayed = await app.inject({ method: "POST", url: "/api/clients", headers, payload });

    expect(created.statusCode, created.body).toBe(201);
    expect(replayed.statusCode).toBe(201);
    // Sending twice used to log "Reply was already sent" with a stack on every such write.
    const warnings = lines
      .map((line) => JSON.parse(line) as { level: number })
      .filter((line) => line.level >= 40);
    expect(warnings).toEqual([]);
  });
});
