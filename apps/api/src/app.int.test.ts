import { describe, expect, it } from "vitest";
import { expectApiError } from "../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../test/helpers/app";

const { app, prisma } = await createTestApp();

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

describe("security headers", () => {
  it.each([
    ["an API answer", "/api/health/live"],
    ["an error", "/api/admin/users"],
    ["the API docs page", "/api/docs"],
  ])("%s carries a strict Content-Security-Policy, nosniff and no framing", async (_what, url) => {
    const response = await app.inject({ method: "GET", url });
    const csp = directives(String(response.headers["content-security-policy"]));
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-inline'");
      expect(values).not.toContain("'unsafe-eval'");
    }
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("API answers, successful or not, are never cached and carry a request id", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const session = await signIn(app, admin.email);
    const responses = [
      await app.inject({ method: "GET", url: "/api/admin/users", headers: { cookie: session.cookie } }),
      await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: session.cookie } }),
      await app.inject({ method: "GET", url: "/api/admin/users" }),
      await app.inject({ method: "GET", url: "/api/no-such-thing" }),
    ];
    const ids = new Set<string>();
    for (const response of responses) {
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(String(response.headers["x-request-id"]));
    }
    expect(ids.size).toBe(responses.length);
  });

  it("the server does not announce what it runs on", async () => {
    const response = await app.inject({ method: "GET", url: "/api/health/live" });
    expect(response.headers["x-powered-by"]).toBeUndefined();
    expect(response.headers["server"]).toBeUndefined();
  });
});

describe("API documentation", () => {
  it("GET /api/docs/json is an OpenAPI 3 document listing the auth and admin paths", async () => {
    const response = await app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe("IPT Session Planner API");
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/auth/session",
        "/api/auth/logout",
        "/api/auth/password",
        "/api/admin/users",
        "/api/admin/users/{userId}",
        "/api/admin/users/{userId}/deactivate",
        "/api/admin/users/{userId}/reactivate",
        "/api/admin/users/{userId}/reset-password",
        "/api/admin/users/{userId}/supervisors/{supervisorId}",
        "/api/admin/audit-events",
      ]),
    );
    expect(Object.keys(doc.paths["/api/admin/users/{userId}/supervisors/{supervisorId}"]!).sort()).toEqual([
      "delete",
      "put",
    ]);
    expect(Object.keys(doc.paths["/api/admin/users"]!).sort()).toEqual(["get", "post"]);
  });

  it("the docs page is served without signing in", async () => {
    const response = await app.inject({ method: "GET", url: "/api/docs" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
  });

  it("an unknown docs file answers 404, not an error page", async () => {
    const response = await app.inject({ method: "GET", url: "/api/docs/static/no-such-file.js" });
    expect(response.statusCode).toBe(404);
  });
});

describe("outside /api without a built web app", () => {
  it("a page request answers 404 with the shared error body", async () => {
    expectApiError(await app.inject({ method: "GET", url: "/clients" }), 404, "not_found");
  });
});
