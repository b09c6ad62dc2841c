// A throwaway PostgreSQL for a test run: TEST_DATABASE_URL's server when set, otherwise an
// embedded cluster in a temporary folder on a free port, deleted when the run ends (so it skips
// the disk work of crash safety).
import { chmod, mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres";

export interface TestCluster {
  /** Superuser URL for any database on the server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function startTestCluster(): Promise<TestCluster> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const base = new URL(external);
    return {
      urlFor: (database) => Object.assign(new URL(base), { pathname: `/${database}` }).toString(),
      stop: async () => {},
    };
  }
  const parent = await mkdtemp(path.join(tmpdir(), "ipt-test-pg-"));
  // mkdtemp makes a 0700 folder; PostgreSQL runs as the `postgres` user when we are root.
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "data");
  return startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, durable: false });
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The test deployments' sign-in settings: a second factor required of no role, as an admin may set
 * it, so tests that are not about factors sign in with a password alone. A new deployment requires
 * one of every role (docs/decisions/021); the factor tests store what they need.
 */
export async function storeTestSignInSettings(url: string): Promise<void> {
  await adminQuery(
    url,
    `INSERT INTO sign_in_settings (id, mfa_required_roles, step_up_minutes, version, updated_at)
     VALUES (1, '{}', 15, 1, now())`,
  );
}
