// A supervisor's review in the browser: the cockpit lists the supervisee's clients with the one that
// has an open risk flag first; the supervisor opens a client read-only, reviews a session and rates
// its fidelity; the therapist rates the same session and both see where they differ by 2 or more.
// Axe checks every page on the way.
import type { Page } from "@playwright/test";
import { assignSupervisor, createReadyAccount } from "./support/accounts";
import { clientWithCourse, heldWithPhq9, apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

/** Rates every item of the page's fidelity form with `score`, except those given in `overrides`. */
async function rate(page: Page, score: string, overrides: Record<string, string> = {}) {
  const groups = page.getByRole("form", { name: /fidelity/i }).getByRole("radiogroup");
  await groups.first().waitFor(); // the form appears once the ratings so far have loaded
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator("legend").first().textContent()) ?? "";
    const chosen = Object.entries(overrides).find(([start]) => legend.startsWith(start))?.[1] ?? score;
    await group.getByLabel(chosen, { exact: true }).check();
  }
}

test("a supervisor finds the risk-flagged client first, reviews a session read only and rates it", async ({
  page,
  newPage,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(180_000);
  const supervisor = await createReadyAccount(server.url, admin, {
    name: "Sam Okafor",
    email: `supervisor.cockpit.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(server.url, admin, therapist, supervisor);
  const api = await apiAs(server.url, therapist);
  // Created first, so only the risk flag can put the second client above it.
  const calm = await clientWithCourse(api, "Client E2E-S1", weeksAgo(4));
  await heldWithPhq9(api, calm.courseId, 1, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
  const risky = await clientWithCourse(api, "Client E2E-S2", weeksAgo(2));
  await heldWithPhq9(api, risky.courseId, 1, [2, 2, 2, 2, 2, 2, 2, 1, 1]);
  await api.dispose();

  await signIn(page, supervisor);
  await expect(page.getByRole("heading", { level: 1, name: "Supervision" })).toBeVisible();
  const clients = page.getByRole("table", { name: "Active clients of your supervisees, most urgent first" });
  await expect(clients.getByRole("row").nth(1)).toContainText("Client E2E-S2");
  await expect(clients.getByRole("row").nth(1)).toContainText(/Urgent/);
  await expect(clients.getByRole("row").nth(2)).toContainText("Client E2E-S1");
  await expect(page.getByRole("table", { name: "Supervisees at a glance" })).toContainText("Tess Marlowe");
  await checkAccessibility(page);

  // The read-only review of the calm client's course and its first session.
  await clients.getByRole("link", { name: "Review Client E2E-S1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Client E2E-S1" })).toBeVisible();
  await expect(
    page.getByText("Read only: you are reviewing as a supervisor a course seen by Tess Marlowe."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Begin the middle phase" })).toHaveCount(0);
  await checkAccessibility(page);
  await page
    .getByRole("table", { name: "Sessions of the course" })
    .getByRole("link", { name: "Session 1", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Session 1 of 12" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save session" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign and lock" })).toHaveCount(0);
  await checkAccessibility(page);

  await rate(page, "3", { "The time limit": "2" });
  await page.getByRole("button", { name: "Save rating" }).click();
  await expect(page.getByText("Rating saved.")).toBeVisible();

  // The therapist rates the same session higher on the time limit: a difference of 3 is shown.
  const therapistPage = await newPage();
  await signIn(therapistPage, therapist);
  await therapistPage.goto(`/courses/${calm.courseId}/plan`);
  await therapistPage
    .getByRole("table", { name: "Sessions of the course" })
    .getByRole("link", { name: "Session 1", exact: true })
    .click();
  await therapistPage
    .getByRole("navigation", { name: "Session sections" })
    .getByRole("link", { name: "Supervision" })
    .click();
  await expect(therapistPage.getByRole("heading", { name: "Your fidelity self-rating" })).toBeVisible();
  await rate(therapistPage, "4", { "The time limit": "5" });
  await therapistPage.getByRole("button", { name: "Save rating" }).click();
  await expect(therapistPage.getByText("Rating saved.")).toBeVisible();
  await checkAccessibility(therapistPage);

  await page.goto(`/supervision/courses/${calm.courseId}`);
  const fidelity = page.getByRole("table", { name: "Fidelity ratings by session" });
  await expect(fidelity).toContainText("Self 5 · Supervisor 2");
  await checkAccessibility(page);
});
