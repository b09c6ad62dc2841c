// Starts one throwaway PostgreSQL with a migrated template for the whole browser run, through the
// API package's own script (the web app never imports API code).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { apiDir, tsxBin } from "./paths";

export default async function globalSetup() {
  const child = spawn(tsxBin, ["test/cluster-cli.ts"], { cwd: apiDir, stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`test database cluster exited early (${code})`)));
  });
  process.env.E2E_DATABASE = line;
  return async () => {
    child.stdin.end();
    await new Promise((resolve) => child.once("exit", resolve));
  };
}
