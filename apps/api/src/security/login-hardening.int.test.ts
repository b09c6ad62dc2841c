// Proves sign-in resists guessing (issue 6, "Login"): an unknown email and a wrong password get the
// same answer (status, body, headers) after the same work (one argon2id verify each, so no timing
// tell); the per-address rate limit keys on the address our proxy saw, so rotating X-Forwarded-For
// does not reset it, and the per-account throttling holds whatever address the attempts come from;
// stored hashes are argon2id at ASVS parameters (m >= 19 MiB, t >= 2, p = 1: the production cost,
// which other tests skip for the accounts they create, see test/helpers/app.ts); common passwords are
// refused. The app runs behind a trusted proxy (TRUST_PROXY) unless a test says otherwise.
import type * as Argon2 from "@node-rs/argon2";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, describe, expect, it, vi } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";

/** Every argon2 verify the app makes, by the hash it verified against. */
const verifiedHashes = vi.hoisted(() => [] as string[]);
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const argon2 = await importOriginal<typeof Argon2>();
  return {
    ...argon2,
    verify: (hash: string, password: string) => {
      verifiedHashes.push(hash);
      return argon2.verify(hash, password);
    },
  };
});

// Test files share their worker's loaded modules (`isolate: false`, vitest.config.ts), so the app
// may already be loaded with the real argon2: load it afresh, so that it gets the mock above, and
// forget that copy afterwards, so that the worker's next file loads the real one.
vi.resetModules();
afterAll(() => vi.resetModules());
const { createAccount, createTestApp, signIn, TEST_PASSWORD } = await import("../../test/helpers/app");
const { withSecondFactorRequiredOf } = await import("../../test/helpers/factors");

const RATE_LIMIT = 3;
const limits = { LOGIN_RATE_LIMIT_MAX: String(RATE_LIMIT), LOGIN_RATE_LIMIT_WINDOW_SECONDS: "3600" };
const { app, prisma } = await createTestApp({ TRUST_PROXY: "true" });

let addresses = 0;
/** A client address of its own, as our proxy appends it to whatever X-Forwarded-For the client sent. */
const newClient = () => `198.51.100.${++addresses}`;
const viaProxy = (client: string, spoofed = "10.9.8.7") => ({ "x-forwarded-for": `${spoofed}, ${client}` });

const loginTo =
  (target: typeof app) =>
  (email: string, password: string, headers: Record<string, string> = viaProxy(newClient())) =>
    target.inject({ method: "POST", url: "/api/auth/login", headers, payload: { email, password } });
const login = loginTo(app);
const unknownEmail = () => `nobody.${crypto.randomUUID()}@example.test`;

// Differ per answer by nature: the date, the request id and how much of the address's quota is left.
const VARYING_HEADERS = new Set(["date", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset"]);
function answerOf(response: LightMyRequestResponse) {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => !VARYING_HEADERS.has(name)),
  );
  const body = response.json<{ error: Record<string, unknown> }>();
  delete body.error.requestId;
  return { status: response.statusCode, headers, body };
}

const ARGON2ID = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;
function expectAsvsParameters(hash: string) {
  const [, memoryKiB, iterations, lanes] = ARGON2ID.exec(hash) ?? [];
  expect(hash).toMatch(ARGON2ID);
  expect(Number(memoryKiB)).toBeGreaterThanOrEqual(19 * 1024);
  expect(Number(iterations)).toBeGreaterThanOrEqual(2);
  expect(Number(lanes)).toBe(1);
}

/** The hashes verified while `act` ran. */
async function hashesVerifiedDuring(act: () => Promise<unknown>) {
  const before = verifiedHashes.length;
  await act();
  return verifiedHashes.slice(before);
}

describe("an unknown email and a wrong password", () => {
  it("get the same status, body and headers", async () => {
    const therapist = await createAccount(prisma);
    const client = newClient();
    const unknown = await login(unknownEmail(), "whatever-password", viaProxy(client));
    const wrong = await login(therapist.email, "not-the-password", viaProxy(client));

    expectApiError(unknown, 401, "unauthenticated");
    expect(answerOf(wrong)).toEqual(answerOf(unknown));
  });

  it("cost the same: one argon2id verify each (a dummy hash for the unknown email), with the same parameters", async () => {
    // Hashed as the app hashes, so the parameters can be compared with the app's dummy hash.
    const passwordHashing = "production";
    const therapist = await createAccount(prisma, { passwordHashing });
    const deactivated = await createAccount(prisma, { active: false, passwordHashing });

    const unknown = await hashesVerifiedDuring(() => login(unknownEmail(), "whatever-password"));
    const wrong = await hashesVerifiedDuring(() => login(therapist.email, "not-the-password"));
    const whileDeactivated = await hashesVerifiedDuring(() => login(deactivated.email, TEST_PASSWORD));

    for (const hashes of [unknown, wrong, whileDeactivated]) expect(hashes).toHaveLength(1);
    const parameters = (hash: string) => ARGON2ID.exec(hash)?.[0];
    expect(parameters(unknown[0]!)).toBeDefined();
    expect(parameters(unknown[0]!)).toBe(parameters(wrong[0]!));
    expectAsvsParameters(unknown[0]!);
  });
});

describe("guessing from many addresses", () => {
  it("rotating X-Forwarded-For does not reset the per-address rate limit", async () => {
    const proxied = await createTestApp({ ...limits, TRUST_PROXY: "true" });
    const attempt = loginTo(proxied.app);
    const therapist = await createAccount(proxied.prisma);
    const client = newClient();
    for (let i = 0; i < RATE_LIMIT; i += 1) {
      expect((await attempt(therapist.email, `wrong-${i}`, viaProxy(client, `10.0.0.${i}`))).statusCode).toBe(
        401,
      );
    }
    expectApiError(
      await attempt(therapist.email, TEST_PASSWORD, viaProxy(client, "10.0.0.99")),
      429,
      "rate_limited",
    );
    // The key is the address the proxy saw: another client is not held back.
    expect(
      (await attempt(therapist.email, TEST_PASSWORD, viaProxy(newClient(), "10.0.0.99"))).statusCode,
    ).toBe(200);
  });

  it("without a trusted proxy, X-Forwarded-For is ignored altogether", async () => {
    const direct = await createTestApp(limits);
    const therapist = await createAccount(direct.prisma);
    const attempt = (password: string, i: number) =>
      loginTo(direct.app)(therapist.email, password, { "x-forwarded-for": `10.0.1.${i}` });
    for (let i = 0; i < RATE_LIMIT; i += 1) expect((await attempt(`wrong-${i}`, i)).statusCode).toBe(401);
    expectApiError(await attempt(TEST_PASSWORD, 99), 429, "rate_limited");
  });

  it("the account's sign-in is slowed after five wrong passwords even when each comes from a new address", async () => {
    const therapist = await createAccount(prisma);
    for (let i = 0; i < 5; i += 1) {
      expectApiError(await login(therapist.email, `wrong-${i}`), 401, "unauthenticated");
    }
    expectApiError(await login(therapist.email, TEST_PASSWORD), 429, "rate_limited");
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
  });
});

describe("stored passwords", () => {
  it("are argon2id at ASVS parameters, whether set by an admin or by the user", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const adminSession = await signIn(app, admin.email);
    const email = `hash.${crypto.randomUUID()}@example.test`;
    // The therapist role must enrol a second factor, or no temporary password (docs/decisions/025).
    const created = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      app.inject({
        method: "POST",
        url: "/api/admin/users",
        headers: adminSession.headers,
        payload: { email, name: "Hash Probe", role: "therapist" },
      }),
    );
    expect(created.statusCode).toBe(201);
    const temporary = created.json<{ temporaryPassword: string }>().temporaryPassword;
    const account = await prisma.user.findUniqueOrThrow({ where: { email } });
    expectAsvsParameters(account.passwordHash);

    const session = await signIn(app, email, temporary);
    const changed = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: session.headers,
      payload: { currentPassword: temporary, newPassword: "a-long-and-unlisted-passphrase" },
    });
    expect(changed.statusCode).toBe(200);
    const updated = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(updated.passwordHash).not.toBe(account.passwordHash);
    expectAsvsParameters(updated.passwordHash);
  });

  it.each(["Password-2026!", "qwertyuiop123", "iloveyou2026", "Therapist-2026", "123456789012"])(
    "a common password (%s) is refused as a new password",
    async (common) => {
      const therapist = await createAccount(prisma);
      const session = await signIn(app, therapist.email);
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: session.headers,
        payload: { currentPassword: TEST_PASSWORD, newPassword: common },
      });
      const error = expectApiError(response, 400, "validation_failed");
      expect(fieldNames(error)).toEqual(["body.newPassword"]);
      expect(error.fields?.[0]?.message).toMatch(/too common/);
      const user = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });
      expect(user.passwordHash).toBe(therapist.passwordHash);
    },
  );
});
