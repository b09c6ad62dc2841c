import { defineConfig } from "vitest/config";

// Unit tests only: pure, fast, colocated `*.test.ts(x)` files. Playwright specs live in e2e/.
export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
