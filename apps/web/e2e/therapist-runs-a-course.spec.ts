// A therapist takes a new client through a whole 12-session IPT course in the browser: set-up with
// inventory, a role dispute at the impasse stage, formulation and contract; the generated plan; every
// session held and signed, one cancelled and re-planned at the end; the ending raised on time; the
// termination checklist; the course completed. Axe checks every page on the way.
import { weekdayOf } from "@ipt/shared";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-7";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const sessionsTable = (page: Page) => page.getByRole("table", { name: "Sessions of the course" });

/** Opens one section of the course page by its tab. */
async function openSection(page: Page, name: "Overview" | "Plan" | "History") {
  await page
    .getByRole("navigation", { name: "Course sections" })
    .getByRole("link", { name, exact: true })
    .click();
  await expect(
    page.getByRole("navigation", { name: "Course sections" }).getByRole("link", { name, exact: true }),
  ).toHaveAttribute("aria-current", "page");
}

/** From the course page: opens session `number`, records it as held, and signs it. */
async function holdAndSign(page: Page, number: number, check: (page: Page) => Promise<void>) {
  await openSection(page, "Plan");
  await sessionsTable(page)
    .getByRole("link", { name: `Session ${number}`, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session ${number} of 12`);
  await check(page);

  await page.getByRole("group", { name: "Status" }).getByLabel("Held").check();
  const agenda = page.getByRole("group", { name: "Agenda" }).getByRole("checkbox");
  await agenda.first().check();
  await page
    .getByRole("group", { name: "Techniques used" })
    .getByLabel("Communication analysis", { exact: true })
    .check();
  await page.getByLabel("Notes", { exact: true }).fill(`Invented test note for session ${number}.`);
  await page.getByLabel("Focus for next time").fill(`Invented focus after session ${number}.`);
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByText("Session saved.")).toBeVisible();

  await page.getByRole("button", { name: "Sign and lock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText("The session has been signed and locked.")).toBeVisible();
  await expect(page.getByText(/Signed by Tess Marlowe/)).toBeVisible();
  if (number === 1) await check(page);

  await page.getByRole("navigation", { name: "Breadcrumb" }).locator('a[href^="/courses/"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CLIENT);
}

test("a therapist runs a whole 12-session course, from a new client to a completed course", async ({
  page,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(240_000);
  const start = weeksAgo(16);

  await signIn(page, therapist);
  await expect(page).toHaveURL(/\/caseload/);
  await expect(page.getByText("You have no clients yet.")).toBeVisible();
  await checkAccessibility(page);

  // 1. The client and the course format.
  await page.getByRole("link", { name: "New client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New client" })).toBeVisible();
  await page.getByLabel("Name or code").fill(CLIENT);
  await page.getByLabel("Reason for referral").fill("Invented: low mood and arguments at home.");
  await page.getByLabel("Working diagnosis (optional)").fill("Major depressive episode, moderate");
  await page.getByRole("group", { name: "Course format" }).getByLabel("Standard IPT").check();
  await page
    .getByRole("group", { name: "Manual lineage" })
    .getByLabel("Weissman, Markowitz & Klerman (four problem areas)")
    .check();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Create client and start course" }).click();

  // 2. The interpersonal inventory, and the diagnosis and sick role.
  await expect(page.getByRole("heading", { level: 1, name: "Interpersonal inventory" })).toBeVisible();
  await page.getByLabel("Diagnosis named with the client").check();
  await page.getByLabel("Sick role given").check();
  await page.getByRole("button", { name: "Save initial tasks" }).click();
  await expect(page.getByText("Initial tasks saved.")).toBeVisible();

  await page.getByLabel("Name or label").fill("Partner (invented)");
  await page.getByLabel("Relationship to the client").fill("Partner");
  await page.getByRole("group", { name: "Closeness" }).getByLabel("Inner circle").check();
  await page.getByLabel("Expectations on each side, and whether they are met (optional)").fill("Invented.");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("Partner (invented) has been added to the inventory.")).toBeVisible();

  await page.getByLabel("Date", { exact: true }).fill(weeksAgo(30));
  await page.getByRole("group", { name: "Kind of event" }).getByLabel("Dispute").check();
  await page.getByLabel("What happened").fill("Arguments about money began (invented)");
  await page.getByRole("button", { name: "Add life event" }).click();
  await expect(page.getByText("The life event has been added to the timeline.")).toBeVisible();
  await expect(page.getByRole("img", { name: /Partner \(invented\)/ })).toBeVisible();
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Continue to problem area" }).click();

  // 3. The problem area: a role dispute at the impasse stage; saving moves on.
  await expect(page.getByRole("heading", { level: 1, name: "Problem area" })).toBeVisible();
  await page.getByRole("group", { name: "Primary problem area" }).getByLabel("Role dispute").check();
  await page.getByRole("group", { name: "Stage of the role dispute" }).getByLabel("Impasse").check();
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Save and continue" }).click();

  // 4. The formulation and the contract, saved together; saving generates the plan.
  await expect(page.getByRole("heading", { level: 1, name: "Formulation and contract" })).toBeVisible();
  await page
    .getByLabel("Interpersonal formulation")
    .fill("Invented: the depression is linked to a dispute with the partner that has reached an impasse.");
  await page.getByLabel("Client agreed on (optional)").fill(start);
  await page.getByLabel("Number of sessions").fill("12");
  await page.getByRole("group", { name: "How often" }).getByLabel("Weekly").check();
  await page.getByLabel("Session length in minutes").fill("50");
  await page.getByLabel("Date of the first session").fill(start);
  await page.getByLabel("Day of the week").selectOption({ label: WEEKDAYS[weekdayOf(start) - 1]! });
  await page.getByLabel("Time of the sessions").fill("16:30");
  await page.getByLabel("Start termination this many sessions before the end").selectOption("2");
  await page.getByLabel("What happens after a missed session").fill("It is re-planned at the end.");
  await page.getByLabel("Contract agreed on").fill(start);
  await checkAccessibility(page);
  await page.getByRole("button", { name: "Save formulation and contract, generate the plan" }).click();

  // 5. The generated plan.
  await expect(page.getByRole("heading", { level: 1, name: "Session plan" })).toBeVisible();
  const plan = page.getByRole("region", { name: "The session plan" });
  await expect(plan.getByRole("heading", { level: 3, name: /^Session \d+:/ })).toHaveCount(12);
  await expect(plan.getByRole("listitem").filter({ hasText: "Session 10:" })).toContainText("Termination");
  // Every session on the contract's weekday, at its time.
  await expect(plan.getByRole("heading", { level: 3, name: /^Session \d+: .*, 16:30$/ })).toHaveCount(12);
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Open the course page" }).click();

  // The course page: in the initial phase, 12 sessions planned on its Plan tab.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CLIENT);
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Initial");
  await checkAccessibility(page);
  await openSection(page, "Plan");
  await expect(sessionsTable(page).getByRole("link", { name: /^Session \d+$/ })).toHaveCount(12);
  await checkAccessibility(page);

  // The initial phase: three sessions, then the middle phase begins.
  // The printable plan.
  await page.getByRole("link", { name: "Printable plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CLIENT);
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Back to the course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CLIENT);

  for (const number of [1, 2, 3]) await holdAndSign(page, number, checkAccessibility);
  await page.getByRole("button", { name: "Begin the middle phase" }).click();
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Middle");

  // Session 5 is cancelled; a replacement goes at the end, so the course keeps 12 sessions.
  await openSection(page, "Plan");
  await page.getByRole("button", { name: "Cancel session 5" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Client unwell (invented)");
  await dialog.getByLabel("Add a replacement session at the end").check();
  await checkAccessibility(page);
  await dialog.getByRole("button", { name: "Cancel the session" }).click();
  await expect(dialog).toBeHidden();
  await expect(sessionsTable(page).getByRole("row", { name: /Cancelled/ })).toHaveCount(1);
  await expect(sessionsTable(page).getByRole("link", { name: /^Session \d+$/ })).toHaveCount(12);
  // The plan history records the change with its reason.
  await openSection(page, "History");
  await expect(page.getByText(/cancelled \(Client unwell \(invented\)\)/)).toBeVisible();
  await openSection(page, "Plan");

  // Session 6 moves to a later time the same day; the table shows the new time.
  await page.getByRole("button", { name: "Reschedule session 6" }).click();
  const reschedule = page.getByRole("dialog");
  await expect(reschedule.getByLabel("New time")).toHaveValue("16:30");
  await reschedule.getByLabel("New time").fill("18:15");
  await checkAccessibility(page);
  await reschedule.getByRole("button", { name: "Reschedule session" }).click();
  await expect(reschedule).toBeHidden();
  await expect(sessionsTable(page).getByRole("row", { name: /^Session 6 / })).toContainText(", 18:15");
  await expect(sessionsTable(page).getByRole("row", { name: /^Session 7 / })).toContainText(", 16:30");

  for (const number of [4, 5, 6, 7, 8, 9]) await holdAndSign(page, number, checkAccessibility);

  // Session 10 is where termination starts (12 − 2): the ending is raised on time.
  await expect(page.getByText("Ending not raised")).toBeVisible();
  await page.getByRole("button", { name: "Raise the ending" }).click();
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Termination");
  await expect(page.getByText("Ending not raised")).toHaveCount(0);
  await checkAccessibility(page);

  for (const number of [10, 11, 12]) await holdAndSign(page, number, checkAccessibility);

  // The termination checklist, then the course is completed.
  await page.getByLabel("Progress reviewed").check();
  await page.getByLabel("Gains credited to the client").check();
  await page.getByLabel("Feelings about ending discussed").check();
  await page.getByLabel("Early warning signs").fill("Invented: waking early, staying in.");
  await page
    .getByLabel("What to do and when to come back")
    .fill("Invented: call the clinic after two weeks.");
  await page
    .getByRole("group", { name: "Next step" })
    .getByLabel("Maintenance offered under a new contract")
    .check();
  // No scores were taken in this story: completing needs the reason no final score was obtained.
  await page
    .getByLabel("Why no final score was obtained")
    .fill("Invented: the client declined the questionnaire.");
  await page.getByRole("button", { name: "Save checklist" }).click();
  await expect(page.getByLabel("Progress reviewed")).toBeChecked();
  // The relapse-prevention plan as the client's one-page handout.
  await page.getByRole("link", { name: "Printable handout for the client" }).click();
  await expect(page.getByText("Invented: waking early, staying in.")).toBeVisible();
  await checkAccessibility(page);
  await page.getByRole("link", { name: "Back to the course" }).click();

  await page.getByRole("group", { name: "Outcome" }).getByLabel("Completed").check();
  await page.getByLabel("End date").fill(weeksAgo(0));
  await page.getByRole("button", { name: "Complete the course" }).click();
  await expect(
    page.getByRole("list", { name: "Course phases" }).locator('[aria-current="step"]'),
  ).toContainText("Completed");
  await checkAccessibility(page);

  // The caseload shows the client as completed, with all 12 sessions held.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Caseload" }).click();
  const row = page.getByRole("table", { name: "Clients" }).getByRole("row", { name: new RegExp(CLIENT) });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("12 of 12");
  await checkAccessibility(page);
});
