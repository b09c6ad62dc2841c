// When the session ends (idle or absolute timeout, or deactivation), the next action leads to the
// sign-in page, and signing in again returns the clinician to where they were. Before the idle
// logoff the app warns and offers to stay signed in (the page's clock is faked, not waited for).
import { signIn, trackRequests } from "./support/browser";
import { expect, test } from "./support/fixtures";

test("after the session ends, signing in again returns to the same page", async ({
  page,
  admin,
  checkAccessibility,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit/);

  // The server forgets the session: same effect as the idle or absolute timeout.
  await page.context().clearCookies();
  await page.reload();

  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit/);
  await checkAccessibility(page);
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("two minutes before the idle logoff the app warns, and the user can stay or sign out", async ({
  page,
  therapist,
  checkAccessibility,
}) => {
  await page.clock.install();
  const requests = trackRequests(page);
  await signIn(page, therapist);
  // Every answer from the server counts as activity: let the caseload's requests finish first, or
  // one answering after the clock jumps would move the idle limit with it.
  await expect(page.getByRole("heading", { level: 1, name: "Caseload" })).toBeVisible();
  await requests.settled();
  const warning = page.getByRole("dialog", { name: "You will be signed out soon" });

  // 30-minute idle limit: the warning is due from minute 28 (checked every 15 seconds).
  await page.clock.fastForward("27:00");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("01:30");
  await expect(warning).toBeVisible();
  await checkAccessibility(page);

  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  await requests.settled();

  await page.clock.fastForward("28:30");
  await expect(warning).toBeVisible();
  await warning.getByRole("button", { name: "Sign out now" }).click();
  await expect(page).toHaveURL(/\/login/);
});
