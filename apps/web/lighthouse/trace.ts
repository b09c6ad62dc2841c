// `pnpm --filter @ipt/web lighthouse:trace`: what the signed-in pages' load is made of, in measures that
// a busy host does not move much, for comparing two builds (Lighthouse's own scores follow the host's
// load). Each page of the demo app (as `pnpm lighthouse` audits it) is loaded in Debian's Chromium with
// a cold cache, DevTools' slow 4G network and no CPU throttling, while a Chrome trace is recorded. Printed, per page (median of the runs):
//
// - requests: how many until the network is idle, how many of them scripts, and their "rounds": a
//   request's round is one more than the highest round among the requests that had finished when it
//   started (the HTML is round 1), so a page's data asked for only after a component rendered shows
//   as one more round;
// - main-thread CPU: the thread time (CPU, not wall clock: a descheduled thread does not count) of
//   the renderer's main-thread tasks until the network is idle, by Lighthouse's groups (script
//   evaluation, style and layout, parse, garbage collection, other), and the tasks that would be long
//   under Lighthouse's 4× CPU slowdown (4 × thread time > 50 ms) with their blocking sum (Σ 4t − 50:
//   total blocking time's formula, over the whole load rather than from first paint on);
// - the largest long tasks, and what "other" is made of (trace event names by self time).
//
//   pnpm --filter @ipt/web lighthouse:trace                          (the build in apps/web/dist)
//   WEB_DIST_DIR=/tmp/other-build pnpm --filter @ipt/web lighthouse:trace   (another build)
//
// Knobs: LIGHTHOUSE_PAGES (subset of caseload,course,session); TRACE_RUNS (3); CHROMIUM_PATH;
// TRACE_DIR (also write each page's last trace, for DevTools' Performance panel).
import { chromium, type CDPSession } from "@playwright/test";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { demoTherapistPages, startDemoApp } from "./demo-app";

const RUNS = Number(process.env.TRACE_RUNS ?? 3);
const SLOWDOWN = 4;
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: 1_474_560 / 8,
  uploadThroughput: 675_000 / 8,
};

// Lighthouse's trace categories, less the screenshots.
const CATEGORIES = [
  "loading",
  "v8",
  "v8.execute",
  "blink.user_timing",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "disabled-by-default-devtools.timeline.stack",
  "toplevel",
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  cat?: string;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

// Lighthouse's task groups (core/lib/tracehouse/task-groups.js), by the trace event's name.
const GROUPS: Record<string, string> = {
  ParseHTML: "parse HTML & CSS",
  ParseAuthorStyleSheet: "parse HTML & CSS",
  ScheduleStyleRecalculation: "style & layout",
  UpdateLayoutTree: "style & layout",
  InvalidateLayout: "style & layout",
  Layout: "style & layout",
  Paint: "rendering",
  PaintImage: "rendering",
  RasterTask: "rendering",
  UpdateLayer: "rendering",
  UpdateLayerTree: "rendering",
  PrePaint: "rendering",
  Layerize: "rendering",
  CompositeLayers: "rendering",
  Commit: "rendering",
  EvaluateScript: "script evaluation",
  FunctionCall: "script evaluation",
  EventDispatch: "script evaluation",
  TimerFire: "script evaluation",
  FireAnimationFrame: "script evaluation",
  RunMicrotasks: "script evaluation",
  "v8.evaluateModule": "script evaluation",
  "V8.Execute": "script evaluation",
  "v8.run": "script evaluation",
  "v8.compile": "script parse & compile",
  "v8.compileModule": "script parse & compile",
  "v8.parseOnBackground": "script parse & compile",
  "V8.GCCompactor": "garbage collection",
  MajorGC: "garbage collection",
  MinorGC: "garbage collection",
  BlinkGC: "garbage collection",
  GCEvent: "garbage collection",
  "V8.GC_SCAVENGER": "garbage collection",
};
const text = (value: unknown) => (typeof value === "string" ? value : "");
const groupOf = (name: string) => GROUPS[name] ?? "other";
const isTopLevelTask = (event: TraceEvent) =>
  event.ph === "X" && (event.name === "RunTask" || event.name === "ThreadControllerImpl::RunTask");

interface PageLoad {
  requests: number;
  scripts: number;
  rounds: number;
  /** Requests by round: "1:1 2:15 3:14 4:4". */
  perRound: string;
  cpuMs: number;
  byGroup: Map<string, number>;
  otherByName: Map<string, number>;
  longTasks: number;
  blockingMs: number;
  largest: string;
}

/** Main-thread figures of one trace: the renderer thread that parsed the page's HTML. */
function analyseTrace(
  events: TraceEvent[],
  pageUrl: string,
): Omit<PageLoad, "requests" | "scripts" | "rounds" | "perRound"> {
  const parse = events.find(
    (event) => event.name === "ParseHTML" && text(event.args?.beginData?.["url"]).startsWith(pageUrl),
  );
  const main =
    parse ??
    events.find(
      (event) => event.name === "thread_name" && event.args?.name === "CrRendererMain" && event.ph === "M",
    );
  if (!main) throw new Error("no renderer main thread in the trace");
  const onMain = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === "X")
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const byGroup = new Map<string, number>();
  const otherByName = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let cpuMs = 0;
  let longTasks = 0;
  let blockingMs = 0;
  const long: { at: number; ms: number; what: string }[] = [];
  const start = onMain[0]?.ts ?? 0;
  // Walk each top-level task with a stack of open events; an event's self time (in thread time where
  // the trace has it) goes to its group.
  let index = 0;
  while (index < onMain.length) {
    const task = onMain[index++];
    if (!task || !isTopLevelTask(task)) continue;
    const end = task.ts + (task.dur ?? 0);
    const children: TraceEvent[] = [];
    while (index < onMain.length && (onMain[index]?.ts ?? Infinity) < end)
      children.push(onMain[index++] as TraceEvent);
    const time = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;
    const taskMs = time(task);
    cpuMs += taskMs;
    if (taskMs * SLOWDOWN > 50) {
      longTasks++;
      blockingMs += taskMs * SLOWDOWN - 50;
      const named = children.find(
        (child) => child.name === "FunctionCall" || child.name === "v8.evaluateModule",
      );
      const data = named?.args?.data ?? {};
      const where = (text(data["url"]) || text(data["functionName"]) || (children[0]?.name ?? "task"))
        .split("/")
        .pop();
      long.push({ at: (task.ts - start) / 1000, ms: taskMs * SLOWDOWN, what: where ?? "" });
    }
    // Self time: each event minus its direct children.
    const stack: { event: TraceEvent; childMs: number }[] = [{ event: task, childMs: 0 }];
    const close = (until: number) => {
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as { event: TraceEvent; childMs: number };
        if (top.event.ts + (top.event.dur ?? 0) > until) break;
        stack.pop();
        const self = Math.max(0, time(top.event) - top.childMs);
        const group = groupOf(top.event.name);
        add(byGroup, group, self);
        if (group === "other") add(otherByName, top.event.name, self);
        const parent = stack[stack.length - 1];
        if (parent) parent.childMs += time(top.event);
      }
    };
    for (const child of children) {
      close(child.ts);
      stack.push({ event: child, childMs: 0 });
    }
    close(Infinity);
  }
  long.sort((a, b) => b.ms - a.ms);
  const largest = long
    .slice(0, 4)
    .map((task) => `${task.ms.toFixed(0)} ms at ${task.at.toFixed(0)} (${task.what})`)
    .join(", ");
  return { cpuMs, byGroup, otherByName, longTasks, blockingMs, largest };
}

/** Records a Chrome trace (Lighthouse's categories, a buffer large enough for a whole load) around `load`. */
async function traced(cdp: CDPSession, load: () => Promise<unknown>): Promise<TraceEvent[]> {
  await cdp.send("Tracing.start", {
    transferMode: "ReturnAsStream",
    traceConfig: {
      recordMode: "recordAsMuchAsPossible",
      includedCategories: CATEGORIES.filter((category) => category !== "-*"),
      excludedCategories: ["*"],
    },
    bufferUsageReportingInterval: 10_000,
  });
  await load();
  const complete = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (event) => resolve(event.stream ?? "")),
  );
  await cdp.send("Tracing.end");
  const handle = await complete;
  let text = "";
  for (;;) {
    const chunk = await cdp.send("IO.read", { handle, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, "base64").toString("utf8") : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send("IO.close", { handle });
  const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main() {
  console.log(
    `Traces on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ` +
      `${(os.loadavg()[0] ?? 0).toFixed(1)}, ${RUNS} runs per page; CPU figures × ${SLOWDOWN} as Lighthouse simulates`,
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
      const loads: PageLoad[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({
          extraHTTPHeaders: { Cookie: signedIn.cookie },
          viewport: { width: 412, height: 823 },
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        // Slow 4G's round trip, so that a request waiting for another shows as a round of its own.
        await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
        const requests = new Map<string, { start: number; end: number; type: string }>();
        cdp.on("Network.requestWillBeSent", (event) => {
          if (event.request.url.startsWith("data:")) return;
          requests.set(event.requestId, { start: event.timestamp, end: Infinity, type: event.type ?? "" });
        });
        const finished = (event: { requestId: string; timestamp: number }) => {
          const request = requests.get(event.requestId);
          if (request) request.end = event.timestamp;
        };
        cdp.on("Network.loadingFinished", finished);
        cdp.on("Network.loadingFailed", finished);
        const url = app.url + signedIn[name];
        // Until the page's heading is in and the network then idle (a busy main thread can leave the
        // network idle before the page has asked for its data).
        const events = await traced(browserCdp, async () => {
          await page.goto(url);
          await page.locator("main h1").first().waitFor({ timeout: 180_000 });
          await page.waitForLoadState("networkidle");
        });
        await context.close();

        // Rounds: in start order, one more than the highest round of those finished before.
        const sorted = [...requests.values()].sort((a, b) => a.start - b.start);
        const rounds: number[] = [];
        sorted.forEach((request, i) => {
          let round = 1;
          for (let j = 0; j < i; j++) {
            const before = sorted[j] as (typeof sorted)[number];
            if (before.end <= request.start) round = Math.max(round, (rounds[j] ?? 1) + 1);
          }
          rounds.push(round);
        });
        const perRound = new Map<number, number>();
        for (const round of rounds) perRound.set(round, (perRound.get(round) ?? 0) + 1);
        loads.push({
          requests: sorted.length,
          scripts: sorted.filter((request) => request.type === "Script").length,
          rounds: Math.max(...rounds),
          perRound: [...perRound].map(([round, count]) => `${round}:${count}`).join(" "),
          ...analyseTrace(events, url),
        });
        const dir = process.env.TRACE_DIR;
        if (dir && run === RUNS - 1) {
          await mkdir(dir, { recursive: true });
          await writeFile(path.join(dir, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
        }
      }
      const ms = (values: number[]) => median(values).toFixed(0);
      const groups = [...new Set(loads.flatMap((load) => [...load.byGroup.keys()]))];
      const groupText = groups
        .map((group) => [group, median(loads.map((load) => load.byGroup.get(group) ?? 0))] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([group, value]) => `${group} ${(value * SLOWDOWN).toFixed(0)}`)
        .join(" | ");
      const last = loads.at(-1) as PageLoad;
      const other = [...last.otherByName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([event, value]) => `${event} ${(value * SLOWDOWN).toFixed(0)}`)
        .join(" | ");
      console.log(
        `${name.padEnd(9)} requests ${ms(loads.map((l) => l.requests))} (scripts ${ms(loads.map((l) => l.scripts))}), ` +
          `rounds ${ms(loads.map((l) => l.rounds))} [${last.perRound}]; main-thread CPU × ${SLOWDOWN}: ` +
          `${ms(loads.map((l) => l.cpuMs * SLOWDOWN))} ms (runs ${loads.map((l) => (l.cpuMs * SLOWDOWN).toFixed(0)).join(", ")}), ` +
          `long tasks ${ms(loads.map((l) => l.longTasks))}, blocking ${ms(loads.map((l) => l.blockingMs))} ms`,
      );
      console.log(`          by group: ${groupText}`);
      console.log(`          largest: ${last.largest}`);
      console.log(`          other: ${other}`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
