// Restores a backup folder into an EMPTY database: checks every file against the manifest, applies
// the backup's own migrations (so the schema is the one the data was written under; newer ones
// follow at the next `db:migrate` or server start), loads every table with COPY … FROM STDIN with
// triggers off, sets the sequences, and compares each table's row count and checksum with the
// manifest — all in one transaction, so a backup that does not verify leaves no rows behind.
//
// Triggers off (`session_replication_role = replica`): the audit log's hash-chain trigger would
// re-chain restored events and the append-only triggers would refuse them. That setting needs a
// superuser (or, from PostgreSQL 15, a role granted SET on it): run restores as the database owner.
import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations } from "../db/migrations";
import { BOOKKEEPING_TABLE, fingerprint, listTables, quoteIdent, useCanonicalTextForm } from "./catalog";
import { sha256OfFile } from "./files";
import { BackupError, readManifest, type BackupManifest } from "./manifest";
import { required } from "../errors/required";

export interface RestoreReport {
  tables: number;
  rows: number;
}

export class VerificationError extends BackupError {
  override name = "VerificationError";
  constructor(readonly mismatches: string[]) {
    super(`The restored data does not match the backup; nothing was restored:\n  ${mismatches.join("\n  ")}`);
  }
}

/** Before touching the database: every table file and migration file is the one the manifest names. */
async function checkFiles(folder: string, manifest: BackupManifest): Promise<void> {
  const wrong: string[] = [];
  for (const table of manifest.tables) {
    const actual = await sha256OfFile(path.join(folder, table.file)).catch(() => "missing");
    if (actual !== table.sha256) wrong.push(`${table.file}: ${actual === "missing" ? "missing" : "changed"}`);
  }
  for (const migration of manifest.migrations) {
    const file = path.join(folder, "migrations", migration.name, "migration.sql");
    const actual = await sha256OfFile(file).catch(() => "missing");
    if (actual !== migration.checksum)
      wrong.push(`migrations/${migration.name}: ${actual === "missing" ? "missing" : "changed"}`);
  }
  if (wrong.length > 0) throw new VerificationError(wrong);
}

/** Empty: no rows in any of the app's tables (a database the app only migrated counts as empty). */
async function refuseUnlessEmpty(client: pg.ClientBase): Promise<void> {
  const tables = await listTables(client);
  const withRows: string[] = [];
  for (const table of tables) {
    const { rowCount } = await client.query(`SELECT 1 FROM ${quoteIdent(table.name)} LIMIT 1`);
    if (rowCount) withRows.push(table.name);
  }
  if (withRows.length > 0) {
    throw new BackupError(
      `The target database is not empty (rows in ${withRows.slice(0, 5).join(", ")}${withRows.length > 5 ? ", …" : ""}). ` +
        "Restore into a new database (db:restore --new-database <name>) or an empty one.",
    );
  }
}

async function checkMigrations(client: pg.ClientBase, manifest: BackupManifest): Promise<void> {
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${quoteIdent(BOOKKEEPING_TABLE)}
      WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  const applied = rows.map((row) => row.migration_name).join(",");
  if (applied !== manifest.migrations.map((m) => m.name).join(",")) {
    throw new BackupError(
      "The target database's migrations differ from the backup's; restore into a new database.",
    );
  }
}

async function loadTables(client: pg.ClientBase, folder: string, manifest: BackupManifest): Promise<void> {
  const present = new Map((await listTables(client)).map((table) => [table.name, table]));
  const expected = new Set(manifest.tables.map((table) => table.name));
  const strays = [...present.keys()].filter((name) => !expected.has(name));
  if (strays.length > 0) throw new BackupError(`Tables not in the backup: ${strays.join(", ")}.`);
  for (const table of manifest.tables) {
    if (present.get(table.name)?.columns.join(",") !== table.columns.join(",")) {
      throw new BackupError(`Table ${table.name} does not have the backup's columns after its migrations.`);
    }
    const columns = table.columns.map(quoteIdent).join(", ");
    await pipeline(
      createReadStream(path.join(folder, table.file)),
      client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columns}) FROM STDIN`)),
    );
  }
  for (const sequence of manifest.sequences) {
    await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [
      quoteIdent(sequence.name),
      sequence.lastValue,
      sequence.isCalled,
    ]);
  }
}

async function verify(client: pg.ClientBase, manifest: BackupManifest): Promise<void> {
  const byName = new Map((await listTables(client)).map((table) => [table.name, table]));
  const mismatches: string[] = [];
  for (const expected of manifest.tables) {
    // loadTables has checked that every table of the manifest is there.
    const actual = await fingerprint(client, required(byName.get(expected.name), `table ${expected.name}`));
    if (actual.rows !== expected.rows) {
      mismatches.push(`${expected.name}: ${actual.rows} rows, the backup says ${expected.rows}`);
    } else if (actual.checksum !== expected.checksum) {
      mismatches.push(`${expected.name}: checksum ${actual.checksum}, the backup says ${expected.checksum}`);
    }
  }
  if (mismatches.length > 0) throw new VerificationError(mismatches);
}

export async function restoreDatabase(location: string, databaseUrl: string): Promise<RestoreReport> {
  const { folder, manifest } = await readManifest(location);
  await checkFiles(folder, manifest);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await refuseUnlessEmpty(client);
    await applyMigrations(databaseUrl, path.join(folder, "migrations"));
    await checkMigrations(client, manifest);
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL session_replication_role = replica").catch((cause: unknown) => {
        throw new BackupError(
          "Restoring needs a role that may switch triggers off (SET session_replication_role): " +
            "a superuser or the database owner granted that setting.",
          { cause },
        );
      });
      await useCanonicalTextForm(client);
      await loadTables(client, folder, manifest);
      await verify(client, manifest);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
  return {
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
  };
}
