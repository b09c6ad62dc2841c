// Issue 14's safety story end to end: a follow-up that judged the risk high escalates the flag to the
// client's supervisor (decision 015), who acknowledges it from the cockpit's risk-flag list; the
// therapist sees who acknowledged, resolves the flag, and can discontinue the course only after an
// outreach attempt, as the flag was raised in the last 4 weeks (decision 017). Axe on every page.
import { endpoints } from "@ipt/shared";
import { assignSupervisor, createReadyAccount } from "./support/accounts";
import { apiAs, clientWithCourse, heldWithPhq9 } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-S2";

test("high-risk follow-up → supervisor acknowledges → therapist resolves → discontinued after outreach", async ({
  page,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const supervisor = await createReadyAccount(server.url, admin, {
    name: "Rae Lindqvist",
    email: `supervisor.s2.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(server.url, admin, therapist, supervisor);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, CLIENT, weeksAgo(2));
  await heldWithPhq9(api, courseId, 1, [2, 2, 2, 2, 2, 2, 2, 2, 2]);
  const measures = await api.call(endpoints.measures.get, { params: { courseId } });
  const flag = measures.riskFlags[0];
  if (!flag) throw new Error("no risk flag");
  await api.call(endpoints.measures.recordFollowUp, {
    params: { riskFlagId: flag.id },
    body: {
      riskAssessed: true,
      riskLevel: "high",
      actionsTaken: "Invented: crisis plan agreed; GP informed the same day.",
      safetyPlan: "made",
      supervisorInformed: true,
      followedUpAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  await api.dispose();

  // The supervisor: the cockpit leads with it; acknowledged from the risk-flag list.
  await signIn(page, supervisor);
  await expect(page.getByText(/Urgent: .*acknowledg/).first()).toBeVisible();
  // The navigation's "Risk flags" counts the escalations awaiting the supervisor's acknowledgement.
  await expect(page.getByRole("link", { name: /^Risk flags\s*:\s*1 item$/ })).toBeAttached();
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Review open risk flags" }).click();
  await page.getByRole("button", { name: `Acknowledge the risk flag of ${CLIENT}` }).click();
  await expect(page.getByText(/Acknowledged by Rae Lindqvist/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Risk flags", exact: true })).toBeAttached();
  await checkAccessibility(page);

  // The therapist: sees who acknowledged, resolves the flag.
  await page.context().clearCookies();
  await signIn(page, therapist);
  await page.goto(`/courses/${courseId}/measures`);
  await expect(page.getByText(/Acknowledged by Rae Lindqvist on/).first()).toBeVisible();
  await page.getByRole("button", { name: "Resolve risk flag" }).click();
  await page
    .getByRole("dialog")
    .getByLabel("Reason for resolving")
    .fill("Invented: reassessed with the supervisor; crisis plan in place.");
  await page.getByRole("dialog").getByRole("button", { name: "Resolve the flag" }).click();
  await expect(page.getByText(/Resolved on/).first()).toBeVisible();

  // Resolved, but raised in the last 4 weeks: discontinuing waits for an outreach attempt.
  await page.goto(`/courses/${courseId}`);
  await page.getByText("End the course early").click();
  await page.getByRole("group", { name: "Outcome" }).getByLabel("Discontinued").check();
  await page.getByLabel("Reason").fill("Invented: the client moved away.");
  await page.getByLabel("End date").fill(weeksAgo(0));
  await page.getByRole("button", { name: "Complete the course" }).click();
  await expect(page.getByText("The course cannot be discontinued yet.").first()).toBeVisible();
  await page.getByLabel("How the client was contacted").selectOption("phone");
  await page.getByLabel("Outcome of the attempt").selectOption("spoke_with_client");
  await page.getByRole("button", { name: "Record outreach attempt" }).click();
  await expect(page.getByText("Outreach attempt recorded.")).toBeVisible();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Complete the course" }).click();
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Completed");
});
