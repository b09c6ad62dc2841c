import { describe, expect, it } from "vitest";
import { createAccount, createTestApp } from "../../test/helpers/app";
import { createLoginSession, purgeExpiredLoginSessions } from "./login-sessions";

const timeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const client = { ip: null, userAgent: null };

describe("expired session purge", () => {
  it("removes sessions past their absolute end or idle limit and keeps live ones", async () => {
    const { prisma } = await createTestApp();
    const user = await createAccount(prisma);
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

    await createLoginSession(prisma, user.id, timeouts, client, now); // live
    await createLoginSession(prisma, user.id, timeouts, client, hoursAgo(13)); // past both limits
    const idle = await createLoginSession(prisma, user.id, timeouts, client, hoursAgo(1)); // idle an hour
    expect(idle.expiresAt.getTime()).toBeGreaterThan(now.getTime());

    expect(await purgeExpiredLoginSessions(prisma, timeouts, now)).toBe(2);
    expect(await prisma.loginSession.count({ where: { userId: user.id } })).toBe(1);
  });
});
