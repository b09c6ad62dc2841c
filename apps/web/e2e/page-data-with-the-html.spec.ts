// A page opened from its address (a link, a bookmark) asks for its data and its own code while the
// app's scripts load (src/lib/early-requests.ts): each read goes out once, the app takes the early
// answers instead of asking again, and a signed-out visitor's browser asks for no data at all.
import type { Page } from "@playwright/test";
import { endpoints } from "@ipt/shared";
import { signIn, weeksAgo } from "./support/browser";
import { apiAs, clientWithCourse } from "./support/clinical-api";
import { expect, test } from "./support/fixtures";

/** Every request the page makes from now on, by path (with its query). */
function recordRequests(page: Page) {
  const paths: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    paths.push(`${url.pathname}${url.search}`);
  });
  return {
    count: (path: string) => paths.filter((candidate) => candidate === path).length,
    matching: (pattern: RegExp) => paths.filter((candidate) => pattern.test(candidate)),
  };
}

const earlyAnswersLeft = (page: Page) =>
  page.evaluate(() => {
    const value = (window as unknown as Record<string, unknown>)["__iptEarlyRequests"];
    return value instanceof Map ? value.size : null;
  });

test("a course opened from its address asks for its data and code once, while the app's scripts load", async ({
  page,
  server,
  therapist,
}) => {
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client E2E-Early", weeksAgo(1));
  await signIn(page, therapist);

  const requests = recordRequests(page);
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole("heading", { level: 1, name: /Client E2E-Early/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Export" })).toBeVisible();

  // The early script ran: it left its answers, and the page took each of them (or they were dropped).
  await expect.poll(() => earlyAnswersLeft(page)).toBe(0);
  for (const path of [
    "/api/auth/session",
    "/api/attention",
    `/api/courses/${courseId}`,
    `/api/courses/${courseId}/cosignatures`,
    `/api/courses/${courseId}/review-threads?target=formulation`,
    `/api/courses/${courseId}/review-threads?target=plan`,
  ]) {
    expect.soft(requests.count(path), path).toBe(1);
  }
  // The overview's code: preloaded by the early script, then imported by the router, fetched once.
  const overviewCode = requests.matching(/^\/assets\/course-overview-[\w-]+\.js$/);
  expect(overviewCode).toHaveLength(1);
});

test("a signed-out visitor opening a course's address gets the sign-in page and no data request", async ({
  page,
  server,
  therapist,
}) => {
  const api = await apiAs(server.url, therapist);
  const { courseId } = await clientWithCourse(api, "Client E2E-Early-Out", weeksAgo(1));

  const requests = recordRequests(page);
  await page.goto(`/courses/${courseId}`);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

  expect(requests.matching(/^\/api\/(?!auth\/)/)).toEqual([]);
  // Only the session check itself, once on the app's page (the sign-in page checks again).
  expect(requests.count(endpoints.auth.session.path)).toBeLessThanOrEqual(2);
});
