// One API server per Playwright worker, on its own database copied from the migrated template, so
// workers never see each other's accounts. The server also serves the built web app.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import { apiDir, tsxBin } from "./paths";

interface E2eDatabase {
  adminUrl: string;
  template: string;
  urlTemplate: string;
  /** The same, signed in as the app's least-privilege role: the server runs as it, like `npm start`. */
  appUrlTemplate: string;
}

export interface ApiServer {
  url: string;
  /** The database owner's connection, for a test's own set-up queries. */
  databaseUrl: string;
  stop(): Promise<void>;
}

function e2eDatabase(): E2eDatabase {
  const raw = process.env.E2E_DATABASE;
  if (!raw) throw new Error("E2E_DATABASE is not set: run the suite through playwright.config.ts");
  return JSON.parse(raw) as E2eDatabase;
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsxBin, args, { cwd: apiDir, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed: ${stderr}`)),
    );
  });
}

/** Adds the demo accounts and their invented caseloads to a worker's database (as `pnpm db:seed --force`). */
export function seedDemoData(server: ApiServer): Promise<void> {
  return run(["src/cli/seed.ts", "--force"], {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: server.databaseUrl,
    MIGRATE_ON_START: "false",
  });
}

export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 60_000) {
  for (let attempt = 0; attempt < timeoutMs / 200; attempt++) {
    if (child.exitCode !== null) throw new Error("the API server exited during start-up");
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API server did not become ready in ${timeoutMs / 1000} s`);
}

export async function startApiServer(admin: {
  email: string;
  name: string;
  password: string;
}): Promise<ApiServer> {
  const { adminUrl, template, urlTemplate, appUrlTemplate } = e2eDatabase();
  const name = `ipt_e2e_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const databaseUrl = urlTemplate.replace("__DB__", name);
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: appUrlTemplate.replace("__DB__", name),
    MIGRATION_DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    MIGRATE_ON_START: "false",
    // Every sign-in of a worker's specs comes from 127.0.0.1; the per-IP limit (10 a minute by
    // default) has its own integration tests and would otherwise throttle the set-up of accounts.
    LOGIN_RATE_LIMIT_MAX: "200",
    // No load shedding (0 switches each check off): the browser tests check pages, not the 503
    // (overload.int.test.ts does), and on a busy 2-core machine the loop lags without overload.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
  };
  await run(["src/cli/create-admin.ts"], {
    ...env,
    ADMIN_EMAIL: admin.email,
    ADMIN_NAME: admin.name,
    ADMIN_PASSWORD: admin.password,
  });
  const child = spawn(tsxBin, ["src/server.ts"], {
    cwd: apiDir,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child);
  return {
    url,
    databaseUrl,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
