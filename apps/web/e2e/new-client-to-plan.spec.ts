// Issue 13's "fewer steps": from an empty caseload to a generated plan in at most 15 interactions
// (clicks, fields filled, boxes ticked). The clinical content is the set-up's: the client and the
// reason for referral, the diagnosis named and the sick role given, one person in the inventory,
// the problem area with its dispute stage, the formulation and the contract (its suggested values
// kept). The API then shows every part of it saved.
import { endpoints } from "@ipt/shared";
import type { Locator } from "@playwright/test";
import { signIn } from "./support/browser";
import { apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";

test("from an empty caseload to a generated plan in at most 15 interactions", async ({
  page,
  server,
  therapist,
}) => {
  let interactions = 0;
  const click = async (target: Locator) => {
    interactions += 1;
    await target.click();
  };
  const fill = async (target: Locator, text: string) => {
    interactions += 1;
    await target.fill(text);
  };
  const check = async (target: Locator) => {
    interactions += 1;
    await target.check();
  };

  await signIn(page, therapist);
  await expect(page.getByText("You have no clients yet.")).toBeVisible();

  await click(page.getByRole("link", { name: "New client" }));
  await fill(page.getByLabel("Name or code"), "Client Steps-15");
  await fill(page.getByLabel("Reason for referral"), "Invented: low mood and arguments at home.");
  await check(page.getByRole("checkbox", { name: "Diagnosis named with the client" }));
  await check(page.getByRole("checkbox", { name: "Sick role given" }));
  await click(page.getByRole("button", { name: "Create client and start course" }));

  await expect(page.getByRole("heading", { level: 1, name: "Interpersonal inventory" })).toBeVisible();
  await fill(page.getByLabel("Name or label"), "Partner (invented)");
  await fill(page.getByLabel("Relationship to the client"), "Partner");
  await click(page.getByRole("button", { name: "Add person" }));
  await expect(page.getByText("Partner (invented) has been added to the inventory.")).toBeVisible();
  await click(page.getByRole("link", { name: "Continue to problem area" }));

  await expect(page.getByRole("heading", { level: 1, name: "Problem area" })).toBeVisible();
  await check(page.getByRole("group", { name: "Primary problem area" }).getByLabel("Role dispute"));
  await check(page.getByRole("group", { name: "Stage of the role dispute" }).getByLabel("Impasse"));
  await click(page.getByRole("button", { name: "Save and continue" }));

  await expect(page.getByRole("heading", { level: 1, name: "Formulation and contract" })).toBeVisible();
  await fill(
    page.getByLabel("Interpersonal formulation"),
    "Invented: the depression is linked to a dispute with the partner that has reached an impasse.",
  );
  await click(page.getByRole("button", { name: "Save formulation and contract, generate the plan" }));

  await expect(page.getByRole("heading", { level: 1, name: "Session plan" })).toBeVisible();
  const plan = page.getByRole("region", { name: "The session plan" });
  await expect(plan.getByRole("heading", { level: 3, name: /^Session \d+:/ })).toHaveCount(12);
  expect(interactions, "interactions from an empty caseload to a generated plan").toBeLessThanOrEqual(15);

  // Every part of the set-up is saved, as if each had been its own step.
  const api = await apiAs(server.url, therapist);
  const caseload = await api.call(endpoints.caseload.list, {});
  const [row] = caseload.items;
  const courseId = row?.course?.id ?? "";
  const course = await api.call(endpoints.courses.get, { params: { courseId } });
  expect(course).toMatchObject({
    diagnosisNamed: true,
    sickRoleGiven: true,
    primaryArea: "role_dispute",
    disputeStage: "impasse",
    formulation: expect.stringMatching(/^Invented: the depression/),
    plannedSessions: 12,
  });
  expect(course.contractAgreedOn).not.toBeNull();
  expect(course.missedSessionPolicy).toBeTruthy();
  const inventory = await api.call(endpoints.inventory.get, { params: { clientId: course.client.id } });
  expect(inventory.people.map((person) => person.label)).toEqual(["Partner (invented)"]);
  await api.dispose();
});
