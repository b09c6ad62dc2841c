// Measuring one endpoint: a warm-up, then sequential requests (SQL statements, round trips and time
// per request, and the exact statements of each for the raw floor and EXPLAIN), then
// BENCH_CONCURRENCY requests in flight for BENCH_SECONDS, with latency percentiles and the CPU the
// API and PostgreSQL spent per request over that run.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { App } from "../src/app";
import type { LoggedStatement, StatementLog } from "../test/helpers/statement-log";
import { CONCURRENCY, COUNT_SAMPLES, SECONDS, WARMUP_MS } from "./knobs";
import { required } from "../src/errors/required";

export interface Request {
  method: "GET" | "PATCH" | "POST";
  url: string;
  payload?: object;
}

export interface Endpoint {
  name: string;
  /** The request worker `worker` makes next; `after` sees each 200 answer (to track versions). */
  next(worker: number): Request;
  after?(worker: number, body: unknown): void;
}

export interface Result {
  name: string;
  method: Request["method"];
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statements: number;
  roundTrips: number;
  /** One request at a time: wall-clock ms per request. */
  sequentialMs: number;
  /** CPU ms per request over the concurrent run: this process (the API, and inject's share) and PostgreSQL. */
  apiCpuMs: number;
  dbCpuMs: number | null;
  /** Requests answered 503 (a transaction over its time limit on a busy machine), over the whole run. */
  unavailable: number;
  /** The statements each sequential request sent, for the raw floor and EXPLAIN. */
  samples: LoggedStatement[][];
}

export const percentile = (sorted: number[], p: number) =>
  required(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)], "a latency");

export async function measure(
  app: App,
  headers: { cookie: string; csrf: Record<string, string> },
  probes: { log: StatementLog; serverCpuMs: () => number | null },
  endpoint: Endpoint,
): Promise<Result> {
  const { log } = probes;
  let method: Request["method"] = "GET";
  let unavailable = 0;
  const call = async (worker: number) => {
    const request = endpoint.next(worker);
    method = request.method;
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.method === "GET" ? { cookie: headers.cookie } : headers.csrf,
      ...(request.payload ? { payload: request.payload } : {}),
    });
    // On a busy machine a write's transaction can outlast Prisma's 5 s limit: the app answers 503
    // (retry later), as it would to a user. Counted and shown; anything else stops the run.
    if (response.statusCode === 503) {
      unavailable += 1;
      return;
    }
    if (response.statusCode !== 200) {
      throw new Error(`${endpoint.name}: ${response.statusCode} ${response.body.slice(0, 500)}`);
    }
    endpoint.after?.(worker, response.json());
  };
  const run = async (untilMs: number, latencies?: number[]) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (performance.now() < untilMs) {
          const started = performance.now();
          await call(worker);
          latencies?.push(performance.now() - started);
        }
      }),
    );

  await run(performance.now() + WARMUP_MS);
  const statementsBefore = log.statements;
  const tripsBefore = log.roundTrips;
  const samples: LoggedStatement[][] = [];
  const sequentialStarted = performance.now();
  for (let i = 0; i < COUNT_SAMPLES; i += 1) {
    log.capture();
    await call(i % CONCURRENCY);
    samples.push(log.stop());
  }
  const sequentialMs = (performance.now() - sequentialStarted) / COUNT_SAMPLES;
  const statements = (log.statements - statementsBefore) / COUNT_SAMPLES;
  const roundTrips = (log.roundTrips - tripsBefore) / COUNT_SAMPLES;

  // CPU is what load on a shared machine distorts least: the time a request keeps a core busy, taken
  // over the whole concurrent run (many requests, so /proc's 10 ms ticks do not matter).
  const latencies: number[] = [];
  const profiler = await startProfile();
  const dbBefore = probes.serverCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run(started + SECONDS * 1_000, latencies);
  const elapsed = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const dbAfter = probes.serverCpuMs();
  await profiler?.(endpoint.name);
  latencies.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    method,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statements,
    roundTrips,
    sequentialMs,
    apiCpuMs: (cpu.user + cpu.system) / 1_000 / latencies.length,
    dbCpuMs: dbBefore === null || dbAfter === null ? null : (dbAfter - dbBefore) / latencies.length,
    unavailable,
    samples,
  };
}

/**
 * With BENCH_CPU_PROFILE=<folder>: a V8 CPU profile of this process over each endpoint's concurrent
 * run, written as <folder>/<endpoint>.cpuprofile (open it in Chrome's DevTools or speedscope). The
 * profiler's own cost inflates the run's API CPU a little: compare figures from runs without it.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return null;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async (name) => {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    const file = path.join(folder, `${name.replace(/[^\w.-]+/g, "_")}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.error(`CPU profile of ${name}: ${file}`);
  };
}
