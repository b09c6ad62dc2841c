// The accessibility check every spec runs (support/accessibility.ts) must find a violation, also
// after a change to the page that keeps the same document, where axe is not injected again.
import { axeViolations } from "./support/accessibility";
import { expect, test } from "./support/fixtures";

test("the accessibility check finds a violation on the sign-in page, before and after a change in place", async ({
  page,
}) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    document.querySelector("main")!.append(image);
  });
  expect((await axeViolations(page)).map((violation) => violation.id)).toEqual(["image-alt"]);
});
