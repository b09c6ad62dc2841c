// The client's side in the browser: the therapist sends a PHQ-9 for session 2 from the course's plan
// tab and gets a personal link (shown once, with a QR code); the client opens it on a phone-sized
// screen in a browser with no cookies, answers with item 9 = 1 and is shown the crisis text; the
// therapist's caseload and course show the red risk flag and the score "completed by the client";
// the supervisor sees the flag; the used link then shows the closed page. Axe on both sides.
import { assignSupervisor, createReadyAccount } from "./support/accounts";
import { apiAs, clientWithCourse } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-Questionnaire";
const LINK = /^http:\/\/[^/]+\/q\/[A-Za-z0-9_-]{43}$/;
const ANSWERS = [1, 1, 1, 1, 0, 0, 0, 0, 1];

test("a client fills in a PHQ-9 on their phone before session 2; item 9 raises the red flag", async ({
  page,
  browser,
  server,
  admin,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(150_000);
  const supervisor = await createReadyAccount(server.url, admin, {
    name: "Sam Okafor",
    email: `supervisor.q.${Date.now()}@clinic.example`,
    role: "supervisor",
  });
  await assignSupervisor(server.url, admin, therapist, supervisor);
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, CLIENT, weeksAgo(1));
  await api.dispose();

  // The therapist sends PHQ-9 for session 2 from the plan tab.
  await signIn(page, therapist);
  await page.goto(`/courses/${courseId}/plan`);
  const panel = page.getByRole("region", { name: "Questionnaires for the client" });
  await expect(panel.getByText("No questionnaires sent yet.")).toBeVisible();
  await panel.getByLabel("For session").selectOption({ index: 1 });
  await expect(panel.getByLabel("For session").locator("option:checked")).toHaveText(/^Session 2 —/);
  const forms = panel.getByRole("group", { name: /Questionnaires/ });
  // Session 2 is not a point of the measurement schedule: PHQ-9 alone is ticked.
  await expect(forms.getByLabel("PHQ-9")).toBeChecked();
  await expect(forms.getByLabel("GAD-7")).not.toBeChecked();
  await panel.getByRole("button", { name: "Send questionnaires" }).click();
  await expect(panel.getByRole("heading", { name: /Personal link for the client/ })).toBeFocused();
  const link = await panel.getByRole("textbox", { name: "Questionnaire link" }).inputValue();
  expect(link).toMatch(LINK);
  await expect(panel.getByRole("img", { name: /QR code of the questionnaire link/ })).toBeVisible();
  const sent = panel.getByRole("table", { name: "Questionnaires sent to the client" });
  await expect(sent.getByRole("row", { name: /Session 2/ })).toContainText("Sent, not opened yet");
  await checkAccessibility(page);

  // The client: a phone-sized browser with no cookies.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const client = await phone.newPage();
  await client.goto(link);
  await expect(client.getByRole("heading", { level: 1, name: "Your questionnaire" })).toBeVisible();
  await expect(client.getByText("Your therapy service")).toBeVisible();
  await expect(client.getByText(CLIENT)).toHaveCount(0);
  await expect(client.getByText(therapist.name)).toHaveCount(0);
  await expect(client.getByText("0 of 9 questions answered")).toBeVisible();
  // No sideways scroll on the phone, nor on the narrowest one (320 px).
  expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await client.setViewportSize({ width: 320, height: 640 });
  expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await client.setViewportSize({ width: 390, height: 844 });
  await checkAccessibility(client);

  // Sending with a question unanswered names it and changes nothing.
  for (const [index, value] of ANSWERS.slice(0, 8).entries()) {
    await client
      .getByRole("group", { name: new RegExp(`^Question ${index + 1} of 9`) })
      .getByRole("radio")
      .nth(value)
      .check();
  }
  await expect(client.getByText("8 of 9 questions answered")).toBeVisible();
  await client.getByRole("button", { name: "Send my answers" }).click();
  await expect(client.getByRole("alert")).toContainText("PHQ-9: answer question 9");
  await checkAccessibility(client);

  await client
    .getByRole("group", { name: /^Question 9 of 9/ })
    .getByRole("radio", { name: "Several days" })
    .check();
  await client.getByRole("button", { name: "Send my answers" }).click();
  await expect(client.getByRole("heading", { level: 1, name: "Please read this now" })).toBeFocused();
  await expect(client.getByText(/call your local emergency number/)).toBeVisible();
  await expect(client.getByText(/not watched around the clock/)).toBeVisible();
  await checkAccessibility(client);

  // The therapist: the caseload shows the red flag at once.
  await page.goto("/caseload");
  const row = page.getByRole("row", { name: new RegExp(CLIENT) });
  await expect(row.getByText(/item 9/i)).toBeVisible();
  await checkAccessibility(page);

  // The course: the flag and the score, completed by the client.
  await page.goto(`/courses/${courseId}/measures`);
  await expect(page.getByRole("heading", { name: "Risk flag: PHQ-9 item 9" })).toBeVisible();
  const scores = page.getByRole("table", { name: "PHQ-9 and GAD-7 by session" });
  await expect(scores.getByRole("row", { name: /Session 2/ })).toContainText("Completed by the client");
  await checkAccessibility(page);
  await page.goto(`/courses/${courseId}/plan`);
  await expect(
    page
      .getByRole("table", { name: "Questionnaires sent to the client" })
      .getByRole("row", { name: /Session 2/ }),
  ).toContainText("Completed by the client");

  // The supervisor sees the open risk flag as for an entered score.
  const supervisorContext = await browser.newContext();
  const supervisorPage = await supervisorContext.newPage();
  await signIn(supervisorPage, supervisor);
  await expect(supervisorPage.getByText(/Urgent: 1 open risk flag/)).toBeVisible();
  await supervisorPage.getByRole("link", { name: "Review open risk flags" }).click();
  await expect(supervisorPage.getByRole("row", { name: new RegExp(CLIENT) })).toBeVisible();
  await checkAccessibility(supervisorPage);
  await supervisorContext.close();

  // The used link now shows the closed page, and says nothing about why.
  await client.goto(link);
  await expect(client.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await checkAccessibility(client);
  await phone.close();
});
