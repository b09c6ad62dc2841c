// A second sign-in factor in the browser (docs/decisions/021): a therapist sets up an authenticator
// app from "Sign-in security" (the QR code, the key, a code computed here with the same RFC 6238
// library an app uses), saves the recovery codes shown once, signs in again with a code, then with a
// recovery code, and that recovery code is refused the second time. Axe and the 390 px width on the way.
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, signIn } from "./support/browser";

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. */
function codeFor(key: string, offsetSteps = 0): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

async function enterPassword(page: Page, account: { email: string; password: string }) {
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter your code");
}

test("a therapist sets up an authenticator app, signs in with a code, then with a recovery code used once", async ({
  page,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  await signIn(page, therapist);
  await page.getByRole("link", { name: "Sign-in security" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in security");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = await page.getByRole("textbox", { name: "Key for your authenticator app" }).inputValue();
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await checkAccessibility(page);

  await page.getByLabel("Code from your authenticator app").fill(codeFor(key));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = (await page.getByRole("textbox", { name: "All recovery codes" }).inputValue()).split(" ");
  expect(codes).toHaveLength(10);
  await checkAccessibility(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText("Your authenticator app is set up.")).toBeVisible();

  // The password alone now opens only the code step; the next step's code (the one used to confirm
  // cannot be used again) opens the app.
  await signOut(page);
  await enterPassword(page, therapist);
  await checkAccessibility(page);
  await page.getByLabel("Code from your authenticator app").fill(codeFor(key, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out" }).first()).toBeVisible();

  // A recovery code works once.
  await signOut(page);
  await enterPassword(page, therapist);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await signOut(page);
  await enterPassword(page, therapist);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByText("That recovery code has been used already. Use another one.").first(),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await checkAccessibility(page);
});
