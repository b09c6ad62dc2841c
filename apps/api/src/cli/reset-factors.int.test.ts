// admin:reset-factors on a real database: the operator's way back in for the only administrator who
// lost phone and recovery codes. It removes the factor, ends the sessions and is audited; an unknown
// email exits 1.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { auditRows } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { enrolTotp } from "../../test/helpers/factors";

const run = promisify(execFile);
const apiDir = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(apiDir, "node_modules/.bin/tsx");

const { app, prisma, databaseUrl } = await createTestApp();

async function resetFactorsOf(email: string) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, USER_EMAIL: email };
  try {
    const { stdout } = await run(tsx, ["src/cli/reset-factors.ts"], { cwd: apiDir, env });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe("admin:reset-factors", () => {
  it("resets the only admin's factors (audited as the command line); an unknown email exits 1", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    await enrolTotp(app, await signIn(app, admin.email), new Date());

    const done = await resetFactorsOf(admin.email);
    expect(done).toMatchObject({ code: 0, output: expect.stringContaining("have been reset") as string });
    expect(await prisma.totpFactor.count({ where: { userId: admin.id } })).toBe(0);
    expect(await prisma.loginSession.count({ where: { userId: admin.id } })).toBe(0);
    const [row] = await auditRows(prisma, { entityId: admin.id, action: "user.factors_reset" });
    expect(row).toMatchObject({ actorId: null, actorLabel: "command line" });

    const unknown = await resetFactorsOf("nobody@example.test");
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("No account");
  }, 60_000);
});
