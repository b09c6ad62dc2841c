// `pnpm --filter @ipt/web lighthouse:timings`: a repeatable, relative measure of the signed-in pages'
// load, for comparing two builds on a busy machine (Lighthouse's simulated figures move with the
// host's load). Each page of the demo app (as `pnpm lighthouse` audits it) is loaded several times in
// Debian's Chromium with DevTools throttling (Lighthouse's "applied" slow 4G: 562.5 ms round trip,
// 1.47 Mbit/s down; 4× slower CPU) and a cold cache; printed are the medians of first contentful
// paint, "content" (the first frame after the page's heading is in the DOM, i.e. the page itself
// rather than the loading state) and the main thread's busy time in the load, the requests made before
// the content, the renderer's CPU time until the content (the processor time it used, which a busy
// host does not inflate the way it does wall-clock times: the figure to compare between builds), and
// where the main thread spent its time (self time by script file, from a last, profiled run).
//
//   pnpm --filter @ipt/web lighthouse:timings        (the current build in apps/web/dist)
//   WEB_DIST_DIR=/tmp/other-build pnpm --filter @ipt/web lighthouse:timings   (another build, to compare)
//
// Knobs: LIGHTHOUSE_PAGES (subset of caseload,course,session); TIMINGS_RUNS (5); CHROMIUM_PATH;
// TIMINGS_PROFILE_DIR (also write each page's CPU profile, for DevTools' Performance panel).
import { chromium, type CDPSession } from "@playwright/test";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { demoTherapistPages, startDemoApp } from "./demo-app";

const RUNS = Number(process.env.TIMINGS_RUNS ?? 5);
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: 1_474_560 / 8,
  uploadThroughput: 675_000 / 8,
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Run {
  rendererCpuMs: number;
  fcp: number;
  lcp: number;
  content: number;
  requestsBeforeContent: number;
}

/** CPU seconds used so far by each renderer process of the browser, by process id. */
async function rendererCpuTimes(browserCdp: CDPSession): Promise<Map<number, number>> {
  const { processInfo } = await browserCdp.send("SystemInfo.getProcessInfo");
  return new Map(processInfo.filter((p) => p.type === "renderer").map((p) => [p.id, p.cpuTime]));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function throttle(cdp: CDPSession) {
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

/** Self time (ms) of the sampled profile, by script file name ("(native)" for the browser's own work). */
function selfTimeByFile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFile = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") return;
    const file = frame.url ? (frame.url.split("/").pop() ?? "") : `(${frame.functionName || "native"})`;
    byFile.set(file, (byFile.get(file) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return byFile;
}

async function main() {
  console.log(
    `Timings on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ` +
      `${(os.loadavg()[0] ?? 0).toFixed(1)}, ${RUNS} runs per page`,
  );
  const app = await startDemoApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const browserCdp = await browser.newBrowserCDPSession();
  try {
    const signedIn = await demoTherapistPages(app.url);
    const only = process.env.LIGHTHOUSE_PAGES?.split(",").map((name) => name.trim());
    const names = (["caseload", "course", "session"] as const).filter((name) => !only || only.includes(name));
    for (const name of names) {
      const runs: Run[] = [];
      let breakdown = "";
      // The last run is profiled (for the breakdown by file); the others give the CPU time undisturbed.
      for (let i = 0; i <= RUNS; i++) {
        const profiled = i === RUNS;
        const context = await browser.newContext({
          extraHTTPHeaders: { Cookie: signedIn.cookie },
          viewport: { width: 412, height: 823 },
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await throttle(cdp);
        await page.addInitScript(() => {
          new MutationObserver((_, observer) => {
            if (!document.querySelector("main h1")) return;
            observer.disconnect();
            requestAnimationFrame(() => Object.assign(window, { contentAt: performance.now() }));
          }).observe(document, { subtree: true, childList: true });
        });
        if (profiled) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.start");
        }
        const cpuBefore = await rendererCpuTimes(browserCdp);
        await page.goto(app.url + signedIn[name]);
        await page.waitForFunction(() => "contentAt" in window, undefined, { timeout: 180_000 });
        const cpuAfter = await rendererCpuTimes(browserCdp);
        let rendererCpuMs = 0;
        for (const [id, seconds] of cpuAfter) rendererCpuMs += (seconds - (cpuBefore.get(id) ?? 0)) * 1000;
        await page.waitForLoadState("networkidle");
        const profile = profiled ? (await cdp.send("Profiler.stop")).profile : undefined;
        const { fcp, lcp, content, requestsBeforeContent } = await page.evaluate(async () => {
          const lcpEntry = await new Promise<PerformanceEntry | undefined>((resolve) => {
            new PerformanceObserver((list) => resolve(list.getEntries().at(-1))).observe({
              type: "largest-contentful-paint",
              buffered: true,
            });
            setTimeout(() => resolve(undefined), 1000);
          });
          const contentAt = (window as { contentAt?: number }).contentAt ?? NaN;
          const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
          return {
            fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
            lcp: lcpEntry?.startTime ?? NaN,
            content: contentAt,
            requestsBeforeContent: 1 + resources.filter((r) => r.responseEnd <= contentAt).length,
          };
        });
        await context.close();
        if (profile) {
          const top = [...selfTimeByFile(profile)].sort((x, y) => y[1] - x[1]).slice(0, 8);
          breakdown = `busy by file: ${top.map(([file, ms]) => `${file} ${ms.toFixed(0)}`).join(" | ")}`;
          const dir = process.env.TIMINGS_PROFILE_DIR;
          if (dir) {
            await mkdir(dir, { recursive: true });
            await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
          }
        } else {
          runs.push({ rendererCpuMs, fcp, lcp, content, requestsBeforeContent });
        }
      }
      const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
      console.log(
        `${name.padEnd(9)} renderer CPU ${ms(runs.map((r) => r.rendererCpuMs))} (runs: ` +
          `${runs.map((r) => r.rendererCpuMs.toFixed(0)).join(", ")})  FCP ${ms(runs.map((r) => r.fcp))}  ` +
          `LCP ${ms(runs.map((r) => r.lcp))}  content ${ms(runs.map((r) => r.content))}  requests before ` +
          `content ${median(runs.map((r) => r.requestsBeforeContent))}`,
      );
      console.log(`          ${breakdown}`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
