// Steps every browser story shares: signing in through the login page, and dates relative to today.
import { expect, type Page } from "@playwright/test";

/** Signs in through the form and waits until the app has left the login page. */
export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The ISO date `weeks` weeks before today. */
export function weeksAgo(weeks: number): string {
  return new Date(Date.now() - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}
