// The printed report: how the figures were taken, the data and the machine, then the results table.
import os from "node:os";
import { CLIENTS_PER_THERAPIST, CONCURRENCY, COUNT_SAMPLES, POOL, SECONDS, WARMUP_MS } from "./knobs";
import type { Result } from "./measure";

export interface RunFacts {
  startedAt: Date;
  /** os.loadavg() when the run started. */
  loadAtStart: number[];
  /** Rows seeded, by kind. */
  counts: Record<string, number>;
  seedSeconds: number;
  serverVersion: string | undefined;
}

/** The lines above the table: method, data, machine and versions. */
export function facts(run: RunFacts): string {
  const cpus = os.cpus();
  const load = (loads: number[]) => loads.map((l) => l.toFixed(1)).join(" ");
  const data = Object.entries(run.counts).map(([k, v]) => `${v} ${k}`);
  return [
    "",
    `Clinical API benchmark, ${run.startedAt.toISOString()}`,
    `Requests: app.inject() (in-process, no socket), ${CONCURRENCY} in flight, ${SECONDS} s per endpoint`,
    `after a ${WARMUP_MS / 1_000} s warm-up. Then ${COUNT_SAMPLES} sequential requests: SQL/req, statements`,
    `sent on the pool per request (BEGIN and COMMIT included); seq ms, wall-clock per request; API CPU`,
    `and DB CPU, ms of CPU per request used by this process and by PostgreSQL (embedded cluster only).`,
    `Data: ${data.join(", ")}; seeded in ${run.seedSeconds.toFixed(1)} s.`,
    `The signed-in therapist has ${CLIENTS_PER_THERAPIST} clients.`,
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB,` +
      ` ${os.platform()} ${os.release()}; load average ${load(run.loadAtStart)} at start, ${load(os.loadavg())} at end.`,
    `Node.js ${process.version}; PostgreSQL ${run.serverVersion ?? "?"}; Prisma pool of ${POOL}.`,
    "",
  ].join("\n");
}

export function table(results: Result[]): string {
  const head = ["endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "SQL/req", "seq ms", "API CPU", "DB CPU"];
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    r.statements.toFixed(1),
    r.sequentialMs.toFixed(1),
    r.apiCpuMs.toFixed(1),
    r.dbCpuMs === null ? "–" : r.dbCpuMs.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}
