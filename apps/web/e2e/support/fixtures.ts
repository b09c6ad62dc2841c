// Fixtures so that a spec reads like a clinician's story: a running app per worker with one admin
// account, an accessibility check for every page visited, and a page that fails its test on any
// unexpected console error or uncaught page error.
import { test as base, expect, type Page } from "@playwright/test";
import { axeViolations } from "./accessibility";
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
  /**
   * A page in a browser context of its own (no cookies: another person at another computer),
   * under the same console guard as `page`; closed at the end of the test.
   */
  newPage: () => Promise<Page>;
}

let accountCounter = 0;

/**
 * Console errors a working app does show: Chromium logs every answer of 400–499 to fetch as
 * "Failed to load resource", and the app meets such answers on purpose (the signed-out session
 * check's 401, a refused form's 422, a revoked link's 404) and shows them to the user. A 5xx, a
 * React warning or any other error is not on the list and fails the test.
 */
export const allowedConsoleErrors: readonly RegExp[] = [
  /^Failed to load resource: the server responded with a status of 4\d\d /,
];

/** Collects what `page` reports that the allow-list does not cover. */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (allowedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
    problems.push(`console error: ${message.text()} (at ${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

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
    { scope: "worker", timeout: 120_000 },
  ],
  therapist: async ({ server, admin }, use, testInfo) => {
    accountCounter += 1;
    const email = `therapist.w${testInfo.workerIndex}.${accountCounter}@clinic.example`;
    await use(
      await createReadyAccount(server.url, admin, { name: "Tess Marlowe", email, role: "therapist" }),
    );
  },
  page: async ({ page }, use) => {
    const problems = watchForErrors(page);
    await use(page);
    expect(problems, "unexpected console errors or page errors").toEqual([]);
  },
  newPage: async ({ browser, server }, use) => {
    const opened: { page: Page; problems: string[] }[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      opened.push({ page, problems: watchForErrors(page) });
      return page;
    });
    for (const { page } of opened) await page.context().close();
    expect(
      opened.flatMap(({ problems }) => problems),
      "unexpected console errors or page errors",
    ).toEqual([]);
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // eslint-disable-next-line no-empty-pattern
  checkAccessibility: async ({}, use) => {
    await use(async (page: Page) => {
      // axe runs in the page itself: our pages have no frames, so a frame there would go
      // unchecked and fails the check instead.
      expect(page.frames(), `frames on ${page.url()} that axe would not check`).toHaveLength(1);
      // Every page has one main heading (axe's page-has-heading-one): waiting for it keeps the check
      // from running on a route still loading after a navigation.
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const summary = (await axeViolations(page)).map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };
