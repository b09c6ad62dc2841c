// The backup folder's table of contents, written last (a folder without it is an unfinished backup)
// and checked first on restore: format, migrations, and per table its file, row count and checksum.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export const BACKUP_FORMAT = "ipt-planner-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const safeName = z.string().regex(/^[A-Za-z0-9_]+$/, "a plain identifier");

export const backupManifest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  postgresVersion: z.string(),
  /** Applied migrations, oldest first; their files are copied to migrations/<name>/migration.sql. */
  migrations: z.array(z.strictObject({ name: safeName, checksum: sha256Hex })),
  /** In foreign-key order (parents first); the order the restore loads them in. */
  tables: z.array(
    z.strictObject({
      name: safeName,
      columns: z.array(z.string().min(1)),
      /** tables/<name>.copy, PostgreSQL COPY text format. */
      file: z.string().regex(/^tables\/[A-Za-z0-9_]+\.copy$/),
      /** SHA-256 of the file, checked before anything is loaded. */
      sha256: sha256Hex,
      rows: z.number().int().min(0),
      /** See fingerprint() in catalog.ts; compared with the restored table. */
      checksum: z.string().regex(/^[0-9a-f]{32}$/),
    }),
  ),
  sequences: z.array(
    z.strictObject({ name: safeName, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
});
export type BackupManifest = z.infer<typeof backupManifest>;

export class BackupError extends Error {
  override name = "BackupError";
}

/** The folder and its validated manifest; `location` may name the folder or its manifest.json. */
export async function readManifest(location: string): Promise<{ folder: string; manifest: BackupManifest }> {
  const folder = path.basename(location) === MANIFEST_FILE ? path.dirname(location) : location;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), "utf8"));
  } catch (cause) {
    throw new BackupError(`${folder} holds no readable ${MANIFEST_FILE}; is it a finished backup?`, {
      cause,
    });
  }
  const parsed = backupManifest.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new BackupError(
      `${MANIFEST_FILE} is not a backup manifest this version reads:\n  ${problems.join("\n  ")}`,
    );
  }
  return { folder, manifest: parsed.data };
}
