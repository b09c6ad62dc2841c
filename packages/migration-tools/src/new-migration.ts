// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the data model as
// committed (git HEAD) to the one in the working tree. Usage:
//   DATABASE_URL=postgresql://… pnpm --filter @ipt/migration-tools migration:new add_clients
// DATABASE_URL may point at any reachable PostgreSQL; the diff reads nothing from it.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { readRepoSchema, repoSchemaPath, sqlBetweenSchemas } from "./prisma-diff";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: migration:new <name_in_snake_case>");
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("Set DATABASE_URL to any reachable PostgreSQL (Prisma's adapter connects to it).");
  process.exit(2);
}

const repoRoot = path.resolve(path.dirname(repoSchemaPath), "..");
const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
  cwd: repoRoot,
  encoding: "utf8",
});
const sql = await sqlBetweenSchemas(committed, await readRepoSchema(), databaseUrl);
if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  console.error("schema.prisma has no change since HEAD: no migration written.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(repoRoot, "prisma", "migrations", `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
console.log(
  `Wrote ${path.relative(repoRoot, dir)}/migration.sql — review it, then commit it with the schema.`,
);
