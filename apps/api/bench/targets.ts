// Issue 16's goals, each printed as met or not from the figures of this run. The caseload's
// throughput is compared with BASELINE: what this harness printed before the caseload and client
// read were rewritten (docs/benchmarks.md, "At scale"). Only a sequential scan of a big table fails
// the run (exit code 1); an unmet target is printed as NOT MET.
import type { Measured } from "./clinical";
import type { Explained } from "./explain";

export interface Run {
  /** Clients in the database. */
  clients: number;
  results: Measured[];
  explained: { name: string; plans: Explained[] }[];
}

/**
 * Caseload page 1 by clients in the database: req/s and CPU ms per request (API + PostgreSQL), printed
 * by this harness on the code before issue 16's caseload and client-read changes (commit 636bdc3),
 * on a quiet machine (docs/benchmarks.md, "At scale", 2026-12-07 17:28). Only figures measured on a
 * quiet machine are kept: an earlier baseline taken at load average 20–33 made every later quiet run
 * look several times faster. A size without a baseline prints n/a; to compare there, run commit
 * 636bdc3 with the same BENCH_SCALE_THERAPISTS on the same machine.
 */
export const BASELINE: Record<number, { perSecond: number; cpuMs: number }> = {
  1500: { perSecond: 130, cpuMs: 12.6 },
};

const CASELOAD = "GET /api/clients (page 1";
const CLIENT_READ = "GET /api/clients/:clientId";
const COCKPIT = "GET /api/supervision/cockpit";

export function targets(runs: Run[], clientsPerTherapist: number): boolean {
  const lines: string[] = ["", "Issue 16 targets:"];
  const say = (met: boolean | null, what: string) =>
    lines.push(`  ${met === null ? "n/a    " : met ? "MET    " : "NOT MET"}  ${what}`);
  const row = (run: Run, name: string) => run.results.find((r) => r.name.startsWith(name));
  const sorted = [...runs].sort((a, b) => a.clients - b.clients);
  const small = sorted[0];
  const big = sorted.at(-1);

  for (const run of sorted) {
    const at = `at ${run.clients} clients`;
    const caseload = row(run, CASELOAD);
    if (caseload) {
      const baseline = BASELINE[run.clients];
      const cpuMs = caseload.apiCpuMs + (caseload.dbCpuMs ?? 0);
      say(
        baseline === undefined ? null : caseload.perSecond >= 3 * baseline.perSecond,
        baseline === undefined
          ? `caseload ≥ 3 × today's throughput ${at}: no baseline recorded for this size (${caseload.perSecond.toFixed(0)} req/s now)`
          : `caseload ≥ 3 × today's throughput ${at}: ${caseload.perSecond.toFixed(0)} req/s vs ${baseline.perSecond} (${(caseload.perSecond / baseline.perSecond).toFixed(2)} ×); CPU per request (API + DB) ${cpuMs.toFixed(1)} ms vs ${baseline.cpuMs} (${(baseline.cpuMs / cpuMs).toFixed(2)} × less)`,
      );
      say(
        caseload.roundTrips <= 3,
        `caseload ≤ 3 round trips ${at}: ${caseload.roundTrips.toFixed(1)} (${caseload.statements.toFixed(1)} statements)`,
      );
    }
    const client = row(run, CLIENT_READ);
    if (client) {
      say(
        client.roundTrips <= 3,
        `client read ≤ 3 round trips ${at}: ${client.roundTrips.toFixed(1)} (${client.statements.toFixed(1)} statements)`,
      );
      if (client.raw && client.rawWithoutAudit) {
        const ratio = client.raw.perSecond / client.rawWithoutAudit.perSecond;
        say(
          ratio >= 0.8,
          `audited client read ≥ 0.8 × the same read without the audit insert (raw pg) ${at}: ${ratio.toFixed(2)} ×`,
        );
      }
    }
  }

  const cockpitBig = big && row(big, COCKPIT);
  if (big && cockpitBig) {
    const at = `at ${big.clients} clients`;
    say(
      cockpitBig.sequentialMs <= 30,
      `cockpit: one request ≤ 30 ms ${at}: ${cockpitBig.sequentialMs.toFixed(1)} ms`,
    );
    const cockpitSmall = small && small !== big ? row(small, COCKPIT) : undefined;
    if (small && cockpitSmall) {
      const ratio = cockpitBig.p50 / cockpitSmall.p50;
      say(
        ratio <= 1.2,
        `cockpit: p50 at ${big.clients} within 1.2 × of ${small.clients} clients: ${cockpitBig.p50.toFixed(1)} / ${cockpitSmall.p50.toFixed(1)} ms = ${ratio.toFixed(2)} ×`,
      );
    } else {
      say(null, "cockpit: p50 at scale within 1.2 × of the small size: needs two sizes (--scale)");
    }
    if (cockpitBig.raw) {
      const ratio = cockpitBig.perSecond / cockpitBig.raw.perSecond;
      say(ratio >= 0.6, `cockpit: throughput ≥ 0.6 × raw pg ${at}: ${ratio.toFixed(2)} ×`);
    }
  }

  let scans = 0;
  for (const run of sorted) {
    for (const { name, plans } of run.explained) {
      for (const plan of plans) {
        for (const scan of plan.seqScans) {
          scans += 1;
          lines.push(
            `  FAIL     ${name} at ${run.clients} clients: sequential scan of ${scan.table} (${scan.rows} rows)`,
          );
        }
      }
    }
  }
  say(scans === 0, `no big table scanned sequentially (${scans} found)`);
  lines.push(`  (the measured therapist has ${clientsPerTherapist} clients at every size)`);
  console.log(lines.join("\n"));
  return scans > 0;
}
