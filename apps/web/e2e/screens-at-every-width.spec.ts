// The everyday screens at a phone's, a clinic laptop's and a wide desktop's size: on the demo data
// (as `npm start` shows it) and with a caseload of 60 clients, no page scrolls sideways, the first
// row's risk flag is in view, and axe finds nothing. A screenshot of each is kept with the results.
import { endpoints } from "@ipt/shared";
import type { Page, TestInfo } from "@playwright/test";
import { seedDemoData } from "./support/api-server";
import { apiAs, clientWithCourse, heldWithPhq9 } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { expectNoSidewaysScroll, signIn, weeksAgo } from "./support/browser";

const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "desktop", width: 1920, height: 1080 },
] as const;

const DEMO_PASSWORD = "demo-password-2026";
const demoAccount = (key: string) => ({ email: `${key}@demo.ipt-planner.test`, password: DEMO_PASSWORD });

/** A PHQ-9 with item 9 answered 1: the red risk flag. */
const RISKY_PHQ9 = [2, 2, 2, 2, 2, 2, 2, 1, 1];

/** The first row of the table names its risk in words, inside the window. */
async function expectFirstRowFlagInView(page: Page, table: string) {
  const firstRow = page.getByRole("table", { name: table }).getByRole("row").nth(1);
  const flag = firstRow.locator(".badge--flag-red").first();
  await expect(flag).toBeVisible();
  await expect(flag).toContainText("Urgent:");
  const box = await flag.boundingBox();
  const inner = await page.evaluate(() => window.innerWidth);
  expect(box, "the flag's box").not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(inner);
}

/** Kept in the test's output folder (test-results/) whatever the outcome, and in the report. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

interface Screen {
  name: string;
  path: string;
  /** Waits for what the page is about, so the checks see it loaded. */
  ready: (page: Page) => Promise<void>;
  riskTable?: string;
}

async function checkScreens(
  page: Page,
  testInfo: TestInfo,
  screens: Screen[],
  checkAccessibility: (page: Page) => Promise<void>,
) {
  // Each screen is loaded once and then resized through the widths, as a window is: the layout
  // must follow a resize, not only a load at that size (and three loads per screen cost a minute).
  for (const screen of screens) {
    await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
    await page.goto(screen.path);
    await screen.ready(page);
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await expectNoSidewaysScroll(page);
      if (screen.riskTable) await expectFirstRowFlagInView(page, screen.riskTable);
      await checkAccessibility(page);
      await keepScreenshot(page, testInfo, `${screen.name}-${size.name}-${size.width}`);
    }
  }
}

/** A page load on a busy 2-core machine can take longer than the usual 10 s. */
const LOADED = { timeout: 30_000 };

const heading = (text: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name: text })).toBeVisible(LOADED);
};

test("the demo's everyday screens fit a phone, a laptop and a desktop", async ({
  page,
  server,
  checkAccessibility,
}, testInfo) => {
  test.setTimeout(300_000);
  await seedDemoData(server);
  const tom = demoAccount("therapist.tom");
  const api = await apiAs(server.url, { ...tom, name: "Tom Lindqvist" });
  const caseload = await api.call(endpoints.caseload.list);
  const course = caseload.items.find((client) => client.course?.phase === "middle")?.course;
  if (!course) throw new Error("the demo caseload has no course in its middle phase");
  const detail = await api.call(endpoints.courses.get, { params: { courseId: course.id } });
  const held = detail.sessions.filter((session) => session.status === "held").at(-1);
  if (!held) throw new Error("the demo course has no session held");
  await api.dispose();

  await signIn(page, tom);
  await checkScreens(
    page,
    testInfo,
    [
      { name: "caseload", path: "/caseload", ready: heading("Caseload") },
      { name: "course", path: `/courses/${course.id}`, ready: heading(detail.client.displayName) },
      { name: "plan", path: `/courses/${course.id}/plan`, ready: heading(detail.client.displayName) },
      {
        name: "measures",
        path: `/courses/${course.id}/measures`,
        ready: async (p) => expect(p.getByRole("heading", { level: 2, name: "Trend" })).toBeVisible(LOADED),
      },
      { name: "session", path: `/sessions/${held.id}`, ready: heading(/^Session \d+ of \d+$/) },
      {
        name: "session-measures",
        path: `/sessions/${held.id}/measures`,
        ready: heading(/^Session \d+ of \d+$/),
      },
      { name: "attention", path: "/attention", ready: heading("Needs your attention") },
    ],
    checkAccessibility,
  );

  // The supervisor's cockpit lists the most urgent client first.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, demoAccount("supervisor.sam"));
  await checkScreens(
    page,
    testInfo,
    [
      {
        name: "cockpit",
        path: "/supervision",
        ready: heading("Supervision"),
        riskTable: "Active clients of your supervisees, most urgent first",
      },
      { name: "risk-flags", path: "/supervision/risk-flags", ready: heading("Open risk flags") },
    ],
    checkAccessibility,
  );
});

test("a caseload of 60 clients fits every width, with the first client's risk flag in view", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}, testInfo) => {
  test.setTimeout(300_000);
  const api = await apiAs(server.url, therapist);
  // Sorted by name, the client with the risk flag comes first.
  const first = await clientWithCourse(api, "Aaron Abbott (invented)", weeksAgo(3));
  await heldWithPhq9(api, first.courseId, 1, RISKY_PHQ9);
  for (let index = 1; index < 60; index++) {
    const client = await api.call(endpoints.clients.create, {
      body: {
        displayName: `Client ${String(index).padStart(2, "0")} with a long invented name`,
        referralReason: "Invented: low mood.",
      },
    });
    await api.call(endpoints.courses.start, {
      params: { clientId: client.id },
      body: { format: "standard", lineage: "weissman", startDate: weeksAgo(1) },
    });
  }
  await api.dispose();

  await signIn(page, therapist);
  await checkScreens(
    page,
    testInfo,
    [
      {
        name: "caseload-60",
        path: "/caseload",
        ready: async (p) => {
          await heading("Caseload")(p);
          await expect(p.getByRole("status").filter({ hasText: /\b60\b/ })).toBeVisible();
        },
        riskTable: "Clients",
      },
    ],
    checkAccessibility,
  );
});
