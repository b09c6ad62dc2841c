import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/helpers/test-cluster";
import { openDatabase } from "./database";

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ note: string }>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("database selection", () => {
  it("uses DATABASE_URL as given, starting nothing", async () => {
    const database = await openDatabase(
      {
        DATABASE_URL: "postgresql://someone@db.example:5432/ipt",
        EMBEDDED_PG_DIR: "/unused",
        EMBEDDED_PG_PORT: 1,
      },
      () => {},
    );
    expect(database).toMatchObject({ url: "postgresql://someone@db.example:5432/ipt", embedded: false });
  });

  it("without DATABASE_URL runs an embedded PostgreSQL whose data survives a restart", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "ipt-embedded-"));
    await chmod(parent, 0o755);
    afterAll(() => rm(parent, { recursive: true, force: true }));
    const config = {
      DATABASE_URL: undefined,
      EMBEDDED_PG_DIR: path.join(parent, "pg"),
      EMBEDDED_PG_PORT: await freePort(),
    };

    const first = await openDatabase(config, () => {});
    expect(first.embedded).toBe(true);
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.close();

    const second = await openDatabase(config, () => {});
    try {
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
