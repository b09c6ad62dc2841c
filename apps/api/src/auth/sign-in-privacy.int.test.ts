// A failed sign-in tells nothing about the account: an unknown email is audited only as a keyed hash
// (HMAC-SHA-256 with the server's key), and unknown and known accounts cost the same statements.
import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { statementReportingPrisma } from "../../test/helpers/query-count";
import { createAccount, createTestApp } from "../../test/helpers/app";

let statements: string[] = [];
const { app, prisma } = await createTestApp({}, undefined, undefined, (url) =>
  statementReportingPrisma(url, (sql) => statements.push(sql)),
);

const login = (email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

/** The SQL a sign-in sent, with its literal values gone, so only its shape is compared. */
async function statementsOf(act: () => Promise<unknown>) {
  statements = [];
  await act();
  return statements.map((sql) => sql.replace(/\$\d+/g, "$n"));
}

describe("an unknown email typed at sign-in", () => {
  it("is audited as its keyed hash, never as typed", async () => {
    const email = `someone.${crypto.randomUUID()}@example.test`;
    expect((await login(email, "a-wrong-password")).statusCode).toBe(401);

    const [row] = await prisma.auditEvent.findMany({ where: { action: "auth.login_failed", actorId: null } });
    const key = (await prisma.serverKey.findUniqueOrThrow({ where: { name: "audit_email" } })).key;
    expect(key.length).toBe(32);
    expect(row?.actorLabel).toBe(`hmac-sha256:${createHmac("sha256", key).update(email).digest("hex")}`);
    const stored = await prisma.auditEvent.findMany({ select: { actorLabel: true, details: true } });
    expect(JSON.stringify(stored)).not.toContain(email);
  });
});

describe("unknown and known accounts", () => {
  it("cost the same database statements at a failed sign-in", async () => {
    const therapist = await createAccount(prisma);
    const unknown = `nobody.${crypto.randomUUID()}@example.test`;
    await login(unknown, "warm-up-the-key"); // the server key is read once per process

    const forUnknown = await statementsOf(() => login(`other.${unknown}`, "a-wrong-password"));
    const forKnown = await statementsOf(() => login(therapist.email, "a-wrong-password"));

    expect(forUnknown.length).toBeGreaterThan(0);
    expect(forKnown).toEqual(forUnknown);
  });
});
