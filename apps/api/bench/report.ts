// The printed report: how the figures were taken, the data and the machine, then the results table
// and the plans of the statements.
import os from "node:os";
import type { Measured } from "./clinical";
import { BIG_TABLE_ROWS, type Explained } from "./explain";
import { CONCURRENCY, COUNT_SAMPLES, POOL, SECONDS, WARMUP_MS } from "./knobs";

export interface RunFacts {
  startedAt: Date;
  /** os.loadavg() when the run started. */
  loadAtStart: number[];
  /** Rows seeded, by kind. */
  counts: Record<string, number>;
  seedSeconds: number;
  /** The bulk seed's steps and their seconds (empty for seed.ts). */
  seedSteps: [string, number][];
  serverVersion: string | undefined;
}

/** The lines above the table: method, data, machine and versions. */
export function facts(run: RunFacts): string {
  const cpus = os.cpus();
  const load = (loads: number[]) => loads.map((l) => l.toFixed(1)).join(" ");
  const data = Object.entries(run.counts).map(([k, v]) => `${v} ${k}`);
  const steps = run.seedSteps.map(([name, seconds]) => `${name} ${seconds.toFixed(0)} s`);
  return [
    "",
    `Clinical API benchmark, ${run.startedAt.toISOString()}`,
    `Requests: app.inject() (in-process, no socket), ${CONCURRENCY} in flight, ${SECONDS} s per endpoint`,
    `after a ${WARMUP_MS / 1_000} s warm-up, and first ${COUNT_SAMPLES} sequential requests. SQL/req and RT/req:`,
    `statements sent on the pool per request (BEGIN and COMMIT included) and round trips (waits for`,
    `the database; statements in flight together share one); seq ms: one request alone; API CPU and`,
    `DB CPU: ms of CPU per request over the concurrent run, this process and PostgreSQL's backends`,
    `(embedded cluster only); raw req/s: the same statements replayed by a plain pg pool at the same`,
    `concurrency; app/raw: the ratio of the two throughputs; 503s: answers "briefly unavailable" (a`,
    `write's transaction over Prisma's 5 s limit on a busy machine), counted, not measured.`,
    `Data: ${data.join(", ")}; seeded in ${run.seedSeconds.toFixed(1)} s${steps.length ? ` (${steps.join(", ")})` : ""}.`,
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB,` +
      ` ${os.platform()} ${os.release()}; load average ${load(run.loadAtStart)} at start, ${load(os.loadavg())} at end.`,
    `Node.js ${process.version}; PostgreSQL ${run.serverVersion ?? "?"}; Prisma pool of ${POOL}.`,
    "",
  ].join("\n");
}

export function table(results: Measured[]): string {
  const head = [
    "endpoint",
    "req/s",
    "p50 ms",
    "p99 ms",
    "SQL/req",
    "RT/req",
    "seq ms",
    "API CPU",
    "DB CPU",
    "raw req/s",
    "app/raw",
    "503s",
  ];
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.statements.toFixed(1),
    r.roundTrips.toFixed(1),
    r.sequentialMs.toFixed(1),
    r.apiCpuMs.toFixed(2),
    r.dbCpuMs === null ? "–" : r.dbCpuMs.toFixed(2),
    r.raw ? r.raw.perSecond.toFixed(0) : "–",
    r.raw ? (r.perSecond / r.raw.perSecond).toFixed(2) : "–",
    String(r.unavailable),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

const oneLine = (sql: string, length = 160) => {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

/** Each endpoint's distinct statements with their plan's shape; a sequential scan of a big table is a FAIL line. */
export function explainReport(explained: { name: string; plans: Explained[] }[]): string {
  const lines = [
    `EXPLAIN (tables over ${BIG_TABLE_ROWS} rows must not be scanned sequentially; once: one run under`,
    "EXPLAIN (ANALYZE, BUFFERS), rolled back: execution time and shared buffers touched):",
  ];
  for (const { name, plans } of explained) {
    lines.push(`  ${name}`);
    for (const plan of plans) {
      const verdict = plan.seqScans.length
        ? `FAIL seq scan of ${plan.seqScans.map((s) => `${s.table} (${s.rows} rows)`).join(", ")}`
        : "ok";
      const run = plan.analyzed
        ? ` (once: ${plan.analyzed.ms.toFixed(2)} ms, ${plan.analyzed.buffers} buffers)`
        : "";
      lines.push(`    ${verdict}${run}: ${oneLine(plan.text)}`);
      lines.push(`      ${oneLine(plan.shape, 300)}`);
    }
  }
  return lines.join("\n");
}
