// Separation of duties (docs/decisions/025) in the browser: an admin assigns a supervisor to a
// therapist; the therapist sees the change counted on their attention list, opens who can read their
// caseload from it, finds the supervisor (since when, assigned by whom) and marks the change as seen
// with the keyboard. The admin then removes the supervisor; the therapist's account link shows the
// removal and nobody else left. Axe on every page; no sideways scroll at a phone's and a laptop's
// width, with a screenshot of each kept with the results.
import type { Page, TestInfo } from "@playwright/test";
import { assignSupervisor, createReadyAccount, removeSupervisor } from "./support/accounts";
import { expectNoSidewaysScroll, signIn } from "./support/browser";
import { expect, test } from "./support/fixtures";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("a therapist is told when a supervisor can read their caseload, and sees who can", async ({
  page,
  server,
  admin,
  therapist,
  checkAccessibility,
}, testInfo) => {
  const supervisor = await createReadyAccount(server.url, admin, {
    name: "Priya Nandakumar",
    email: `priya.w${testInfo.workerIndex}.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(server.url, admin, therapist, supervisor);

  await page.setViewportSize(LAPTOP);
  await signIn(page, therapist);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: /^Needs attention\s*:\s*1 item$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs your attention");
  const notice = page.getByRole("region", { name: "Access to your caseload" });
  await expect(notice).toBeVisible();
  await checkAccessibility(page);
  await notice.getByRole("link", { name: "1 change to who can read your caseload" }).click();

  await expect(page).toHaveURL(/\/account\/caseload-access$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who can read your caseload");
  const readers = page.getByRole("region", { name: "Who can read your caseload now" });
  await expect(readers.getByRole("listitem")).toHaveCount(1);
  await expect(readers).toContainText(supervisor.name);
  await expect(readers).toContainText(supervisor.email);
  await expect(readers).toContainText(`assigned by ${admin.name}`);
  const changes = page.getByRole("region", { name: "Changes, newest first" });
  await expect(changes.getByRole("listitem")).toHaveCount(1);
  await expect(changes).toContainText("Access granted");
  await expect(changes.getByText("New", { exact: true })).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await checkAccessibility(page);
  await keepScreenshot(page, testInfo, "caseload-access-laptop-1366");

  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page);
  await checkAccessibility(page);
  await keepScreenshot(page, testInfo, "caseload-access-phone-390");

  // Marked as seen from the keyboard: the message takes the button's place and focus.
  await page.getByRole("button", { name: "Mark as seen" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("The changes are marked as seen.")).toBeFocused();
  await expect(changes.getByText("New", { exact: true })).toHaveCount(0);
  await checkAccessibility(page);

  // The count has gone from the phone's menu and from the attention list.
  await page.getByRole("button", { name: /^Menu/ }).click();
  const attention = page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Needs attention/ });
  await expect(attention).toHaveText("Needs attention");
  await attention.click();
  await expect(page.getByText("Nothing needs your attention.")).toBeVisible();

  // The admin removes the supervisor; the therapist, back later, finds it through the account link.
  await removeSupervisor(server.url, admin, therapist, supervisor);
  await page.goto("/caseload");
  await expect(page.getByRole("heading", { level: 1, name: "Caseload" })).toBeVisible();
  await page.getByRole("button", { name: /^Menu/ }).click();
  await page.getByRole("link", { name: "Caseload access" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who can read your caseload");
  await expect(readers).toContainText("Only you can read your caseload.");
  await expect(changes.getByRole("listitem")).toHaveCount(2);
  const removal = changes.getByRole("listitem").first();
  await expect(removal).toContainText("Access removed");
  await expect(removal.getByText("New", { exact: true })).toBeVisible();
  await expect(removal).toContainText(`${supervisor.name} can no longer read your caseload`);
  await expectNoSidewaysScroll(page);
  await checkAccessibility(page);
  await keepScreenshot(page, testInfo, "caseload-access-removed-phone-390");
});
