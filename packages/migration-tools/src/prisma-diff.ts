import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoSchemaPath = path.resolve(packageDir, "../../prisma/schema.prisma");

/**
 * Prisma 6 reads the same data model but wants the older generator name and a datasource url;
 * neither changes the SQL it produces.
 */
export function toPrisma6Schema(schema: string): string {
  return schema
    .replace(/provider\s*=\s*"prisma-client"/, 'provider = "prisma-client-js"')
    .replace(/^\s*(output|moduleFormat)\s*=.*$/gm, "")
    .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*"postgresql")/, '$1\n  url = env("DATABASE_URL")');
}

/** Runs `prisma migrate diff <args> --script` on the WebAssembly engine and returns the SQL. */
async function migrateDiff(args: string[], schemas: Record<string, string>, databaseUrl: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "ipt-prisma-diff-"));
  try {
    const paths: Record<string, string> = {};
    for (const [name, text] of Object.entries(schemas)) {
      paths[name] = path.join(dir, `${name}.prisma`);
      await writeFile(paths[name], toPrisma6Schema(text));
    }
    const resolved = args.map((arg) => (arg.startsWith("@") ? (paths[arg.slice(1)] ?? arg) : arg));
    const prismaBin = path.join(packageDir, "node_modules", "prisma", "build", "index.js");
    const { stdout } = await run(process.execPath, [prismaBin, "migrate", "diff", ...resolved, "--script"], {
      cwd: packageDir,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MIGRATION_TOOLS_SCHEMA: paths[Object.keys(schemas)[0] ?? ""] ?? repoSchemaPath,
        // Point Prisma at stand-ins so it does not try to download engines it will not use.
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
        PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** SQL that builds the given data model from an empty database, as Prisma would write it. */
export async function sqlForSchema(schema: string, databaseUrl: string): Promise<string> {
  return migrateDiff(["--from-empty", "--to-schema-datamodel", "@target"], { target: schema }, databaseUrl);
}

/** SQL that moves a database from one data model to another, as Prisma would write it. */
export async function sqlBetweenSchemas(from: string, to: string, databaseUrl: string): Promise<string> {
  return migrateDiff(
    ["--from-schema-datamodel", "@from", "--to-schema-datamodel", "@to"],
    { to, from },
    databaseUrl,
  );
}

export async function readRepoSchema(): Promise<string> {
  return readFile(repoSchemaPath, "utf8");
}
