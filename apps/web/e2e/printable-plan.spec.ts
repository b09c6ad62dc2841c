// The printable plan reads like a clinical document: each phase once with its tasks and shared
// agenda, then the dated sessions with only what differs, the sources last; a 16-session plan
// prints on two A4 pages.
import { apiAs, clientWithCourse } from "./support/clinical-api";
import { signIn, weeksAgo } from "./support/browser";
import { expect, test } from "./support/fixtures";

test("a 16-session plan prints each phase once and fits on two A4 pages", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client Print-16", weeksAgo(1), { plannedSessions: 16 });
  await api.dispose();

  await signIn(page, therapist);
  await page.goto(`/courses/${courseId}/print`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IPT session plan: Client Print-16");

  const phasesSection = page.getByRole("region", { name: "Phases" });
  await expect(phasesSection.getByRole("heading", { level: 3 })).toHaveText([
    "Initial phase: sessions 1–3",
    /^Middle phase: sessions 4–1\d$/,
    /^Termination.*: sessions 1\d–16$/,
  ]);
  const phases = phasesSection.getByRole("region");
  const sessions = page.getByRole("table", { name: "Dated sessions" });
  await expect(sessions.getByRole("rowheader")).toHaveCount(16);
  // The middle phase's shared agenda is printed once, not once per session.
  const middleItems = await phases.nth(1).getByRole("listitem").allTextContents();
  const first = middleItems.at(-1) ?? "";
  expect(first).not.toBe("");
  await expect(sessions.getByText(first, { exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Sources" }).getByRole("term").first()).toBeVisible();
  await checkAccessibility(page);

  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 720, height: 1000 });
  await page.screenshot({ path: test.info().outputPath("print.png"), fullPage: true });
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
  expect(pages.length, "A4 pages of the printed plan").toBeGreaterThan(0);
  expect(pages.length, "A4 pages of the printed plan").toBeLessThanOrEqual(2);
});
