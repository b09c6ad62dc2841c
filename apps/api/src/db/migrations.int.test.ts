import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
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

  it("gives existing courses their first session's weekday, and existing sessions 09:00 and their course's length", async () => {
    const startTimes = "20261207030000_session_start_times";
    const before = await mkdtemp(path.join(os.tmpdir(), "ipt-migrations-"));
    try {
      for (const entry of await readdir(migrationsDir)) {
        if (entry !== startTimes)
          await cp(path.join(migrationsDir, entry), path.join(before, entry), { recursive: true });
      }
      const db = await createEmptyDatabase();
      await applyMigrations(db.url, before);
      // A course agreed before sessions had times: Thursday 5 March 2026, 45-minute sessions.
      await rows(
        db.url,
        `INSERT INTO users (id, email, name, role, password_hash, updated_at)
           VALUES ('00000000-0000-4000-8000-000000000001', 't@example.test', 'T', 'therapist', 'x', now());
         INSERT INTO clients (id, therapist_id, display_name, referral_reason, updated_at)
           VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'C', 'R', now());
         INSERT INTO courses (id, client_id, sequence, format, lineage, planned_sessions, start_date, session_minutes, updated_at)
           VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 1, 'ipt_a',
                   'weissman', 12, '2026-03-05', 45, now());
         INSERT INTO therapy_sessions (id, course_id, number, created_order, planned_date, updated_at)
           VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', 1, 1,
                   '2026-03-05', now());`,
      );
      await cp(path.join(migrationsDir, startTimes), path.join(before, startTimes), { recursive: true });
      expect(await applyMigrations(db.url, before)).toEqual([startTimes]);

      expect(await rows(db.url, `SELECT session_weekday, session_time FROM courses`)).toEqual([
        { session_weekday: 4, session_time: "09:00" },
      ]);
      expect(await rows(db.url, `SELECT start_time, duration_minutes FROM therapy_sessions`)).toEqual([
        { start_time: "09:00", duration_minutes: 45 },
      ]);
    } finally {
      await rm(before, { recursive: true, force: true });
    }
  });
});
