import { defineConfig } from "vitest/config";

// Unit tests only: pure, fast, colocated `*.test.ts(x)` files. Playwright specs live in e2e/.
export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
    // Pure tests: files share their worker's loaded modules (React, react-dom/server, zod) instead
    // of loading them again in a new process each, which was three quarters of the run.
    isolate: false,
  },
});
