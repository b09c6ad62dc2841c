// Group IPT in the browser (docs/decisions/027): the therapist creates a group (a refused form first,
// with its error summary), adds two clients as members, and records the first group session's
// attendance for both in one submit. A member's PHQ-9 with item 9 above 0 (through the API) then puts
// that member first and in red on the list of groups and on the group's page. Axe on every page; no
// sideways scroll at 390 and 1366 px on the list and the group page, screenshots kept.
import { endpoints } from "@ipt/shared";
import type { Page, TestInfo } from "@playwright/test";
import { apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

/** A PHQ-9 with item 9 answered 1: the red risk flag. */
const RISKY_PHQ9 = [2, 2, 2, 2, 2, 2, 2, 1, 1];

/** Kept in the test's output folder (test-results/) whatever the outcome, and in the report. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("a therapist creates a group, adds members and records the first group session's attendance", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  for (const displayName of ["Member Ada (invented)", "Member Ben (invented)"]) {
    await api.call(endpoints.clients.create, {
      body: { displayName, referralReason: "Invented: low mood since the winter." },
    });
  }

  await signIn(page, therapist);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(page.getByText("You have no groups yet.")).toBeVisible();
  await checkAccessibility(page);
  await page.getByRole("link", { name: "New group" }).click();

  // A refused form: the error summary names each field, and the field says it too.
  await expect(page.getByRole("heading", { level: 1, name: "New group" })).toBeVisible();
  await page.getByLabel("Number of weekly group sessions").fill("20");
  await page.getByRole("button", { name: "Create the group and its plan" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("button", { name: "Enter a name or code for the group." })).toBeVisible();
  await expect(
    summary.getByRole("button", {
      name: "A group has 8 to 16 weekly group sessions (the WHO manual has 8).",
    }),
  ).toBeVisible();
  await expect(page.getByLabel("Name or code of the group")).toBeFocused();
  await checkAccessibility(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await keepScreenshot(page, testInfo, "new-group-refused-phone-390");
  await page.setViewportSize({ width: 1366, height: 768 });

  // The first group session two weeks ago, so its attendance can be recorded today.
  await page.getByLabel("Name or code of the group").fill("Tuesday group (invented)");
  await page.getByLabel("Number of weekly group sessions").fill("8");
  await page.getByLabel("Date of the first group session").fill(weeksAgo(2));
  await page.getByRole("button", { name: "Create the group and its plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tuesday group (invented)" })).toBeVisible();
  await expect(page.getByText("No members yet.")).toBeVisible();
  await checkAccessibility(page);

  // Two members, each with their own course.
  for (const name of ["Member Ada (invented)", "Member Ben (invented)"]) {
    await page.getByLabel("Client", { exact: true }).selectOption({ label: name });
    await page.getByRole("button", { name: "Add to the group" }).click();
    await expect(page.getByText(`${name} has joined the group`)).toBeVisible();
  }
  const members = page.getByRole("table", { name: "Members of the group" });
  await expect(members.getByRole("link", { name: "Member Ada (invented)" })).toBeVisible();
  await expect(members.getByRole("link", { name: "Member Ben (invented)" })).toBeVisible();

  // The first group session's attendance, for both members in one submit.
  const sessions = page.getByRole("table", { name: "Sessions of the group" });
  await sessions.getByRole("button", { name: "Record attendance of group session 1" }).click();
  const dialog = page.getByRole("dialog");
  await dialog
    .getByRole("group", { name: "Member Ada (invented)" })
    .getByRole("radio", { name: "Attended" })
    .check();
  await dialog.getByRole("button", { name: "Record attendance" }).click();
  await expect(
    dialog.getByRole("button", { name: "Choose how Member Ben (invented) took part." }),
  ).toBeVisible();
  await checkAccessibility(page);
  await keepScreenshot(page, testInfo, "attendance-refused");
  await dialog
    .getByRole("group", { name: "Member Ben (invented)" })
    .getByRole("radio", { name: "Did not come (no-show)" })
    .check();
  await dialog.getByRole("button", { name: "Record attendance" }).click();
  await expect(page.getByText(/The attendance of group session 1 .* has been recorded\./)).toBeVisible();
  await expect(sessions.getByRole("row").nth(1)).toContainText("1 attended, 1 absent, 0 cancelled");

  // Each member's own course follows: Ada's group session is held.
  const groupId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const group = await api.call(endpoints.groups.get, { params: { groupId } });
  const ada = group.members.find((member) => member.client.displayName === "Member Ada (invented)");
  if (!ada) throw new Error("Ada is not a member");
  const course = await api.call(endpoints.courses.get, { params: { courseId: ada.courseId } });
  const held = course.sessions.find((session) => session.slot === "group-initial");
  expect(held?.status).toBe("held");
  // A PHQ-9 at it with item 9 above 0: an open risk flag on Ada's own course.
  await api.call(endpoints.measures.record, {
    params: { courseId: ada.courseId },
    body: { sessionId: held?.id ?? "", instrument: "phq9", items: RISKY_PHQ9 },
  });
  await api.dispose();

  // The group's page: Ada first, in red, with her latest PHQ-9; her name leads to her course.
  await page.reload();
  const firstMember = members.getByRole("row").nth(1);
  await expect(firstMember).toContainText("Member Ada (invented)");
  await expect(firstMember.locator(".badge--flag-red")).toContainText("Urgent: 1 open risk flag");
  await expect(firstMember).toContainText("16");
  for (const [label, width, height] of [
    ["phone-390", 390, 844],
    ["laptop-1366", 1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expectNoSidewaysScroll(page);
    await checkAccessibility(page);
    await keepScreenshot(page, testInfo, `group-${label}`);
  }

  // The list of groups: the member at risk named in red right after the group.
  await page.getByRole("link", { name: "Groups", exact: true }).first().click();
  const list = page.getByRole("table", { name: "Groups" });
  const row = list.getByRole("row").nth(1);
  await expect(row).toContainText("Tuesday group (invented)");
  await expect(row.locator(".badge--flag-red")).toContainText("Urgent: 1 open risk flag");
  await expect(row).toContainText("Group session 2 of 8");
  for (const [label, width, height] of [
    ["phone-390", 390, 844],
    ["laptop-1366", 1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expectNoSidewaysScroll(page);
    await checkAccessibility(page);
    await keepScreenshot(page, testInfo, `groups-${label}`);
  }

  await row.getByRole("link", { name: "Member Ada (invented)" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${ada.courseId}$`));
});
