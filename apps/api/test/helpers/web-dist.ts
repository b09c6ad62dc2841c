// A minimal built web app in a temporary folder, so a test app registers the SPA's file routes too
// (and the policy checks on them run). Removed when the test file ends.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export async function fakeWebDist(): Promise<string> {
  const webDist = await mkdtemp(path.join(tmpdir(), "ipt-web-dist-"));
  await mkdir(path.join(webDist, "assets"));
  await writeFile(path.join(webDist, "index.html"), "<!doctype html><title>IPT</title>");
  await writeFile(path.join(webDist, "assets", "app-abc123.js"), "export {};");
  afterAll(() => rm(webDist, { recursive: true, force: true }));
  return webDist;
}
