// Runs before every component test file (vitest.config.ts, project "dom").
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { checkFetchStub, stubFetch } from "./fetch-stub";
import { checkGuards, installGuards, uninstallGuards } from "./guards";

installGuards();
afterAll(uninstallGuards);

// No test reaches a real network: one that forgets to say what the server answers sees its
// requests listed as unexpected. A test's own stubFetch() replaces this one.
beforeEach(() => {
  stubFetch();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // Run every check (so none leaks into the next test), then fail with the first problem.
  const failures: unknown[] = [];
  for (const check of [checkFetchStub, checkGuards]) {
    try {
      check();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
});
