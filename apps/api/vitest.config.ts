import { defineConfig } from "vitest/config";

// Two tiers, named by file: `*.test.ts` are pure and fast; `*.int.test.ts` run against a real
// PostgreSQL (one throwaway database per test file, copied from a migrated template).
export default defineConfig({
  test: {
    // One worker per core. Vitest's default leaves one core idle (cores - 1): on a 2-core machine
    // the integration tier then ran one file at a time, each mostly waiting on PostgreSQL.
    maxWorkers: "100%",
    // A failed run must exit non-zero even after the test cluster's exit hook (see the reporter).
    reporters: ["default", "./test/exit-code-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts"],
          // Pure tests: files share their worker's loaded modules.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "test/**/*.int.test.ts"],
          // The log scan first, so its check runs last, after the database has stopped.
          globalSetup: ["src/security/log-scan/global-setup.ts", "test/global-setup.ts"],
          // Files share their worker's loaded modules (the app, Prisma, Fastify) instead of loading
          // them again in a new process each: most of what a file paid before its first test. Each
          // file still builds its own app on its own database (test/helpers/app.ts).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The OpenAPI fuzz (issue 6, faults and load): long, so only `pnpm test:resilience` runs it.
        extends: true,
        test: {
          name: "fuzz",
          include: ["resilience/**/*.fuzz.test.ts"],
          globalSetup: ["src/security/log-scan/global-setup.ts", "test/global-setup.ts"],
          testTimeout: 3_600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
