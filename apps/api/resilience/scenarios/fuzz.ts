// Scenario "fuzz": the OpenAPI fuzz (resilience/fuzz/openapi.fuzz.test.ts). It needs the test
// harness (embedded PostgreSQL, the security world), so it runs as vitest's "fuzz" project; this
// script relays vitest's exit code and prints the figures the test left in a report file.
// RESILIENCE_FUZZ_RUNS sets the runs per operation and actor (default 200).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "../fuzz/tally";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reportDir = mkdtempSync(path.join(tmpdir(), "ipt-fuzz-"));
const reportFile = path.join(reportDir, "report.json");

// The exit-code reporter is named again: a --reporter flag replaces the configured list, and without
// it a failed fuzz test exited 0 (see test/exit-code-reporter.ts).
const reporters = ["--reporter", "dot", "--reporter", "./test/exit-code-reporter.ts"];
const child = spawn("pnpm", ["exec", "vitest", "run", "--project", "fuzz", ...reporters], {
  cwd: apiDir,
  env: { ...process.env, FUZZ_REPORT: reportFile },
  stdio: "inherit",
});
// Stopped from outside: let vitest stop its PostgreSQL and drop its databases on the way out.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));

let report: Report | null = null;
try {
  report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
} catch {
  console.error("fuzz: the test left no report (it did not get as far as its figures)");
}
rmSync(reportDir, { recursive: true, force: true });
if (report) {
  console.log(report.lines.join("\n"));
  if (report.never2xx.length > 0) console.log(`  (no actor got a 2xx from: ${report.never2xx.join(", ")})`);
  for (const failure of report.failures) console.error(`fuzz: FAILED ${failure}`);
}
process.exit(code === 0 && report !== null && report.failures.length === 0 ? 0 : 1);
