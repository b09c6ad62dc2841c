// Steps every browser story shares: signing in through the login page, dates relative to today, and
// the check that a page never scrolls sideways.
import { expect, type Page } from "@playwright/test";
import { addDays, DEFAULT_TIME_ZONE, todayIn } from "@ipt/shared";

/** Signs in through the form and waits until the app has left the login page. */
export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Counts the page's requests still waiting for an answer, from now on. `settled()` waits until
 * there are none, then lets the page run the handlers of the last answers.
 */
export function trackRequests(page: Page) {
  let open = 0;
  page.on("request", () => (open += 1));
  page.on("requestfinished", () => (open -= 1));
  page.on("requestfailed", () => (open -= 1));
  return {
    async settled() {
      await expect.poll(() => open).toBe(0);
      await page.evaluate(() => undefined);
    },
  };
}

/** The date `weeks` weeks before today in the service's zone (the test servers keep the default). */
export function weeksAgo(weeks: number): string {
  return addDays(todayIn(DEFAULT_TIME_ZONE, new Date()), -7 * weeks);
}

/**
 * Nothing wider than the window: the page itself never scrolls sideways. Checked until the layout
 * settles (a chart sized by a ResizeObserver redraws a frame after the window is resized); a page
 * that stays too wide still fails.
 */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const inner = await page.evaluate(() => window.innerWidth);
  await expect.poll(overflow, { message: `page wider than ${inner} px` }).toBeLessThanOrEqual(0);
}
