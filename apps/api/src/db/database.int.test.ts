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
    expect(database).toMatchObject({
      url: "postgresql://someone@db.example:5432/ipt",
      ownerUrl: "postgresql://someone@db.example:5432/ipt",
      embedded: false,
    });
  });

  it("runs migrations as MIGRATION_DATABASE_URL's role when it is set", async () => {
    const database = await openDatabase(
      {
        DATABASE_URL: "postgresql://ipt_app@db.example:5432/ipt",
        MIGRATION_DATABASE_URL: "postgresql://ipt_owner@db.example:5432/ipt",
        EMBEDDED_PG_DIR: "/unused",
        EMBEDDED_PG_PORT: 1,
      },
      () => {},
    );
    expect(database).toMatchObject({
      url: "postgresql://ipt_app@db.example:5432/ipt",
      ownerUrl: "postgresql://ipt_owner@db.example:5432/ipt",
    });
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
    await query(first.ownerUrl, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.close();

    const second = await openDatabase(config, () => {});
    try {
      expect(await query(second.ownerUrl, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
      // The app itself signs in as its own role, which the owner has not given this table.
      expect(await query(second.url, "SELECT current_user AS note")).toEqual([{ note: "ipt_app" }]);
      await expect(query(second.url, "SELECT note FROM kept")).rejects.toThrow(/permission denied/);
    } finally {
      await second.close();
    }
  }, 60_000);
});
