// The safety guards in the browser (decision 017): after a risk flag, the next session carries the risk
// review and is signed only once it is ticked; after two no-shows with the flag open, reaching out leads
// the course page, and discontinuing is refused until an outreach attempt (when, how, outcome) is
// recorded; the client's relapse-prevention handout prints. Axe and the sideways-scroll check at 390 and 1366 px run on every new screen.
import { endpoints, RISK_REVIEW_NEEDED } from "@ipt/shared";
import { apiAs, clientWithCourse, heldWithPhq9 } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import type { Page } from "@playwright/test";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-S1";

/** The page fits a phone's and a clinic laptop's width without sideways scroll. */
async function fitsEveryWidth(page: Page) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    await expectNoSidewaysScroll(page);
  }
}

test("a therapist reviews risk before signing and reaches out before discontinuing", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, CLIENT, weeksAgo(3));
  // Session 1: item 9 answered 1, followed up; session 2 held.
  await heldWithPhq9(api, courseId, 1, [2, 2, 2, 2, 2, 2, 2, 1, 1]);
  const measures = await api.call(endpoints.measures.get, { params: { courseId } });
  const flag = measures.riskFlags[0];
  if (!flag) throw new Error("no risk flag");
  await api.call(endpoints.measures.recordFollowUp, {
    params: { riskFlagId: flag.id },
    body: {
      riskAssessed: true,
      riskLevel: "low",
      actionsTaken: "Invented: asked directly; no plan or intent.",
      safetyPlan: "reviewed",
      supervisorInformed: false,
      followedUpAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  const course = await api.call(endpoints.courses.get, { params: { courseId } });
  const two = course.sessions.find((s) => s.number === 2);
  if (!two) throw new Error("no session 2");
  await api.call(endpoints.sessions.update, {
    params: { sessionId: two.id },
    body: { version: two.version, status: "held" },
  });
  // Sessions 3 and 4 (today) missed: two no-shows in a row while the flag is open.
  for (const number of [3, 4]) {
    const session = course.sessions.find((s) => s.number === number);
    if (!session) throw new Error(`no session ${number}`);
    await api.call(endpoints.sessions.update, {
      params: { sessionId: session.id },
      body: { version: session.version, status: "no_show" },
    });
  }
  await api.dispose();

  await signIn(page, therapist);
  await page.goto(`/sessions/${two.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Session 2 of 12");
  const review = page.getByRole("group", { name: "Risk review (needed before signing)" });
  await expect(review).toContainText("not a published standard");
  await fitsEveryWidth(page);
  await checkAccessibility(page);

  // Signing is refused until the review is ticked or answered.
  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText(RISK_REVIEW_NEEDED).first()).toBeVisible();
  if (await page.getByRole("dialog").isVisible()) await page.keyboard.press("Escape");
  await review.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText("The session has been signed and locked.")).toBeVisible();
  await checkAccessibility(page);

  // Discontinuing with the flag open needs an outreach attempt first.
  await page.goto(`/courses/${courseId}`);
  // Two no-shows with the flag open: reaching out leads the course page.
  await expect(page.getByRole("heading", { level: 2, name: "Reach out to the client" })).toBeVisible();
  await expect(page.getByText(/The last two sessions were missed while a risk flag is open/)).toBeVisible();
  await page.getByText("End the course early").click();
  await checkAccessibility(page);
  await page.getByRole("group", { name: "Outcome" }).getByLabel("Discontinued").check();
  await page.getByLabel("Reason").fill("Invented: the client stopped attending.");
  await page.getByLabel("End date").fill(weeksAgo(0));
  await page.getByRole("button", { name: "Complete the course" }).click();
  await expect(page.getByText("The course cannot be discontinued yet.").first()).toBeVisible();

  await page.getByLabel("How the client was contacted").selectOption("phone");
  await page.getByLabel("Outcome of the attempt").selectOption("message_left");
  await page.getByLabel("Note (optional)").fill("Invented: voicemail with the crisis line number.");
  await page.getByRole("button", { name: "Record outreach attempt" }).click();
  await expect(page.getByText("Outreach attempt recorded.")).toBeVisible();
  await expect(page.getByText(/Phone call: Left a message/)).toBeVisible();
  await fitsEveryWidth(page);
  await checkAccessibility(page);

  await page.getByRole("button", { name: "Complete the course" }).click();
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Completed");

  // The client's relapse-prevention handout stays printable after the course ends.
  await page.goto(`/courses/${courseId}/relapse-plan`);
  await expect(page.getByRole("heading", { level: 1, name: "My plan for staying well" })).toBeVisible();
  await fitsEveryWidth(page);
  await checkAccessibility(page);
});
