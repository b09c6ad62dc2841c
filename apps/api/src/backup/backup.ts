// A logical backup in Node (these machines have no pg_dump): inside one REPEATABLE READ snapshot,
// each table is copied out with COPY … TO STDOUT and fingerprinted, the applied migrations' files
// are copied beside it, and manifest.json is written last. Works with any PostgreSQL the app uses,
// the embedded one included.
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { readMigrations } from "../db/migrations";
import { fingerprint, listTables, quoteIdent, readSequences, useCanonicalTextForm } from "./catalog";
import { hashingStream, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./files";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  MANIFEST_FILE,
  type BackupManifest,
} from "./manifest";
import { required } from "../errors/required";

async function prepareFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((await readdir(folder)).length > 0) {
    throw new BackupError(`${folder} is not empty; back up into a new folder.`);
  }
  await mkdir(path.join(folder, "tables"), { mode: PRIVATE_DIR_MODE });
  await mkdir(path.join(folder, "migrations"), { mode: PRIVATE_DIR_MODE });
}

/** The applied migrations, each checked against (and copied from) the code's migrations folder. */
async function copyMigrations(client: pg.ClientBase, migrationsDir: string, folder: string) {
  const { rows: bookkeeping } = await client.query<{ t: string | null }>(
    "SELECT to_regclass('\"_prisma_migrations\"') AS t",
  );
  if (!bookkeeping[0]?.t)
    throw new BackupError("The database was never migrated; there is nothing to back up.");
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  const files = new Map((await readMigrations(migrationsDir)).map((file) => [file.name, file]));
  for (const row of rows) {
    const file = files.get(row.migration_name);
    if (!file || file.checksum !== row.checksum) {
      throw new BackupError(
        `The database's migration ${row.migration_name} is not in ${migrationsDir} as applied; ` +
          "back up with the code that migrated this database.",
      );
    }
    const target = path.join(folder, "migrations", row.migration_name);
    await mkdir(target, { mode: PRIVATE_DIR_MODE });
    await copyFile(
      path.join(migrationsDir, row.migration_name, "migration.sql"),
      path.join(target, "migration.sql"),
    );
  }
  return rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }));
}

export async function backupDatabase(
  databaseUrl: string,
  folder: string,
  migrationsDir: string,
): Promise<BackupManifest> {
  await prepareFolder(folder);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One snapshot: every table, count and checksum as of the same moment, while the app keeps running.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await useCanonicalTextForm(client);
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    const migrations = await copyMigrations(client, migrationsDir, folder);
    const tables: BackupManifest["tables"] = [];
    for (const table of await listTables(client)) {
      const file = `tables/${table.name}.copy`;
      const hashing = hashingStream();
      const columns = table.columns.map(quoteIdent).join(", ");
      await pipeline(
        // Through a query: COPY reads a partitioned table (the audit log) only that way.
        client.query(copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(table.name)}) TO STDOUT`)),
        hashing.stream,
        createWriteStream(path.join(folder, file), { mode: PRIVATE_FILE_MODE }),
      );
      const { rows, checksum } = await fingerprint(client, table);
      tables.push({
        name: table.name,
        columns: table.columns,
        file,
        sha256: hashing.digest(),
        rows,
        checksum,
      });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      postgresVersion: required(version[0], "SHOW server_version's row").server_version,
      migrations,
      tables,
      sequences: await readSequences(client),
    };
    await client.query("COMMIT");
    await writeFile(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: PRIVATE_FILE_MODE,
    });
    return manifest;
  } finally {
    await client.end();
  }
}
