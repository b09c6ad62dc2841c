import { defineConfig } from "vitest/config";

// Unit tests only, colocated, the tier in the file name (Playwright specs live in e2e/):
// - `*.test.ts` are pure functions: Node, no DOM.
// - `*.test.tsx` are components in a DOM (happy-dom, see docs/decisions/011-component-tests.md),
//   driven with Testing Library and user-event, the network stubbed at `fetch`.
export default defineConfig({
  test: {
    // One worker per core (Vitest's default, cores - 1, is a single worker on a 2-core machine).
    maxWorkers: "100%",
    // Files share their worker's loaded modules (React, zod, Testing Library) instead of loading
    // them again in a new process each, which was most of the run. Component files clean the DOM
    // after each test (src/test/setup-dom.ts).
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["src/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["src/test/setup-dom.ts"],
        },
      },
    ],
  },
});
