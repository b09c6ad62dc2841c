// Once per integration run: a fresh directory for the test apps' logs (sink.ts), provided to every
// test file; at the end of the run, all of it is scanned and the run fails if any log line carries a
// password, a session cookie or token, a password hash or note text. The directory is removed when
// clean and kept (its path printed) when not.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findSecrets } from "./scan";

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), "ipt-test-logs-"));
  project.provide("logScan", { dir });

  return async () => {
    const names = await readdir(dir);
    const secrets: string[] = [];
    for (const name of names.filter((n) => n.endsWith(".secrets"))) {
      secrets.push(...(await readFile(path.join(dir, name), "utf8")).split("\n").filter(Boolean));
    }
    const logs = names.filter((n) => n.endsWith(".log"));
    const findings = [];
    let lines = 0;
    for (const name of logs) {
      const text = await readFile(path.join(dir, name), "utf8");
      lines += text.split("\n").length - 1;
      findings.push(...findSecrets(name, text, secrets));
    }
    console.log(
      `log scan: ${lines} lines in ${logs.length} files, ${new Set(secrets).size} secrets, ${findings.length} findings`,
    );
    if (findings.length > 0) {
      const shown = findings.slice(0, 20).map((f) => `  ${f.file}:${f.line} carries ${f.what}`);
      console.error(`The test run's logs carry secrets (kept in ${dir}):\n${shown.join("\n")}`);
      // Vitest exits 0 after a teardown error (and sets its own code on exit): fail the run on exit.
      process.on("exit", () => {
        process.exitCode = 1;
      });
      return;
    }
    await rm(dir, { recursive: true, force: true });
  };
}
