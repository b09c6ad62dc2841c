// A therapist works on a grief course in the browser: the grief timing warning stands next to the grief
// tasks (the death on the timeline is years before the onset), the three tasks are written and saved,
// the printable plan shows them, and the measures chart marks the death as the problem area's key event
// (in its text alternative too) apart from the life events. Axe checks every page, at a phone's and a
// clinic laptop's width, and no page scrolls sideways; a screenshot of each is kept with the results.
import { endpoints } from "@ipt/shared";
import type { Page, TestInfo } from "@playwright/test";
import { apiAs, clientWithCourse, heldWithPhq9 } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-G1";
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
] as const;

async function atEveryWidth(
  page: Page,
  testInfo: TestInfo,
  name: string,
  checkAccessibility: (page: Page) => Promise<void>,
) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await expectNoSidewaysScroll(page);
    await checkAccessibility(page);
    const path = testInfo.outputPath(`${name}-${size.width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${size.width}`, { path, contentType: "image/png" });
  }
}

test("a therapist records the grief tasks and sees the death marked as the key event on the chart", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  const { clientId, courseId } = await clientWithCourse(api, CLIENT, weeksAgo(6));
  const death = weeksAgo(120);
  await api.call(endpoints.inventory.addLifeEvent, {
    params: { clientId },
    body: { occurredOn: death, kind: "death", description: "Invented: the client's mother died." },
  });
  let course = await api.call(endpoints.courses.get, { params: { courseId } });
  course = await api.call(endpoints.courses.setProblemArea, {
    params: { courseId },
    body: { version: course.version, primaryArea: "grief" },
  });
  await api.call(endpoints.courses.setFormulation, {
    params: { courseId },
    body: {
      version: course.version,
      formulation: "Invented: low mood that the client links to the mother's death.",
      agreedOn: weeksAgo(6),
      episodeOnsetOn: weeksAgo(10),
    },
  });
  await heldWithPhq9(api, courseId, 1, [2, 2, 2, 2, 2, 2, 1, 1, 0]);
  await heldWithPhq9(api, courseId, 2, [2, 2, 1, 2, 1, 2, 1, 1, 0]);
  await api.dispose();

  await signIn(page, therapist);
  await expect(page).toHaveURL(/\/caseload/);

  // The Formulation tab: the grief tasks, with the timing warning beside them.
  await page.goto(`/courses/${courseId}/formulation`);
  const tasks = page.getByRole("region", { name: "Grief tasks" });
  await expect(tasks.getByRole("heading", { level: 2, name: "Grief tasks" })).toBeVisible();
  await expect(tasks.getByText(/no death on the timeline falls in the 12 months before/)).toBeVisible();
  await tasks
    .getByLabel("Events before, during and after the death, and the feelings")
    .fill("Invented: a long illness; the client was not there at the end and feels guilty.");
  await tasks.getByLabel("Positive aspects of the relationship").fill("Invented: she always listened.");
  await tasks.getByLabel("Negative aspects of the relationship").fill("Invented: she criticised often.");
  await tasks
    .getByLabel("Feelings avoided or put off, and how they came out")
    .fill("Invented: anger at her, not spoken of until session 2.");
  await tasks.getByRole("button", { name: "Save grief tasks" }).click();
  await expect(tasks.getByText("Grief tasks saved.")).toBeVisible();
  await atEveryWidth(page, testInfo, "grief-tasks", checkAccessibility);

  // Read back after a reload, and on the printable plan.
  await page.reload();
  await expect(page.getByLabel("Positive aspects of the relationship")).toHaveValue(
    "Invented: she always listened.",
  );
  await page.goto(`/courses/${courseId}/print`);
  const printed = page.getByRole("region", { name: "Grief tasks" });
  await expect(printed.getByText("Invented: she criticised often.")).toBeVisible();
  await atEveryWidth(page, testInfo, "grief-print", checkAccessibility);

  // The measures chart marks the death as the key event, in its text alternative and in the timeline.
  await page.goto(`/courses/${courseId}/measures`);
  await expect(page.getByRole("heading", { level: 2, name: "Trend" })).toBeVisible();
  const chart = page.getByRole("img", { name: /^PHQ-9 from 14 at session 1 to 12 at session 2\./ });
  await expect(chart).toHaveAttribute(
    "aria-label",
    new RegExp(`Key events of the problem area: Death \\(${death}, before session 1\\)\\.$`),
  );
  await expect(chart.getByText("Before: Death", { exact: true })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Interpersonal timeline" });
  await expect(
    timeline.getByRole("listitem").filter({ hasText: "Invented: the client's mother died." }),
  ).toContainText("Key event of the problem area");
  await atEveryWidth(page, testInfo, "grief-measures", checkAccessibility);
});
