// Passkeys in Chromium (docs/decisions/021), with a virtual WebAuthn authenticator from the DevTools
// protocol (resident keys and user verification, like a laptop's fingerprint reader): a therapist
// adds a passkey under "Sign-in security" and saves the recovery codes it comes with, signs out, signs
// in with the passkey alone (passwordless), then with the password and the passkey as the second
// step. Step-up: once the last check is older than the window (aged in the database, no waiting),
// changing their own password asks for the passkey again. The app is reached at localhost, not
// 127.0.0.1: a passkey belongs to a domain name, never to an IP address.
import type { Browser, Page } from "@playwright/test";
import { expect, test, watchForErrors, type Account } from "./support/fixtures";
import { expectNoSidewaysScroll } from "./support/browser";
import { ageSecondFactorCheck } from "./support/sign-in-checks";

async function withVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return {
    async credentials() {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      return credentials;
    },
  };
}

/** A page of its own at http://localhost:<port>, under the same console guard as `page`. */
async function localhostPage(browser: Browser, serverUrl: string) {
  const context = await browser.newContext({ baseURL: serverUrl.replace("127.0.0.1", "localhost") });
  const page = await context.newPage();
  return { page, problems: watchForErrors(page), close: () => context.close() };
}

async function signInWithPassword(page: Page, account: Account) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

test("a therapist adds a passkey, signs in with it alone, uses it as the second step and to confirm a password change", async ({
  browser,
  server,
  therapist,
  checkAccessibility,
}) => {
  // Five sign-ins and a password change (argon2 at production cost) on a shared 2-core machine.
  test.setTimeout(240_000);
  const { page, problems, close } = await localhostPage(browser, server.url);
  const authenticator = await withVirtualAuthenticator(page);

  await signInWithPassword(page, therapist);
  await expect(page).not.toHaveURL(/\/login/);
  await page.getByRole("link", { name: "Sign-in security" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in security");
  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
  await page.getByLabel("Name for a new passkey").fill("Work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();

  // The account's first factor: the recovery codes come with it, shown once.
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  expect(
    (await page.getByRole("textbox", { name: "All recovery codes" }).inputValue()).split(" "),
  ).toHaveLength(10);
  await checkAccessibility(page);
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText("Your passkey “Work laptop” is added.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove the passkey “Work laptop”" })).toBeVisible();
  const [credential] = await authenticator.credentials();
  expect(credential?.isResidentCredential).toBe(true);
  await checkAccessibility(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1366, height: 900 });

  // Passwordless: the passkey alone opens the app.
  await signOut(page);
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out" }).first()).toBeVisible();

  // The password now opens only the second step; the passkey passes it.
  await signOut(page);
  await signInWithPassword(page, therapist);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter your code");
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out" }).first()).toBeVisible();

  // Step-up: the last check is 20 minutes old (the window is 15), so changing the password asks again.
  await ageSecondFactorCheck(server.databaseUrl, therapist.email, 20);
  await page.goto("/change-password");
  const newPassword = "quiet-harbour-lantern-2026";
  const fillPasswords = async () => {
    await page.getByLabel("Current password").fill(therapist.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await fillPasswords();
  const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
  await expect(dialog).toBeVisible();
  await checkAccessibility(page);
  await dialog.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(dialog.getByText("Checked. Now do what you were doing again.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await fillPasswords();
  await expect(page).not.toHaveURL(/\/change-password/);
  await expect(page.getByRole("dialog", { name: "Confirm it is you" })).toBeHidden();

  await close();
  expect(problems, "unexpected console errors or page errors").toEqual([]);
});
