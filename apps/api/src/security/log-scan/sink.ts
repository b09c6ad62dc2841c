// Test-only: the test app logs (with the production logger options, at debug level) to one file per
// test worker in the run's log directory, and the tests note every secret they handle (passwords,
// session tokens) beside it. global-setup.ts scans all of it when the run ends.
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { inject } from "vitest";
import { loggerOptions } from "../../logging";

declare module "vitest" {
  export interface ProvidedContext {
    logScan: { dir: string };
  }
}

// One name per loaded copy of this module: a worker's files share it (isolate: false), so it names
// one worker's output.
const fileId = `${process.pid}-${randomBytes(6).toString("hex")}`;
const fileIn = (extension: string) => path.join(inject("logScan").dir, `${fileId}.${extension}`);

export function testLogger(): pino.Logger {
  // Synchronous: every line is on disk before the run's scan, even if a worker is torn down.
  return pino(
    loggerOptions("debug") as pino.LoggerOptions,
    pino.destination({ dest: fileIn("log"), sync: true }),
  );
}

/** A secret the logs must never contain. */
export function noteSecret(value: string): void {
  appendFileSync(fileIn("secrets"), `${value}\n`);
}

/** Keys whose string values are secrets wherever they appear in a request or response body. */
const SECRET_KEY = /password|csrfToken/i;

/** Notes every secret-named string in a body (passwords sent, temporary passwords and tokens received). */
export function noteSecretsIn(body: unknown): void {
  if (Array.isArray(body)) {
    body.forEach(noteSecretsIn);
    return;
  }
  if (typeof body !== "object" || body === null) return;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && SECRET_KEY.test(key) && value.length > 0) noteSecret(value);
    else noteSecretsIn(value);
  }
}
