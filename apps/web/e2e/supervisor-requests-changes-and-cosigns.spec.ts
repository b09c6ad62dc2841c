// Supervision review in the browser, as issue 5 tells it: the supervisor opens the cockpit (the
// risk-flagged client first), reviews a signed session, rates it and requests a change; the therapist
// finds it under "Needs attention", amends the record and resolves the request; the supervisor
// co-signs. A second story: with the organisation's co-sign rule on, the middle phase waits for the
// supervisor's co-signature of the formulation and plan. Axe checks every page on the way.
import { endpoints } from "@ipt/shared";
import type { Page } from "@playwright/test";
import { assignSupervisor, createReadyAccount, type Account } from "./support/accounts";
import { apiAs, clientWithCourse, heldWithPhq9, signSession } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

async function newSupervisor(serverUrl: string, admin: Account, therapist: Account, tag: string) {
  const supervisor = await createReadyAccount(serverUrl, admin, {
    name: "Sam Okafor",
    email: `supervisor.${tag}.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(serverUrl, admin, therapist, supervisor);
  return supervisor;
}

/** Rates every item of the page's fidelity form with `score`. */
async function rateAll(page: Page, score: string) {
  const groups = page.getByRole("form", { name: /fidelity/i }).getByRole("radiogroup");
  await groups.first().waitFor(); // the form appears once the ratings so far have loaded
  const count = await groups.count();
  for (let i = 0; i < count; i++) await groups.nth(i).getByLabel(score, { exact: true }).check();
}

test("a supervisor requests a change to a session, the therapist amends and resolves it, the supervisor co-signs", async ({
  page,
  newPage,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(240_000);
  const supervisor = await newSupervisor(server.url, admin, therapist, "cosign");
  const api = await apiAs(server.url, therapist);
  const reviewed = await clientWithCourse(api, "Client E2E-R1", weeksAgo(4));
  await heldWithPhq9(api, reviewed.courseId, 1, [1, 2, 1, 1, 1, 1, 1, 1, 0]);
  const sessionId = await signSession(api, reviewed.courseId, 1);
  // Created later with PHQ-9 item 9 answered: only its open risk flag can put it first.
  const risky = await clientWithCourse(api, "Client E2E-R2", weeksAgo(2));
  await heldWithPhq9(api, risky.courseId, 1, [2, 2, 2, 2, 2, 2, 2, 1, 1]);
  await api.dispose();

  // The supervisor: cockpit, then the signed session, read only; rate it and request a change.
  await signIn(page, supervisor);
  const clients = page.getByRole("table", { name: "Active clients of your supervisees, most urgent first" });
  await expect(clients.getByRole("row").nth(1)).toContainText("Client E2E-R2");
  await expect(clients.getByRole("row").nth(1)).toContainText(/Urgent/);
  await checkAccessibility(page);
  await clients.getByRole("link", { name: "Review Client E2E-R1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Client E2E-R1" })).toBeVisible();
  await page
    .getByRole("table", { name: "Sessions of the course" })
    .getByRole("link", { name: "Session 1", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Session 1 of 12" })).toBeVisible();
  await rateAll(page, "3");
  await page.getByRole("button", { name: "Save rating" }).click();
  await expect(page.getByText("Rating saved.")).toBeVisible();

  const review = page.getByRole("region", { name: "Supervision review" });
  await review
    .getByLabel("New comment")
    .fill("Invented: please add the interpersonal incident discussed and link it to the mood change.");
  await review.getByRole("button", { name: "Request changes" }).click();
  const request = review.getByRole("article").filter({ hasText: "Change request" });
  await expect(request).toContainText("Open");
  await expect(request).toContainText("please add the interpersonal incident");
  // An open change request blocks co-signing.
  await expect(review.getByRole("button", { name: "Co-sign session" })).toHaveCount(0);
  await checkAccessibility(page);

  // The therapist: "Needs attention" leads to the session; amend the record, reply and resolve.
  const therapistPage = await newPage();
  await signIn(therapistPage, therapist);
  await therapistPage.getByRole("link", { name: /Needs attention/ }).click();
  await expect(therapistPage.getByRole("heading", { level: 1, name: "Needs your attention" })).toBeVisible();
  await expect(therapistPage.getByRole("heading", { level: 2, name: "Change requests" })).toBeVisible();
  await checkAccessibility(therapistPage);
  await therapistPage
    .getByRole("link", { name: /Client E2E-R1/ })
    .first()
    .click();
  await expect(therapistPage.getByRole("heading", { level: 1, name: /Session 1/ })).toBeVisible();
  const sections = therapistPage.getByRole("navigation", { name: "Session sections" });
  await expect(sections.getByRole("link", { name: "Supervision" })).toHaveAttribute("aria-current", "page");
  const therapistReview = therapistPage.getByRole("region", { name: "Supervision review" });
  const therapistRequest = therapistReview.getByRole("article").filter({ hasText: "Change request" });
  await expect(therapistRequest).toContainText("please add the interpersonal incident");
  await checkAccessibility(therapistPage);

  // The amendment is added to the record, on its own tab; the reply back on the Supervision tab.
  await sections.getByRole("link", { name: "Record" }).click();
  await therapistPage.getByLabel("Reason for the amendment").fill("Invented: supervisor's request.");
  await therapistPage
    .getByLabel("Amendment", { exact: true })
    .fill("Invented: the argument with the manager on Monday; mood lower the two days after.");
  await therapistPage.getByRole("button", { name: "Add amendment" }).click();
  await expect(therapistPage.getByText("Amendment added.")).toBeVisible();
  await sections.getByRole("link", { name: "Supervision" }).click();

  await therapistRequest.getByLabel("Reply").fill("Invented: added as an amendment.");
  await therapistRequest.getByRole("button", { name: "Send reply" }).click();
  await expect(therapistRequest).toContainText("added as an amendment");
  // Said once every query of the course has been read again: nothing moves under the next clicks.
  await expect(therapistRequest.getByText("Reply sent.")).toBeVisible();
  await therapistRequest.getByRole("button", { name: "Mark resolved" }).click();
  await therapistRequest.getByLabel("What changed (optional)").fill("Invented: incident added.");
  await therapistRequest.getByRole("button", { name: "Confirm resolved" }).click();
  await expect(therapistRequest).toContainText(/Resolved by Tess Marlowe/);
  await checkAccessibility(therapistPage);

  // The supervisor sees the resolution and co-signs the amended session.
  await page.goto(`/supervision/sessions/${sessionId}`);
  await expect(request).toContainText(/Resolved by Tess Marlowe/);
  await expect(review).toContainText("Not co-signed");
  await review.getByLabel("Co-sign note (optional)").fill("Invented: the amendment covers it.");
  await review.getByRole("button", { name: "Co-sign session" }).click();
  await expect(review).toContainText(/Co-signed by Sam Okafor on/);
  await checkAccessibility(page);

  // The therapist sees the co-signature on their own page, and nothing left from the review.
  await therapistPage.reload();
  await expect(therapistReview).toContainText(/Co-signed by Sam Okafor on/);
  await therapistPage.getByRole("link", { name: /Needs attention/ }).click();
  await expect(therapistPage.getByRole("heading", { level: 2, name: "Change requests" })).toHaveCount(0);
});

test("with the co-sign rule on, the middle phase waits for the supervisor's co-signature of formulation and plan", async ({
  page,
  newPage,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(240_000);
  const supervisor = await newSupervisor(server.url, admin, therapist, "gate");
  const api = await apiAs(server.url, therapist);
  const course = await clientWithCourse(api, "Client E2E-G1", weeksAgo(3));
  for (const number of [1, 2, 3]) {
    await heldWithPhq9(api, course.courseId, number, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    await signSession(api, course.courseId, number);
  }
  await api.dispose();

  // The admin turns the rule on; the worker's other specs run after this one, so it is turned off again.
  const adminPage = await newPage();
  await signIn(adminPage, admin);
  try {
    await adminPage.getByRole("link", { name: "Organisation settings" }).click();
    await adminPage
      .getByLabel("Require a supervisor's co-signature of the formulation and plan before the middle phase")
      .check();
    await adminPage.getByRole("button", { name: "Save settings" }).click();
    await expect(adminPage.getByText("Settings saved.")).toBeVisible();
    await checkAccessibility(adminPage);

    // The therapist is refused the middle phase, with the co-signatures named.
    await signIn(page, therapist);
    // The course page names the co-signatures still needed, and offers no button until they are given.
    await page.goto(`/courses/${course.courseId}`);
    const initialPhase = page.getByRole("region", { name: "Initial phase" });
    await expect(
      initialPhase.getByText("Ask a supervisor to co-sign the formulation", { exact: false }),
    ).toBeVisible();
    await expect(
      initialPhase.getByText("Ask a supervisor to co-sign the plan", { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Begin the middle phase" })).toHaveCount(0);
    await expect(
      page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
    ).toContainText("Initial");
    await checkAccessibility(page);

    // The supervisor co-signs both on the course review.
    const supervisorPage = await newPage();
    await signIn(supervisorPage, supervisor);
    await supervisorPage.goto(`/supervision/courses/${course.courseId}`);
    const review = supervisorPage.getByRole("region", { name: "Supervision review" });
    await expect(review).toContainText("Required before the middle phase.");
    const confirmations = review.getByRole("status").filter({ hasText: "Co-signed." });
    await review.getByRole("button", { name: "Co-sign formulation" }).click();
    await expect(confirmations).toHaveCount(1);
    await expect(review.getByRole("button", { name: "Co-sign formulation" })).toHaveCount(0);
    await review.getByRole("button", { name: "Co-sign plan" }).click();
    await expect(confirmations).toHaveCount(2);
    await expect(review.getByRole("button", { name: "Co-sign plan" })).toHaveCount(0);
    await expect(review.getByText(/Co-signed by Sam Okafor on/)).toHaveCount(2);
    await checkAccessibility(supervisorPage);

    await page.reload();
    await page.getByRole("button", { name: "Begin the middle phase" }).click();
    await expect(
      page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
    ).toContainText("Middle");
  } finally {
    const adminApi = await apiAs(server.url, admin);
    const current = await adminApi.call(endpoints.settings.measurement);
    if (current.supervision.coSignBeforeMiddle) {
      await adminApi.call(endpoints.settings.updateMeasurement, {
        body: {
          version: current.version,
          settings: current.settings,
          supervision: { coSignBeforeMiddle: false },
          service: current.service,
          safety: current.safety,
        },
      });
    }
    await adminApi.dispose();
  }
});
