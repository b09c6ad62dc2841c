// The admin:create command on a real database: it creates the first administrator, and a second run
// for the same email fails with a non-zero exit code (scripts and CI rely on it).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database";

const run = promisify(execFile);
const apiDir = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(apiDir, "node_modules/.bin/tsx");

async function createAdmin(databaseUrl: string) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: "first.admin@example.test",
    ADMIN_NAME: "First Admin",
    ADMIN_PASSWORD: "a long invented passphrase 2026",
  };
  try {
    const { stdout } = await run(tsx, ["src/cli/create-admin.ts"], { cwd: apiDir, env });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe("admin:create", () => {
  it("creates the administrator once; a second run exits 1 and says why", async () => {
    const { url } = await createTestDatabase();

    const first = await createAdmin(url);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining("created") as string });

    const second = await createAdmin(url);
    expect(second.code).toBe(1);
    expect(second.output).toContain("already exists");
  }, 60_000);
});
