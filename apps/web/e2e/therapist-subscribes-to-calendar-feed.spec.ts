// The private calendar feed in the browser: a therapist creates the feed from the shell's link, sees
// the secret URL once, downloads the .ics (sessions without client details), sees when it was last
// fetched, replaces the URL (the old one answers 404 at once) and revokes the feed. Axe on the way.
import { readFile } from "node:fs/promises";
import { clientWithCourse, apiAs } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";
import { signIn, weeksAgo } from "./support/browser";

const CLIENT = "Client E2E-Calendar";
const FEED_URL = /^http:\/\/[^/]+\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}$/;

test("a therapist creates a calendar feed, downloads it, replaces its URL and revokes it", async ({
  page,
  server,
  therapist,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const api = await apiAs(server.url, therapist);
  await clientWithCourse(api, CLIENT, weeksAgo(1));

  await signIn(page, therapist);
  await page.getByRole("link", { name: "Calendar feed" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendar feed");
  await expect(page.getByText("You have no calendar feed.")).toBeVisible();
  await checkAccessibility(page);

  await page.getByRole("button", { name: "Create calendar feed" }).click();
  await expect(page.getByRole("heading", { name: "Your calendar feed URL" })).toBeFocused();
  const firstUrl = await page.getByRole("textbox", { name: "Feed URL" }).inputValue();
  expect(firstUrl).toMatch(FEED_URL);
  await expect(page.getByText("Not fetched yet")).toBeVisible();
  await checkAccessibility(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the feed now (.ics)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("sessions.ics");
  const ics = await readFile(await download.path(), "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toMatch(/SUMMARY:Session 1\/12\r\n/);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(12);
  expect(ics).not.toContain("E2E-Calendar");

  // The page shows the fetch, never the URL again.
  await page.reload();
  await expect(page.getByText("Not fetched yet")).toBeHidden();
  await expect(page.getByRole("textbox", { name: "Feed URL" })).toHaveCount(0);

  // A new URL: the old one stops at once.
  await page.getByRole("button", { name: "Create a new URL" }).click();
  const replace = page.getByRole("dialog", { name: "Create a new calendar feed URL?" });
  await checkAccessibility(page);
  await replace.getByRole("button", { name: "Create new URL" }).click();
  const secondUrl = await page.getByRole("textbox", { name: "Feed URL" }).inputValue();
  expect(secondUrl).toMatch(FEED_URL);
  expect(secondUrl).not.toBe(firstUrl);
  expect((await page.request.get(firstUrl)).status()).toBe(404);
  expect((await page.request.get(secondUrl)).status()).toBe(200);

  // Revoked: the URL answers 404 and the page says there is no feed.
  await page.getByRole("button", { name: "Revoke feed" }).click();
  await page
    .getByRole("dialog", { name: "Revoke your calendar feed?" })
    .getByRole("button", { name: "Revoke feed" })
    .click();
  await expect(page.getByText("Your calendar feed has been revoked. Its URL no longer works.")).toBeVisible();
  await expect(page.getByText("You have no calendar feed.")).toBeVisible();
  expect((await page.request.get(secondUrl)).status()).toBe(404);
  await checkAccessibility(page);
});
