// Proves that every answer carries the security headers, errors included: a strict CSP (no inline or
// eval script, object-src/base-uri/frame-ancestors 'none'), HSTS, nosniff, no referrer, a request id,
// and Cache-Control: no-store on everything under /api. Walks every registered route (anonymous and
// signed in) and the answers no route gives: 404, 400 for an undecodable URL, 413, 415, and a 500
// from a test-only route. Also checks that the web app's page needs no inline script or style.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { fakeWebDist } from "../../test/helpers/web-dist";
import { repoRoot } from "../config/config";

const webDist = await fakeWebDist();

const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist }, (testApp) => {
  testApp.get("/api/test-only/fails", { config: { policy: "public" } }, async () => {
    throw new Error("a fault on our side");
  });
});

const ONE_YEAR = 31_536_000;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

/** Every header problem of one answer, as text (an empty list when it is right). */
function headerProblems(url: string, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const h = response.headers;
  const csp = directives(h["content-security-policy"] ?? "");
  const expectDirective = (name: string, values: string[]) => {
    if (JSON.stringify(csp.get(name)) !== JSON.stringify(values))
      problems.push(`${name} is ${JSON.stringify(csp.get(name))}`);
  };
  expectDirective("default-src", ["'self'"]);
  expectDirective("script-src", ["'self'"]);
  expectDirective("object-src", ["'none'"]);
  expectDirective("base-uri", ["'none'"]);
  expectDirective("frame-ancestors", ["'none'"]);
  for (const [name, values] of csp) {
    if (values.some((v) => ["'unsafe-inline'", "'unsafe-eval'", "*"].includes(v)))
      problems.push(`${name} is unsafe`);
  }
  const maxAge = /max-age=(\d+)/.exec(h["strict-transport-security"] ?? "");
  if (!maxAge || Number(maxAge[1]) < ONE_YEAR) problems.push(`HSTS is ${h["strict-transport-security"]}`);
  if (h["x-content-type-options"] !== "nosniff") problems.push("no nosniff");
  if (h["referrer-policy"] !== "no-referrer") problems.push(`referrer-policy is ${h["referrer-policy"]}`);
  if (!h["x-request-id"]) problems.push("no request id");
  if (url.startsWith("/api") && h["cache-control"] !== "no-store") {
    problems.push(`cache-control is ${h["cache-control"]}`);
  }
  return problems.map((problem) => `${url} (${response.statusCode}): ${problem}`);
}

const withParams = (url: string) =>
  url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID()).replace("*", "no-such-file.js");

describe("security headers on every answer", () => {
  it("every registered route, called anonymously and signed in, answers with them", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const therapist = await createAccount(prisma);
    const sessions = [null, await signIn(app, admin.email), await signIn(app, therapist.email)];
    const problems: string[] = [];
    const statuses = new Set<number>();
    for (const route of app.registeredRoutes) {
      if (route.url === "/api/auth/logout") continue; // would end the sessions the walk uses
      for (const session of sessions) {
        const url = withParams(route.url);
        const response = await app.inject({
          method: route.method as "GET",
          url,
          headers: session ? session.headers : {},
          ...(["GET", "HEAD"].includes(route.method) ? {} : { payload: {} }),
        });
        problems.push(...headerProblems(url, response));
        if (route.url === "/api/test-only/fails") continue;
        statuses.add(response.statusCode);
        if (response.statusCode >= 500)
          problems.push(`${route.method} ${url} answered ${response.statusCode}`);
      }
    }
    expect(problems).toEqual([]);
    // The walk met successes, refusals, missing records and invalid bodies.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 403, 404]));
  });

  it.each([
    ["a 404 under /api", "/api/no-such-thing", 404],
    ["a 404 for a method no route has", "/api/auth/login", 404, "OPTIONS"],
    ["a 500 from a fault on our side", "/api/test-only/fails", 500],
    ["a 400 for a URL that cannot be decoded", "/api/clients/%zz", 400],
    ["a 400 for an undecodable URL outside /api", "/%E0%A4%A", 400],
    ["a 400 for a path parameter over the length limit", `/api/clients/${"a".repeat(200)}`, 400],
    ["the SPA page for a client-side route", "/clients", 200],
    ["the API docs page", "/api/docs", 200],
    ["a file of the API docs", "/api/docs/static/swagger-initializer.js", 200],
  ] as const)("%s", async (_what, url, status, method?: "OPTIONS") => {
    const response = await app.inject({ method: method ?? "GET", url });
    expect(response.statusCode).toBe(status);
    expect(headerProblems(url, response)).toEqual([]);
    if (url.startsWith("/api/") && status >= 400) {
      expect(response.json()).toHaveProperty("error.requestId", response.headers["x-request-id"]);
    }
  });

  it("the 500 and the 400 for an undecodable URL reveal nothing of the request or the fault", async () => {
    const fault = await app.inject({ method: "GET", url: "/api/test-only/fails" });
    expectApiError(fault, 500, "internal_error");
    expect(fault.body).not.toContain("a fault on our side");
    const badUrl = await app.inject({ method: "GET", url: "/api/clients/%3Cscript%3E%zz" });
    expectApiError(badUrl, 400, "validation_failed");
    expect(badUrl.body.toLowerCase()).not.toContain("script");
  });

  it.each([
    ["413 for a body over the limit", "x".repeat(300 * 1024), "application/json", 413, "payload_too_large"],
    [
      "415 for a body that is not JSON",
      "a=b",
      "application/x-www-form-urlencoded",
      415,
      "unsupported_media_type",
    ],
    ["400 for a body that is not valid JSON", "{", "application/json", 400, "validation_failed"],
  ] as const)("a refused body: %s", async (_what, payload, contentType, status, code) => {
    const url = "/api/auth/login";
    const response = await app.inject({
      method: "POST",
      url,
      payload,
      headers: { "content-type": contentType },
    });
    expectApiError(response, status, code);
    expect(headerProblems(url, response)).toEqual([]);
  });
});

describe("the web app's pages work under the CSP", () => {
  it.each(["index.html", "login.html"])("%s has no inline script, event handler or style", async (page) => {
    const html = await readFile(path.join(repoRoot, "apps", "web", page), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = "", body = ""] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
  });
});
