// Measurement-based care in the browser: a therapist records a baseline PHQ-9 whose item 9 is 1, sees
// the red risk flag, records the safety follow-up and only then can sign the session; later scores
// show a response on the course's trend chart and table; the flag is resolved with a reason; the
// end-of-treatment summary prints the change. Axe checks every page on the way.
import type { Page } from "@playwright/test";
import { assignSupervisor, createReadyAccount } from "./support/accounts";
import { clientWithCourse, heldWithPhq9, apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-M1";

/** PHQ-9 answers for items 1–9; item 9 ("better off dead or hurting yourself") last. */
const BASELINE = [2, 2, 2, 2, 2, 2, 2, 1, 1]; // 16, moderately severe, item 9 = 1

/** Opens one section of the session page by its tab. */
async function openSessionSection(page: Page, name: "Record" | "Measures") {
  const tab = page
    .getByRole("navigation", { name: "Session sections" })
    .getByRole("link", { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-current", "page");
}

async function answerPhq9(page: Page, answers: number[]) {
  const form = page.getByRole("form", { name: /PHQ-9/ });
  for (const [index, value] of answers.entries()) {
    await form
      .getByRole("radiogroup", { name: new RegExp(`^${index + 1}\\. `) })
      .getByRole("radio", { name: new RegExp(`^${value} `) })
      .check();
  }
  return form;
}

test("a therapist records a PHQ-9 with a positive item 9, follows it up, signs, and sees the response", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(180_000);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, CLIENT, weeksAgo(10));

  await signIn(page, therapist);
  await expect(page).toHaveURL(/\/caseload/);

  // Session 1: held, then the baseline PHQ-9 on the session's Measures tab.
  await page.goto(`/courses/${courseId}/plan`);
  await page
    .getByRole("table", { name: "Sessions of the course" })
    .getByRole("link", { name: "Session 1", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Session 1 of 12");
  await page.getByRole("group", { name: "Status" }).getByLabel("Held").check();
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByText("Session saved.")).toBeVisible();

  await openSessionSection(page, "Measures");
  await page.getByRole("button", { name: "Record PHQ-9" }).click();
  const form = await answerPhq9(page, BASELINE.slice(0, 8));
  // The total is never guessed while an item is unanswered, and the caution about item 9 is always there.
  await expect(form.getByText("8 of 9 answered")).toBeVisible();
  await expect(form.getByText(/does not rule out suicide risk/)).toBeVisible();
  // Saved with item 9 unanswered: that item's group is marked invalid and its first answer has the focus.
  await form.getByRole("button", { name: "Save PHQ-9 score" }).click();
  const item9 = form.getByRole("radiogroup", { name: /^9\. / });
  await expect(item9).toHaveAttribute("aria-invalid", "true");
  await expect(item9.getByRole("radio").first()).toBeFocused();
  await checkAccessibility(page);
  await answerPhq9(page, BASELINE);
  await expect(form.getByText("Total 16 of 27 · Moderately severe")).toBeVisible();
  await checkAccessibility(page);
  await form.getByRole("button", { name: "Save PHQ-9 score" }).click();

  // The red risk flag appears at once; the session cannot be signed before the follow-up.
  const flag = page.getByRole("alert").filter({ hasText: "Risk flag: PHQ-9 item 9" });
  await expect(flag).toBeVisible();
  await checkAccessibility(page);
  // The service's crisis steps are one click away on the flag.
  await flag.getByText("Crisis steps", { exact: true }).click();
  await expect(flag.getByText(/call your local emergency number/)).toBeVisible();
  await checkAccessibility(page);
  // The header says so on every tab, and the next action leads back to the flag.
  await expect(page.getByRole("link", { name: "Go to the risk flag" })).toBeVisible();
  await openSessionSection(page, "Record");
  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(
    page.getByText("This session cannot be signed until the safety follow-up is recorded.").first(),
  ).toBeVisible();
  await expect(page.getByText("The session has been signed and locked.")).toHaveCount(0);
  if (await page.getByRole("dialog").isVisible()) await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Go to the risk flag" }).click();
  await page.getByRole("button", { name: "Record safety follow-up" }).click();
  await page.getByLabel("Risk assessed").check();
  await page
    .getByRole("group", { name: /Current risk level/ })
    .getByLabel("Low")
    .check();
  await page.getByLabel("Actions taken").fill("Invented: asked directly about thoughts and plans; none.");
  await page.getByRole("group", { name: "Safety plan" }).getByLabel("Made a safety plan").check();
  await page.getByLabel("Supervisor informed").check();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Save safety follow-up" }).click();
  await expect(page.getByText(/Follow-up recorded/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the risk flag" })).toHaveCount(0);

  await openSessionSection(page, "Record");
  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText("The session has been signed and locked.")).toBeVisible();

  // The caseload shows the open risk flag in red, with words, not colour alone.
  await page.goto("/caseload");
  const row = page.getByRole("row", { name: new RegExp(CLIENT) });
  await expect(row).toContainText("16");
  await expect(row.getByText(/item 9/i)).toBeVisible();
  // The service's crisis steps are one key press away on the red flag in the list, too; closed or
  // open, the table still fits a phone's width.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await row.locator("summary", { hasText: "Crisis steps" }).focus();
  await page.keyboard.press("Enter");
  await expect(row.getByText(/call your local emergency number/)).toBeVisible();
  await expectNoSidewaysScroll(page);
  if (viewport) await page.setViewportSize(viewport);
  await checkAccessibility(page);

  // Later scores (recorded through the API) fall from 16 to 9 at session 4 and 5 at session 8.
  await heldWithPhq9(api, courseId, 2, [2, 2, 2, 2, 1, 2, 2, 1, 0]);
  await heldWithPhq9(api, courseId, 4, [1, 1, 1, 2, 1, 1, 1, 1, 0]);
  await heldWithPhq9(api, courseId, 8, [1, 1, 0, 1, 0, 1, 1, 0, 0]);
  await api.dispose();

  // The course's measures page: the chart, the same data as a table, the outcome.
  await page.goto(`/courses/${courseId}/measures`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CLIENT);
  await expect(page.getByRole("heading", { level: 2, name: "Trend" })).toBeVisible();
  await expect(page.getByRole("img", { name: /PHQ-9 from 16 at session 1 to 5 at session 8/ })).toBeVisible();
  const table = page.getByRole("table", { name: "PHQ-9 and GAD-7 by session" });
  await expect(table.getByRole("row")).toHaveCount(5); // header + sessions 1, 2, 4, 8
  await expect(page.getByText("Response", { exact: true }).first()).toBeVisible();
  await checkAccessibility(page);

  // The flag stays until a clinician resolves it with a reason.
  await page.getByRole("button", { name: "Resolve risk flag" }).click();
  await page
    .getByRole("dialog")
    .getByLabel("Reason for resolving")
    .fill("Invented: reviewed at sessions 2–8; no risk.");
  await page.getByRole("dialog").getByRole("button", { name: "Resolve the flag" }).click();
  await expect(page.getByText(/Resolved on/).first()).toBeVisible();

  // The printable end-of-treatment summary (provisional while the course runs).
  await page.goto(`/courses/${courseId}/summary`);
  await expect(page.getByRole("heading", { level: 1, name: /End-of-treatment summary/ })).toBeVisible();
  await expect(page.getByText(/16/).first()).toBeVisible();
  await checkAccessibility(page);
});

test("the therapist's supervisor sees the open risk flag in red and reads the measures, read only", async ({
  page,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  const supervisor = await createReadyAccount(server.url, admin, {
    name: "Sam Okafor",
    email: `supervisor.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(server.url, admin, therapist, supervisor);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client E2E-M2", weeksAgo(3));
  await heldWithPhq9(api, courseId, 1, BASELINE);
  await api.dispose();

  await signIn(page, supervisor);
  await expect(page.getByText(/Urgent: 1 open risk flag/)).toBeVisible();
  // The cockpit's row with the red flag opens the service's crisis steps in one click.
  const cockpitRow = page.getByRole("row", { name: /Client E2E-M2/ });
  await cockpitRow.getByText("Crisis steps for Client E2E-M2").click();
  await expect(cockpitRow.getByText(/call your local emergency number/)).toBeVisible();
  await expectNoSidewaysScroll(page);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(cockpitRow.getByText(/call your local emergency number/)).toBeVisible();
  await expectNoSidewaysScroll(page);
  if (viewport) await page.setViewportSize(viewport);
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Review open risk flags" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open risk flags" })).toBeVisible();
  const row = page.getByRole("row", { name: /Client E2E-M2/ });
  await expect(row).toContainText("Tess Marlowe");
  await checkAccessibility(page);

  await row.getByRole("link", { name: "Scores and risk for Client E2E-M2" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Client E2E-M2");
  await expect(page.getByRole("heading", { level: 2, name: "Trend" })).toBeVisible();
  await expect(page.getByText("Read only: you are viewing as a supervisor.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Risk flag: PHQ-9 item 9" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resolve risk flag" })).toHaveCount(0);
  await checkAccessibility(page);
});

test("an admin sees the measurement settings with their documented defaults", async ({
  page,
  admin,
  checkAccessibility,
}) => {
  await signIn(page, admin);
  await page.getByRole("link", { name: "Organisation settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
  await expect(page.getByLabel(/Early review at session/)).toHaveValue("4");
  await expect(page.getByLabel("Time zone of the service")).toHaveValue("Europe/London");
  await checkAccessibility(page);
});
