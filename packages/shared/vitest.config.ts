import { defineConfig } from "vitest/config";

// Pure tests: files share their worker's loaded modules (zod, fast-check) instead of loading them
// again in a new process each.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    isolate: false,
  },
});
