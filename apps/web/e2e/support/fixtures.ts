// Fixtures so that a spec reads like a clinician's story: a running app per worker with one admin
// account, and an accessibility check for every page visited.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { createReadyAccount, type Account } from "./accounts";
import { startApiServer, type ApiServer } from "./api-server";

export type { Account };

interface WorkerFixtures {
  server: ApiServer;
  admin: Account;
}

interface TestFixtures {
  checkAccessibility: (page: Page) => Promise<void>;
  /** A therapist of their own for each test, onboarded and with their own password set. */
  therapist: Account;
}

let accountCounter = 0;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  admin: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      await use({
        email: `admin.w${workerInfo.workerIndex}@clinic.example`,
        name: "Avery Admin",
        password: "admin-password-e2e-1",
      });
    },
    { scope: "worker" },
  ],
  server: [
    async ({ admin }, use) => {
      const server = await startApiServer(admin);
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 60_000 },
  ],
  therapist: async ({ server, admin }, use, testInfo) => {
    accountCounter += 1;
    const email = `therapist.w${testInfo.workerIndex}.${accountCounter}@clinic.example`;
    await use(
      await createReadyAccount(server.url, admin, { name: "Tess Marlowe", email, role: "therapist" }),
    );
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // eslint-disable-next-line no-empty-pattern
  checkAccessibility: async ({}, use) => {
    await use(async (page: Page) => {
      // axe's default mode opens a new browser page at every check to merge the results of the
      // page's frames: half the time of the browser tests. Our pages have no frames, so axe runs in
      // the page itself (legacy mode), with the same rules; a frame there would go unchecked, so
      // one fails the check instead.
      expect(page.frames(), `frames on ${page.url()} that axe would not check`).toHaveLength(1);
      const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };
