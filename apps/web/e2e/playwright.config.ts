import { defineConfig, devices } from "@playwright/test";

// Real browser: Debian's Chromium (Playwright cannot download its own here). Each worker runs its
// own API server on its own database (see e2e/support/fixtures.ts).

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

// Playwright starts tests in file-name order, so the longest story (a whole course: more than a
// quarter of all test time) would start last and end the run alone. It goes first, in a project of
// its own; every other spec is in the second project (if the file is renamed, it still runs, just
// not first).
const LONGEST_STORY = "therapist-runs-a-course.spec.ts";

export default defineConfig({
  testDir: ".",
  outputDir: "../test-results",
  globalSetup: "./support/global-setup.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: "../playwright-report" }]],
  use: {
    // Recording a trace (screencast and DOM snapshots at every step) nearly doubled the suite's
    // time, and CI keeps no files; to debug a failure, rerun it with `--trace on`.
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium: longest story first", testMatch: LONGEST_STORY, use: chromium },
    { name: "chromium", testIgnore: LONGEST_STORY, use: chromium },
  ],
});
