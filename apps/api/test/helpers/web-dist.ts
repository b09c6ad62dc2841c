// A minimal built web app in a temporary folder, so a test app registers the SPA's file routes too
// (and the policy checks on them run). Like Vite's build: index.html, the sign-in page's own entry
// (login.html), the client questionnaire's (questionnaire.html), a hashed asset, and the .br and .gz copies the build writes beside each file.
// Removed when the test file ends.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll } from "vitest";

/** The hashed asset's content: a few kilobytes of script, as a real chunk would be. */
export const FAKE_ASSET = {
  url: "/assets/app-abc123.js",
  body: Array.from({ length: 200 }, (_, i) => `export const value${i} = "line ${i} of the bundle";`).join(
    "\n",
  ),
};

export async function fakeWebDist(): Promise<string> {
  const webDist = await mkdtemp(path.join(tmpdir(), "ipt-web-dist-"));
  await mkdir(path.join(webDist, "assets"));
  const files: Record<string, string> = {
    "index.html": "<!doctype html><title>IPT</title>",
    "login.html": "<!doctype html><title>Sign in – IPT</title>",
    "questionnaire.html": "<!doctype html><title>Questionnaire</title>",
    [FAKE_ASSET.url.slice(1)]: FAKE_ASSET.body,
  };
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(webDist, name);
    await writeFile(file, body);
    await writeFile(`${file}.br`, brotliCompressSync(body));
    await writeFile(`${file}.gz`, gzipSync(body));
  }
  afterAll(() => rm(webDist, { recursive: true, force: true }));
  return webDist;
}
