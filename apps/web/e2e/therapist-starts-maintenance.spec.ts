// Maintenance IPT in the browser (docs/decisions/026): after a completed acute course (set up through
// the API), the therapist starts a maintenance contract from the course page, lands on the new
// maintenance course (its format, its monthly plan in the maintenance phase, the link back) and finds it
// listed on the acute course. Axe on the way; no sideways scroll on a phone.
import { expect, test } from "./support/fixtures";
import { apiAs, clientWithCompletedCourse } from "./support/clinical-api";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

test("a therapist starts a maintenance course after a completed acute course", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCompletedCourse(api, "Client E2E-Maintenance", weeksAgo(16));

  await signIn(page, therapist);
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole("heading", { name: "Outcome" })).toBeVisible();
  await page.getByRole("button", { name: "Start maintenance" }).click();
  const form = page.getByRole("form", { name: "Maintenance contract" });
  await expect(form.getByText(/project synthesis/)).toBeVisible();
  await expect(form.getByRole("radio", { name: "Monthly (every 4 weeks)" })).toBeChecked();
  await checkAccessibility(page);

  // A start on the acute course's last day is refused, naming the field.
  await form.getByLabel("Date of the first maintenance session").fill(weeksAgo(5));
  await form.getByRole("button", { name: "Start maintenance and generate the plan" }).click();
  await expect(page.getByRole("button", { name: /maintenance starts after that/ })).toBeVisible();

  await form.getByLabel("Date of the first maintenance session").fill(weeksAgo(-1));
  await form.getByRole("button", { name: "Start maintenance and generate the plan" }).click();

  // The maintenance course: its phase, format and link back.
  await expect(page).not.toHaveURL(new RegExp(`/courses/${courseId}$`));
  await expect(page.getByRole("heading", { name: "Maintenance", exact: true })).toBeVisible();
  await expect(
    page.getByText("Maintenance IPT: 6 sessions, monthly (every 4 weeks), 50 minutes each"),
  ).toBeVisible();
  await expect(
    page.getByText("Invented: sleeping badly for a week and cancelling plans with friends."),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Course phases" }).getByText("Maintenance")).toBeVisible();
  await checkAccessibility(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1366, height: 900 });

  await page.getByRole("link", { name: "the acute course (course 1)" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${courseId}$`));
  await expect(page.getByRole("link", { name: "Maintenance course 2" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start maintenance" })).toHaveCount(0);
  await api.dispose();
});
