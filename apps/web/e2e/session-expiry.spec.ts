// When the session ends (idle or absolute timeout, or deactivation), the next action leads to the
// sign-in page, and signing in again returns the clinician to where they were.
import { expect, test } from "./support/fixtures";

test("after the session ends, signing in again returns to the same page", async ({
  page,
  admin,
  checkAccessibility,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit/);

  // The server forgets the session: same effect as the idle or absolute timeout.
  await page.context().clearCookies();
  await page.reload();

  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit/);
  await checkAccessibility(page);
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
