// `pnpm lighthouse`: Lighthouse (mobile preset, simulated slow 4G and a 4× slower CPU) on the sign-in,
// caseload, course and session pages of the demo app, signed in as the demo therapist. Prints
// accessibility, best practices and performance per page and fails below the bars. Not part of
// `npm test`: a run takes minutes and its performance figures move with the machine's load.
//
//   pnpm lighthouse                           (from the repository root: builds the web app first)
//   pnpm --filter @ipt/web lighthouse         (audits the current build in apps/web/dist)
//
// Knobs: CHROMIUM_PATH (/usr/bin/chromium); LIGHTHOUSE_REPORT_DIR (also write each page's report, HTML and JSON);
// LIGHTHOUSE_PAGES (a comma-separated subset of sign-in,caseload,course,session, for quicker comparisons);
// LIGHTHOUSE_RUNS (1: audits per page, on one demo app; the run with the median performance score is
// reported and kept, and every run's score printed).
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Flags, type Result } from "lighthouse";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { demoTherapistPages, startDemoApp } from "./demo-app";

/** The bars each page must meet (scores from 0 to 1). */
const BARS = { accessibility: 1, "best-practices": 0.95, performance: 0.9 } as const;
type Category = keyof typeof BARS;
const CATEGORIES = Object.keys(BARS) as Category[];

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const METRICS = [
  ["FCP", "first-contentful-paint"],
  ["LCP", "largest-contentful-paint"],
  ["TBT", "total-blocking-time"],
  ["CLS", "cumulative-layout-shift"],
] as const;

/** A value Lighthouse always reports (a category or audit of its own config); else the report changed. */
function reported<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Lighthouse reported no ${what}`);
  return value;
}

interface PageResult {
  name: string;
  lhr: Result;
  /** Every run's performance score, when the page was audited more than once. */
  scores?: number[];
}

const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));

/** Every audit that lost points in a category: its title and what it shows. */
function lostPoints(lhr: Result, category: Category): string[] {
  return reported(lhr.categories[category], category)
    .auditRefs.filter((ref) => ref.weight > 0)
    .map((ref) => reported(lhr.audits[ref.id], ref.id))
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map(
      (audit) =>
        `${audit.id} (${audit.score}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`,
    );
}

function report(results: PageResult[]): string[] {
  // Lighthouse's own measure of the host's CPU speed (a quiet desktop scores about 1,000 or more): the
  // performance score is only as good as the machine it is measured on.
  const header = ["page", ...CATEGORIES, ...METRICS.map(([label]) => label), "host CPU index"];
  const rows = results.map(({ name, lhr }) => [
    name,
    ...CATEGORIES.map((category) => (reported(lhr.categories[category], category).score ?? 0).toFixed(2)),
    ...METRICS.map(([, id]) => reported(lhr.audits[id], id).displayValue ?? "–"),
    String(Math.round(lhr.environment.benchmarkIndex)),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? "").length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  "));

  for (const { name, scores } of results) {
    if (scores)
      console.log(
        `${name}: performance of the ${scores.length} runs ${scores.map((score) => score.toFixed(2)).join(", ")}`,
      );
  }

  const failures: string[] = [];
  for (const { name, lhr } of results) {
    for (const category of CATEGORIES) {
      const score = reported(lhr.categories[category], category).score ?? 0;
      if (score >= BARS[category]) continue;
      failures.push(`${name}: ${category} ${score.toFixed(2)} is below ${BARS[category]}`);
      for (const audit of lostPoints(lhr, category)) failures.push(`    ${audit}`);
    }
  }
  return failures;
}

async function main() {
  console.log(
    `Lighthouse on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ` +
      `${(os.loadavg()[0] ?? 0).toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
  );
  const app = await startDemoApp();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
  });
  const results: PageResult[] = [];
  try {
    const signedIn = await demoTherapistPages(app.url);
    const pages = [
      { name: "sign-in", path: "/login", headers: {} },
      // The session cookie as a raw header: Lighthouse clears the browser's storage before each page.
      ...(["caseload", "course", "session"] as const).map((name) => ({
        name,
        path: signedIn[name],
        headers: { Cookie: signedIn.cookie },
      })),
    ];
    const only = process.env.LIGHTHOUSE_PAGES?.split(",").map((name) => name.trim());
    for (const page of pages.filter(({ name }) => !only || only.includes(name))) {
      const flags: Flags = {
        port: chrome.port,
        output: ["html", "json"],
        logLevel: "error",
        onlyCategories: CATEGORIES,
        extraHeaders: page.headers,
      };
      const runs: NonNullable<Awaited<ReturnType<typeof lighthouse>>>[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await lighthouse(`${app.url}${page.path}`, flags);
        if (!run) throw new Error(`Lighthouse returned nothing for ${page.name}`);
        if (run.lhr.runtimeError) throw new Error(`${page.name}: ${run.lhr.runtimeError.message}`);
        runs.push(run);
      }
      const performanceOf = (lhr: Result) => reported(lhr.categories.performance, "performance").score ?? 0;
      runs.sort((a, b) => performanceOf(a.lhr) - performanceOf(b.lhr));
      const run = reported(runs[Math.floor(runs.length / 2)], "run");
      results.push({
        name: page.name,
        lhr: run.lhr,
        ...(RUNS > 1 ? { scores: runs.map(({ lhr }) => performanceOf(lhr)) } : {}),
      });
      const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
      if (reportDir) {
        await mkdir(reportDir, { recursive: true });
        const [html = "", json = ""] = [run.report].flat();
        await writeFile(path.join(reportDir, `${page.name}.html`), html);
        await writeFile(path.join(reportDir, `${page.name}.json`), json);
      }
    }
  } finally {
    chrome.kill();
    await app.stop();
  }

  const failures = report(results);
  if (failures.length > 0) {
    console.error(`\nBelow the bars:\n${failures.join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("\nEvery page meets the bars.");
  }
}

await main();
