// Fails a component test on what a person would never see but a developer must: a console error or
// warning (React's act(), key and prop warnings among them) or a promise rejected with no one to
// catch it. Installed once per file by setup-dom.ts; checked after every test.
import { format } from "node:util";

/**
 * Messages tolerated on purpose, each with the reason. Keep it empty unless a library logs
 * something we cannot avoid and have checked is harmless.
 */
const allowed: readonly { pattern: RegExp; reason: string }[] = [];

const problems: string[] = [];

function isAllowed(message: string): boolean {
  return allowed.some(({ pattern }) => pattern.test(message));
}

function record(kind: string, message: string): void {
  if (!isAllowed(message)) problems.push(`${kind}: ${message}`);
}

/** The listener for `unhandledRejection`: exported so its test can prove what it records. */
export function onUnhandledRejection(reason: unknown): void {
  record("unhandled rejection", reason instanceof Error ? (reason.stack ?? reason.message) : format(reason));
}

type ConsoleMethod = (...args: unknown[]) => void;
const originals: Partial<Record<"error" | "warn", ConsoleMethod>> = {};

/** Routes console.error/warn and unhandled rejections into the list the check reads. */
export function installGuards(): void {
  if (originals.error) return;
  for (const level of ["error", "warn"] as const) {
    // Bound to the console, so it can be called (and put back) on its own.
    const original: ConsoleMethod = console[level].bind(console);
    originals[level] = original;
    console[level] = (...args: unknown[]) => {
      record(`console.${level}`, format(...args));
      original(...args);
    };
  }
  process.on("unhandledRejection", onUnhandledRejection);
}

/** Puts the console and the process back as they were (after a test file, so guards never stack). */
export function uninstallGuards(): void {
  for (const level of ["error", "warn"] as const) {
    const original = originals[level];
    if (original) console[level] = original;
    originals[level] = undefined;
  }
  process.off("unhandledRejection", onUnhandledRejection);
}

/** Throws (failing the current test) when anything was recorded since the last check; then starts afresh. */
export function checkGuards(): void {
  if (problems.length === 0) return;
  const found = problems.splice(0);
  throw new Error(
    `The test logged ${found.length} unexpected problem(s):\n\n${found.join("\n\n")}\n\n` +
      "Fix the cause; only if it is harmless and unavoidable, add it to `allowed` in src/test/guards.ts.",
  );
}
