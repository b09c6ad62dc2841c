// Measuring one endpoint: a warm-up, then sequential requests (SQL statements, time and CPU per
// request), then BENCH_CONCURRENCY requests in flight for BENCH_SECONDS, with latency percentiles.
import { performance } from "node:perf_hooks";
import type { App } from "../src/app";
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
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statements: number;
  /** One request at a time: wall-clock ms, and CPU ms of this process (the API) and of PostgreSQL. */
  sequentialMs: number;
  apiCpuMs: number;
  dbCpuMs: number | null;
}

const percentile = (sorted: number[], p: number) =>
  required(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)], "a latency");

export async function measure(
  app: App,
  headers: { cookie: string; csrf: Record<string, string> },
  probes: { counter: { statements: number }; serverCpuMs: () => number | null },
  endpoint: Endpoint,
): Promise<Result> {
  const { counter } = probes;
  const call = async (worker: number) => {
    const request = endpoint.next(worker);
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.method === "GET" ? { cookie: headers.cookie } : headers.csrf,
      ...(request.payload ? { payload: request.payload } : {}),
    });
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
  // CPU is what load on a shared machine distorts least: the time a request keeps a core busy.
  // Reading the server's CPU (from /proc) is kept outside the API's CPU window.
  const before = counter.statements;
  const dbBefore = probes.serverCpuMs();
  const cpuBefore = process.cpuUsage();
  const sequentialStarted = performance.now();
  for (let i = 0; i < COUNT_SAMPLES; i += 1) await call(i % CONCURRENCY);
  const sequentialMs = (performance.now() - sequentialStarted) / COUNT_SAMPLES;
  const cpu = process.cpuUsage(cpuBefore);
  const dbAfter = probes.serverCpuMs();
  const statements = (counter.statements - before) / COUNT_SAMPLES;

  const latencies: number[] = [];
  const started = performance.now();
  await run(started + SECONDS * 1_000, latencies);
  const elapsed = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statements,
    sequentialMs,
    apiCpuMs: (cpu.user + cpu.system) / 1_000 / COUNT_SAMPLES,
    dbCpuMs: dbBefore === null || dbAfter === null ? null : (dbAfter - dbBefore) / COUNT_SAMPLES,
  };
}
