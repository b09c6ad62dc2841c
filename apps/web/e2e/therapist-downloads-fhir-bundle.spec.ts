// The FHIR export and import in the browser: a therapist downloads a course's Bundle from the course
// page — pseudonymised by default (no name anywhere in the file), with the name only when asked — and
// an admin imports a Bundle into a therapist's caseload, or sees each problem of a broken one. Axe on
// the way.
import { readFile, writeFile } from "node:fs/promises";
import { endpoints } from "@ipt/shared";
import { clientWithCourse, apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-Fhir";

interface Entry {
  resource: { resourceType: string; name?: { text: string }[]; identifier?: { value: string }[] };
}

test("a therapist downloads a course's FHIR bundle, pseudonymised unless asked otherwise", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, CLIENT, weeksAgo(1));

  await signIn(page, therapist);
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole("heading", { name: "Export" })).toBeVisible();
  await checkAccessibility(page);

  const download = async () => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download FHIR bundle" }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^course-[0-9a-f]{8}\.fhir\.json$/);
    return readFile(await file.path(), "utf8");
  };

  const text = await download();
  expect(text).not.toContain("E2E-Fhir");
  const bundle = JSON.parse(text) as { resourceType: string; type: string; entry: Entry[] };
  expect([bundle.resourceType, bundle.type]).toEqual(["Bundle", "collection"]);
  const types = new Set(bundle.entry.map((entry) => entry.resource.resourceType));
  expect([...types]).toEqual(expect.arrayContaining(["Patient", "Condition", "CarePlan", "Goal"]));
  const patient = bundle.entry.find((entry) => entry.resource.resourceType === "Patient")?.resource;
  expect(patient?.name).toBeUndefined();
  expect(patient?.identifier?.[0]?.value).toMatch(/^[0-9a-f]{32}$/);

  await page
    .getByRole("checkbox", {
      name: "Include names: the client’s name and year of birth, and the inventory’s names for people",
    })
    .check();
  const named = JSON.parse(await download()) as { entry: Entry[] };
  const namedPatient = named.entry.find((entry) => entry.resource.resourceType === "Patient")?.resource;
  expect(namedPatient?.name).toEqual([{ text: CLIENT }]);
  expect(namedPatient?.identifier).toEqual(patient?.identifier);

  // The whole caseload: one Bundle of course Bundles, no names.
  await page.goto("/caseload");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the whole caseload as FHIR bundles" }).click();
  const caseloadFile = await downloading;
  expect(caseloadFile.suggestedFilename()).toBe("caseload.fhir.json");
  const caseloadText = await readFile(await caseloadFile.path(), "utf8");
  expect(caseloadText).not.toContain("E2E-Fhir");
  const caseload = JSON.parse(caseloadText) as { entry: Entry[] };
  expect(caseload.entry.map((entry) => entry.resource.resourceType)).toEqual(["Bundle"]);
  await checkAccessibility(page);
});

test("an admin imports a course Bundle for a therapist; a broken one is refused with its problems", async ({
  page,
  server,
  admin,
  therapist,
  checkAccessibility,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client E2E-Import", weeksAgo(2));
  const bundle = await api.call(endpoints.fhir.exportCourse, { params: { courseId }, query: {} });
  const good = testInfo.outputPath("course.fhir.json");
  await writeFile(good, JSON.stringify(bundle));
  const broken = testInfo.outputPath("broken.fhir.json");
  const brokenBundle = structuredClone(bundle) as {
    entry: { resource: { resourceType: string; status?: string } }[];
  };
  const plan = brokenBundle.entry.find((entry) => entry.resource.resourceType === "CarePlan");
  if (plan) delete plan.resource.status;
  await writeFile(broken, JSON.stringify(brokenBundle));

  await signIn(page, admin);
  await page.getByRole("link", { name: "Import a course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import a course");
  await checkAccessibility(page);

  await page.getByLabel("FHIR Bundle (.json)").setInputFiles(broken);
  await page.getByLabel("Therapist").selectOption({ label: `${therapist.name} (${therapist.email})` });
  await page.getByRole("button", { name: "Import course" }).click();
  const problems = page.getByRole("region", { name: "Problems in the Bundle" });
  await expect(problems).toContainText("Nothing was imported.");
  await expect(problems).toContainText(/bundle\.entry\[\d+\]\.resource/);
  await checkAccessibility(page);
  // Long paths wrap: at a phone's width the page does not scroll sideways.
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 844 });
    const sizes = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(sizes[0]).toBeLessThanOrEqual(sizes[1] ?? 0);
  }

  await page.getByLabel("FHIR Bundle (.json)").setInputFiles(good);
  await page.getByRole("button", { name: "Import course" }).click();
  await expect(page.getByText(`The course was imported into ${therapist.name}’s caseload.`)).toBeVisible();
  await expect(problems).toHaveCount(0);

  const caseload = await api.call(endpoints.caseload.list, { query: {} });
  expect(caseload.items).toHaveLength(2);
});
