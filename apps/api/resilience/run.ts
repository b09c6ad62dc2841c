// `pnpm test:resilience`: the fault and load suites (issue 6), each a script of its own in
// scenarios/, run one after another in child processes so a crash, a killed server or a stopped
// database in one cannot disturb the next. Each prints one line per figure and exits non-zero when
// a check fails. RESILIENCE_ONLY=fuzz,crash runs the named scenarios only.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const scenariosDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios");
const only = (process.env.RESILIENCE_ONLY ?? "").split(",").filter(Boolean);
const scenarios = readdirSync(scenariosDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -3))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

function runScenario(name: string): Promise<{ code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(scenariosDir, `${name}.ts`)], {
      stdio: "inherit",
    });
    child.on("exit", (code) => resolve({ code, seconds: (performance.now() - started) / 1000 }));
  });
}

const failed: string[] = [];
for (const name of scenarios) {
  console.log(`\n== ${name}`);
  const { code, seconds } = await runScenario(name);
  console.log(`${name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`);
  if (code !== 0) failed.push(name);
}
console.log(`\nresilience: ${scenarios.length - failed.length} of ${scenarios.length} scenarios passed`);
if (scenarios.length === 0 || failed.length > 0) process.exit(1);
