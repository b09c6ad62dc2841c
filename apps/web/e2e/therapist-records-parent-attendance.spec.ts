// IPT-A parent or carer attendance in the browser [S20c] (docs/decisions/026): on an IPT-A course set
// up through the API, the therapist records a held session with a parent's joint part, finds it in the
// course's sessions table, signs the record and reads it there. Axe on the way.
import { endpoints } from "@ipt/shared";
import { expect, test } from "./support/fixtures";
import { apiAs, clientWithCourse } from "./support/clinical-api";
import { signIn, weeksAgo } from "./support/browser";

test("a therapist records that a parent joined an IPT-A session", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client E2E-Adolescent", weeksAgo(2), { format: "ipt_a" });
  const course = await api.call(endpoints.courses.get, { params: { courseId } });
  const first = course.sessions.find((session) => session.number === 1);
  if (!first) throw new Error("no session 1");
  await api.dispose();

  await signIn(page, therapist);
  await page.goto(`/sessions/${first.id}`);
  const attendance = page.getByRole("group", { name: "Parent or carer attendance (IPT-A)" });
  // Asked once the session is held.
  await expect(page.getByRole("radio", { name: "Planned", exact: true })).toBeChecked();
  await expect(attendance).toHaveCount(0);
  await page.getByRole("radio", { name: "Held", exact: true }).check();
  await expect(attendance.getByRole("radio", { name: "Not recorded" })).toBeChecked();
  await attendance.getByRole("radio", { name: "A parent or carer joined a joint part", exact: true }).check();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByText("Session saved.")).toBeVisible();

  // In the course's sessions.
  await page.goto(`/courses/${courseId}/plan`);
  const table = page.getByRole("table", { name: "Sessions of the course" });
  const row = table
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "Session 1", exact: true }) });
  await expect(row.getByRole("cell", { name: "Joint part", exact: true })).toBeVisible();

  // In the signed record.
  await page.goto(`/sessions/${first.id}`);
  await expect(
    attendance.getByRole("radio", { name: "A parent or carer joined a joint part", exact: true }),
  ).toBeChecked();
  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText("A parent or carer joined a joint part", { exact: true })).toBeVisible();
  await expect(attendance).toHaveCount(0);
});
