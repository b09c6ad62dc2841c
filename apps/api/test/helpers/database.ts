// Each test file gets its own database, copied from the migrated template: tests run in parallel
// without seeing each other's rows, and never depend on seed data.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { adminQuery, quoteIdent } from "./test-cluster";

export interface TestDatabase {
  url: string;
  name: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template, urlTemplate } = inject("testDatabase");
  const name = `ipt_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  afterAll(async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
  return { url: urlTemplate.replace("__DB__", name), name };
}

/** An empty database (no migrations), for tests of the migration applier itself. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const { adminUrl, urlTemplate } = inject("testDatabase");
  const name = `ipt_empty_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  afterAll(async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
  return { url: urlTemplate.replace("__DB__", name), name };
}
