// axe-core run in the page, injected once per document. @axe-core/playwright injected its 0.5 MB
// source twice at every check, which cost more browser time than the checks themselves; a
// client-side navigation keeps the same document, so here one injection serves every check until
// the next full page load. Only violations are collected: passes and incomplete results are not
// read, and axe skips building their node details.
import axe from "axe-core";
import type { Page } from "@playwright/test";

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

export async function axeViolations(page: Page): Promise<axe.Result[]> {
  const injected = await page.evaluate(() => typeof window.axe?.run === "function");
  if (!injected) await page.evaluate(axe.source);
  const results = await page.evaluate(() => window.axe!.run(document, { resultTypes: ["violations"] }));
  return results.violations;
}
