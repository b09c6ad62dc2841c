import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp } from "../../test/helpers/app";
import { SIGN_IN_FAILED_MESSAGE } from "./auth-service";

const { app, prisma } = await createTestApp();

const LOCK_MS = 15 * 60_000;

const login = (email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

async function failTimes(email: string, times: number) {
  for (let i = 0; i < times; i += 1) {
    expectApiError(await login(email, `wrong-password-${i}`), 401, "unauthenticated");
  }
}

describe("account lockout", () => {
  it("four wrong passwords do not lock the account, and a right one resets the count", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 4);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).toMatchObject({
      failedLoginCount: 4,
      lockedUntil: null,
    });

    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).failedLoginCount).toBe(0);
  });

  it("five wrong passwords lock the account for 15 minutes and write a lockout audit row", async () => {
    const therapist = await createAccount(prisma);
    const before = Date.now();
    await failTimes(therapist.email, 5);
    const after = Date.now();

    const user = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });
    expect(user.lockedUntil).not.toBeNull();
    expect(user.lockedUntil!.getTime()).toBeGreaterThanOrEqual(before + LOCK_MS);
    expect(user.lockedUntil!.getTime()).toBeLessThanOrEqual(after + LOCK_MS);

    const lockouts = await auditRows(prisma, { entityId: therapist.id, action: "auth.lockout" });
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({
      actorId: therapist.id,
      outcome: "denied",
      details: { lockedUntil: user.lockedUntil!.toISOString() },
    });
  });

  it("a locked account refuses even the right password, with the usual sign-in failure", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 5);

    const refused = expectApiError(await login(therapist.email, therapist.password), 401, "unauthenticated");
    expect(refused.message).toBe(SIGN_IN_FAILED_MESSAGE);
    const unknown = expectApiError(
      await login(`nobody.${Date.now()}@example.test`, "pw"),
      401,
      "unauthenticated",
    );
    expect(refused.message).toBe(unknown.message);

    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
    const denied = await auditRows(prisma, { entityId: therapist.id, action: "auth.login_failed" });
    expect(denied.at(-1)).toMatchObject({ outcome: "denied", details: { reason: "locked" } });
  });

  it("once the lock has run out the right password works and the failure count starts again", async () => {
    const therapist = await createAccount(prisma);
    await failTimes(therapist.email, 5);
    await prisma.user.update({
      where: { id: therapist.id },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });

    // A wrong attempt after the lock counts from one again…
    await failTimes(therapist.email, 1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).failedLoginCount).toBe(1);

    // …and the right password signs in and clears both the count and the lock.
    expect((await login(therapist.email, therapist.password)).statusCode).toBe(200);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).toMatchObject({
      failedLoginCount: 0,
      lockedUntil: null,
    });
  });

  it("attempts on one account do not lock another", async () => {
    const locked = await createAccount(prisma);
    const other = await createAccount(prisma);
    await failTimes(locked.email, 5);
    expect((await login(other.email, other.password)).statusCode).toBe(200);
  });
});
