// Builds the real app on a fresh test database; requests go through app.inject(), no port.
import type { Role } from "@ipt/shared";
import { CSRF_HEADER, endpointPath, endpoints } from "@ipt/shared";
import { hash } from "@node-rs/argon2";
import { afterAll } from "vitest";
import { buildApp, type App } from "../../src/app";
import { hashPassword } from "../../src/auth/passwords";
import { loadConfig } from "../../src/config/config";
import { createPrismaClient, type PrismaClient } from "../../src/db/prisma";
import { SESSION_COOKIE } from "../../src/plugins/auth";
import { noteSecret, testLogger } from "../../src/security/log-scan/sink";
import { createTestDatabase } from "./database";

export interface TestContext {
  app: App;
  prisma: PrismaClient;
  databaseUrl: string;
}

export async function createTestApp(
  env: Record<string, string> = {},
  /** Adds test-only routes (each naming a policy) before the app is ready. */
  setup?: (app: App) => void,
  /** The session and sign-in clock the app reads (see AppContext); the system clock by default. */
  clock?: () => Date,
  /** The app's Prisma client over the new database (e.g. one that records its SQL). */
  prismaFor: (databaseUrl: string) => PrismaClient = (url) => createPrismaClient(url, 4),
): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    LOG_LEVEL: "silent",
    WEB_DIST_DIR: "/nonexistent",
    LOGIN_RATE_LIMIT_MAX: "1000",
    // Every injected request comes from one address: only tests about it count its failures.
    LOGIN_THROTTLE_SOURCE_FREE_FAILURES: "10000",
    // Parallel test files keep each worker's event loop busy: no shedding unless a test asks for it.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
    ...env,
  });
  const prisma = prismaFor(database.url);
  // Logs go to the run's log scan (src/security/log-scan), which fails the run on any secret in them.
  noteSecret(TEST_PASSWORD);
  const app = await buildApp({ config, prisma, clock, logger: testLogger() });
  setup?.(app);
  await app.ready();
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });
  return { app, prisma, databaseUrl: database.url };
}

let counter = 0;
export const TEST_PASSWORD = "correct-horse-battery";

/**
 * How a test account's password is hashed. "minimal": argon2id at its smallest cost (8 KiB, one
 * pass), about 0.1 ms of CPU instead of 20 ms; a run creates about 900 accounts and signs in about
 * as often, and a sign-in verifies at the cost stored in the hash. The app itself always hashes at
 * production cost (temporary passwords, password changes, the dummy hash for unknown emails), and
 * login-hardening.int.test.ts checks that cost. "production": the app's own hashPassword, for tests
 * that compare an account's hash with the app's.
 */
export type TestPasswordHashing = "minimal" | "production";

// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const MINIMAL_ARGON2ID = { algorithm: 2, memoryCost: 8, timeCost: 1, parallelism: 1 };

const hashFor = (password: string, hashing: TestPasswordHashing) =>
  hashing === "production" ? hashPassword(password) : hash(password, MINIMAL_ARGON2ID);

/** Creates an account directly in the database (tests never depend on seed rows). */
export async function createAccount(
  prisma: PrismaClient,
  options: {
    role?: Role;
    name?: string;
    email?: string;
    password?: string;
    mustChangePassword?: boolean;
    active?: boolean;
    passwordHashing?: TestPasswordHashing;
  } = {},
) {
  counter += 1;
  const role = options.role ?? "therapist";
  const email = options.email ?? `${role}.${counter}.${Date.now()}@example.test`;
  const password = options.password ?? TEST_PASSWORD;
  noteSecret(password);
  const user = await prisma.user.create({
    data: {
      email,
      name: options.name ?? `Test ${role} ${counter}`,
      role,
      passwordHash: await hashFor(password, options.passwordHashing ?? "minimal"),
      mustChangePassword: options.mustChangePassword ?? false,
      active: options.active ?? true,
    },
  });
  return { ...user, password };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request made with this session. */
  headers: Record<string, string>;
}

export function sessionCookieFrom(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error("no session cookie was set");
  const cookie = found.split(";")[0]!;
  noteSecret(cookie.slice(SESSION_COOKIE.length + 1));
  return cookie;
}

export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({
    method: "POST",
    url: endpointPath(endpoints.auth.login),
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookieFrom(response.headers["set-cookie"]);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  noteSecret(csrfToken);
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}
