// The guard every spec's page runs under (support/fixtures.ts): it must catch a console error and
// an uncaught error, and let through only the 4xx answers the app shows to its users.
import { expect, test, watchForErrors } from "./support/fixtures";

test("the console guard reports console errors and uncaught errors, not a 4xx answer", async ({
  context,
  server,
}) => {
  // A page of its own: the fixture's page would fail this test at its end, as it should.
  const page = await context.newPage();
  const problems = watchForErrors(page);
  await page.goto(`${server.url}/login`);

  const answer = await page.evaluate(async () => (await fetch("/api/auth/session")).status);
  expect(answer).toBe(401);

  await Promise.all([
    page.waitForEvent("console", (message) => message.text() === "invented failure"),
    page.evaluate(() => console.error("invented failure")),
  ]);
  await Promise.all([
    page.waitForEvent("pageerror"),
    page.evaluate(() => {
      setTimeout(() => {
        throw new Error("invented uncaught error");
      });
    }),
  ]);

  expect(problems).toEqual([
    expect.stringMatching(/^console error: invented failure/),
    "page error: invented uncaught error",
  ]);
  await page.close();
});
