// Sign-in throttling replaces the lock-out (issue 17): failures per account and per address are
// counted in PostgreSQL and held back for growing delays, with a message that says sign-in is slowed;
// a browser that signed in to the account before is judged by its own failures only, so nobody can
// keep a clinician out from elsewhere; an admin can lift the slowing (audited).
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { createPrismaClient } from "../db/prisma";
import { DEVICE_COOKIE } from "./known-devices";
import { purgeForgottenFailures } from "./throttle";

let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const rules = { LOGIN_THROTTLE_BASE_SECONDS: "15", LOGIN_THROTTLE_SOURCE_FREE_FAILURES: "8" };
const { app, prisma, databaseUrl } = await createTestApp(rules, undefined, clock);

let addresses = 0;
const newAddress = () => `192.0.2.${++addresses}`;

function login(email: string, password: string, from = newAddress(), device?: string) {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: from,
    ...(device ? { cookies: { [DEVICE_COOKIE]: device } } : {}),
    payload: { email, password },
  });
}

async function failTimes(email: string, times: number, from?: () => string) {
  for (let i = 0; i < times; i += 1) {
    expectApiError(await login(email, `wrong-password-${i}`, from?.()), 401, "unauthenticated");
  }
}

function deviceCookieOf(response: Awaited<ReturnType<typeof login>>): string {
  const cookie = response.cookies.find((c) => c.name === DEVICE_COOKIE);
  if (!cookie) throw new Error("no device cookie was set");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  return cookie.value;
}

describe("failures against one account", () => {
  it("four are free; the fifth slows sign-in with a message that says so, even for the right password", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 4);
    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);

    await failTimes(therapist.email, 5);
    const slowed = await login(therapist.email, therapist.password);
    const error = expectApiError(slowed, 429, "rate_limited");
    expect(error.message).toMatch(
      /^Sign-in is slowed after several failed attempts\. Try again in \d+ seconds\.$/,
    );
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(slowed.headers["retry-after"])).toBeLessThanOrEqual(15);
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(1);
  });

  it("delays grow with each further failure and end by themselves", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 5);
    offsetMs += 16_000;
    await failTimes(therapist.email, 1);
    const second = await login(therapist.email, therapist.password);
    expectApiError(second, 429, "rate_limited");
    expect(Number(second.headers["retry-after"])).toBeGreaterThan(15);
    expect(Number(second.headers["retry-after"])).toBeLessThanOrEqual(30);

    offsetMs += 31_000;
    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);
  });

  it("an unknown email is slowed exactly like an account, so the answer tells nothing", async () => {
    const email = `nobody.${crypto.randomUUID()}@example.test`;
    await failTimes(email, 5);
    expectApiError(await login(email, "anything-at-all"), 429, "rate_limited");
  });

  it("hold in PostgreSQL: a second API instance on the same database slows the same account", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 5);
    const secondPrisma = createPrismaClient(databaseUrl, 2);
    const { buildApp } = await import("../app");
    const { loadConfig } = await import("../config/config");
    const second = await buildApp({
      config: loadConfig({
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
        WEB_DIST_DIR: "/nonexistent",
        ...rules,
      }),
      prisma: secondPrisma,
      clock,
    });
    try {
      const response = await second.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: newAddress(),
        payload: { email: therapist.email, password: therapist.password },
      });
      expectApiError(response, 429, "rate_limited");
    } finally {
      await second.close();
      await secondPrisma.$disconnect();
    }
  });
});

describe("a known device", () => {
  it("signs in at once while others' failures slow the account, and is slowed by its own failures", async () => {
    const therapist = await createAccount(prisma);
    const first = await login(therapist.email, therapist.password);
    expect(first.statusCode).toBe(200);
    const device = deviceCookieOf(first);

    await failTimes(therapist.email, 5);
    expectApiError(await login(therapist.email, therapist.password), 429, "rate_limited");

    const fromDevice = await login(therapist.email, therapist.password, newAddress(), device);
    expect(fromDevice.statusCode).toBe(200);
    const [audit] = await auditRows(prisma, { entityId: therapist.id, action: "auth.login" }).then((r) =>
      r.slice(-1),
    );
    expect(audit?.details).toMatchObject({ knownDevice: true });

    const ownFailures = () => login(therapist.email, "wrong-on-my-own-device", newAddress(), device);
    for (let i = 0; i < 5; i += 1) expectApiError(await ownFailures(), 401, "unauthenticated");
    expectApiError(
      await login(therapist.email, therapist.password, newAddress(), device),
      429,
      "rate_limited",
    );
  });

  it("a device cookie of another account counts for nothing", async () => {
    const owner = await createAccount(prisma);
    const target = await createAccount(prisma);
    const device = deviceCookieOf(await login(owner.email, owner.password));
    await failTimes(target.email, 5);
    expectApiError(await login(target.email, target.password, newAddress(), device), 429, "rate_limited");
  });
});

describe("failures from one address", () => {
  it("slow every account tried from it after the address's free failures, not other addresses", async () => {
    const address = "198.51.100.200";
    for (let i = 0; i < 8; i += 1) {
      await login(`spray.${i}.${crypto.randomUUID()}@example.test`, "guess-1234567", address);
    }
    const therapist = await createAccount(prisma);
    expectApiError(await login(therapist.email, therapist.password, address), 429, "rate_limited");
    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);
  });
});

describe("an admin", () => {
  it("sees until when an account is slowed, and lifts it (audited)", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const session = await signIn(app, admin.email);
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 5);

    const shown = await app.inject({
      method: "GET",
      url: `/api/admin/users/${therapist.id}`,
      headers: session.headers,
    });
    expect(shown.json<{ signInSlowedUntil: string | null }>().signInSlowedUntil).not.toBeNull();

    const unlocked = await app.inject({
      method: "POST",
      url: `/api/admin/users/${therapist.id}/unlock-sign-in`,
      headers: session.headers,
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json<{ signInSlowedUntil: string | null }>().signInSlowedUntil).toBeNull();
    expect(
      await auditRows(prisma, { entityId: therapist.id, action: "user.sign_in_unlocked" }),
    ).toMatchObject([{ actorId: admin.id, outcome: "success", details: { failures: 5 } }]);
    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);
  });

  it("a therapist may not lift it", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const response = await app.inject({
      method: "POST",
      url: `/api/admin/users/${therapist.id}/unlock-sign-in`,
      headers: session.headers,
    });
    expectApiError(response, 403, "forbidden");
  });
});

describe("purging forgotten failures", () => {
  it("deletes only rows whose failures are forgotten and that hold nothing back", async () => {
    const now = new Date();
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const keys = [`purge-test:${now.getTime()}:old`, `purge-test:${now.getTime()}:recent`];
    const [oldKey, recentKey] = keys as [string, string];
    const heldKey = `purge-test:${now.getTime()}:held`;
    await prisma.signInThrottle.createMany({
      data: [
        { key: oldKey, failures: 9, lastFailureAt: hoursAgo(25) },
        { key: recentKey, failures: 3, lastFailureAt: hoursAgo(2) },
        // Forgotten by age but still held back (a delay set long ago, up to the maximum): kept.
        { key: heldKey, failures: 20, lastFailureAt: hoursAgo(25), blockedUntil: hoursAgo(-1) },
      ],
    });
    expect(await purgeForgottenFailures(prisma, now)).toBeGreaterThanOrEqual(1);
    const left = await prisma.signInThrottle.findMany({
      where: { key: { in: [oldKey, recentKey, heldKey] } },
      select: { key: true },
    });
    expect(left.map((row) => row.key).sort()).toEqual([heldKey, recentKey].sort());
  });
});
