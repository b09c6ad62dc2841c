// The sign-in page is the first thing everyone loads, often on a phone: it loads only what signing in
// needs (its own entry, login.html; docs/decisions/013). Opens it in Chromium on the built app served
// by the API, sums the gzipped size of every script it loaded, prints the figure and fails above the
// budget.
import { request as httpRequest } from "node:http";
import { expect, test } from "./support/fixtures";

/** Gzipped JavaScript the sign-in page may load, in kB (1 kB = 1,000 bytes). */
const BUDGET_KB = 110;

/** The body's size as sent to a client that accepts only gzip (the build's .gz copy). */
function gzippedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
      if (response.statusCode !== 200 || response.headers["content-encoding"] !== "gzip") {
        response.resume();
        reject(new Error(`${url}: ${response.statusCode}, encoding ${response.headers["content-encoding"]}`));
        return;
      }
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve(bytes));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

test("the sign-in page loads at most 110 kB of gzipped JavaScript", async ({ page }) => {
  const scripts: { url: string; transferred: Promise<number> }[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    // What the browser received (it asks for brotli first), for the record.
    scripts.push({ url: request.url(), transferred: request.sizes().then((s) => s.responseBodySize) });
  });

  await page.goto("/login", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeEditable();

  expect(scripts.length).toBeGreaterThan(0);
  const rows = await Promise.all(
    scripts.map(async ({ url, transferred }) => ({
      file: new URL(url).pathname,
      gzip: await gzippedSize(url),
      received: await transferred,
    })),
  );
  const total = (key: "gzip" | "received") => rows.reduce((sum, row) => sum + row[key], 0) / 1000;
  const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(6);
  for (const row of rows) console.log(`${kb(row.gzip)} kB gzip ${kb(row.received)} kB received  ${row.file}`);
  console.log(
    `sign-in page JavaScript: ${total("gzip").toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB), ` +
      `${total("received").toFixed(1)} kB as Chromium received it, in ${rows.length} files`,
  );
  expect(total("gzip")).toBeLessThanOrEqual(BUDGET_KB);
});
