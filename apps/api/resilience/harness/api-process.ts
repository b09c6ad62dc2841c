// The real server as a child process (`node --import tsx src/server.ts`), as it runs in production:
// its own port, its own Prisma pool, logs to a file. Scenarios kill it, run two of it, or load it.
import { endpointPath, endpoints } from "@ipt/shared";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../test/helpers/test-cluster";
import { onCleanup, scenarioLogDir, sleep, trackChild } from "./scenario";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ApiProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  pid: number;
  /** Where the server's stdout and stderr (pino JSON lines) go. */
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGKILL by default) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** A graceful stop (SIGTERM), SIGKILL after 15 s. Also run automatically when the scenario ends. */
  stop(): Promise<void>;
  /** CPU time the process has used so far (user + system), in ms; NaN where /proc is missing. */
  cpuMs(): number;
}

export interface StartApiOptions {
  databaseUrl: string;
  /** More or overriding environment for the server (see src/config/config.ts), e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  /** Names the log file (api-<name>.log); several servers in one scenario need different names. */
  name?: string;
  /** A fixed port (to restart a server where clients expect it); a free one by default. */
  port?: number;
  /** How long to wait for GET /api/health/ready to answer 200. */
  readyTimeoutMs?: number;
}

let started = 0;

export async function startApi(options: StartApiOptions): Promise<ApiProcess> {
  started += 1;
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(scenarioLogDir(), `api-${options.name ?? started}.log`);
  const log = openSync(logFile, "a");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      // The scenario's database is migrated by startDatabase(); several servers must not race to do it.
      MIGRATE_ON_START: "false",
      SEED_DEMO: "false",
      TRUST_PROXY: "false",
      LOG_LEVEL: "info",
      // API only: the SPA's files are not what these scenarios exercise.
      WEB_DIST_DIR: path.join(apiDir, "resilience", "no-web-app"),
      ...options.env,
    },
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error("the API process did not start");
  const untrack = trackChild(pid);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      untrack();
      resolve(code);
    }),
  );
  let running = true;
  void exited.then(() => (running = false));

  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (!running) return;
    child.kill(signal);
    await exited;
  };
  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const ended = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!ended) await kill("SIGKILL");
  };
  onCleanup(stop);

  await waitUntilReady(url, options.readyTimeoutMs ?? 60_000, () => running, logFile);
  return { url, port, pid, logFile, exited, kill, stop, cpuMs: () => cpuMsOf(pid) };
}

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) ": state is the 3rd field; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // 100 clock ticks a second
  } catch {
    return Number.NaN;
  }
}

async function waitUntilReady(url: string, timeoutMs: number, running: () => boolean, logFile: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running()) throw new Error(`the API exited before it was ready:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}${endpointPath(endpoints.health.ready)}`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the API was not ready within ${timeoutMs} ms:\n${tail(logFile)}`);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
