import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../../test/helpers/database";
import { repoRoot } from "../config/config";
import { applyMigrations, readMigrations } from "./migrations";

const migrationsDir = path.join(repoRoot, "prisma", "migrations");

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("migration applier", () => {
  it("applies every migration once and books them as prisma migrate deploy does", async () => {
    const db = await createEmptyDatabase();
    const files = await readMigrations(migrationsDir);

    expect(await applyMigrations(db.url, migrationsDir)).toEqual(files.map((f) => f.name));
    expect(await applyMigrations(db.url, migrationsDir)).toEqual([]);

    const booked = await rows<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      db.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(booked.map((b) => b.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of booked.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("refuses a database whose applied migration was edited afterwards", async () => {
    const db = await createEmptyDatabase();
    await applyMigrations(db.url, migrationsDir);
    await rows(db.url, `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64)`);
    await expect(applyMigrations(db.url, migrationsDir)).rejects.toThrow(/changed after it was applied/);
  });
});
