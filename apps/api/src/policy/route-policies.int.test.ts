import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { fakeWebDist } from "../../test/helpers/web-dist";
import { registerPolicyGuard, type RegisteredRoute } from "../plugins/auth";
import { isPolicyName, policies } from "./policies";

// A built web app, so the static-file routes are registered and walked too.
const webDist = await fakeWebDist();

const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist });

/**
 * Every route anyone may call without signing in. Adding a public route fails this test until
 * someone has reviewed it and added it here.
 */
const PUBLIC_ROUTES = [
  // Health checks for the load balancer.
  "GET /api/health/live",
  "HEAD /api/health/live",
  "GET /api/health/ready",
  "HEAD /api/health/ready",
  // Signing in.
  "POST /api/auth/login",
  // Passwordless sign-in with a passkey: options (a single-use challenge) and the assertion
  // (rate-limited like the password, failures throttled by source; docs/decisions/021).
  "POST /api/auth/passkey/options",
  "POST /api/auth/passkey",
  // A calendar feed, for calendar apps: the secret token in the path is the key (rate-limited, audited).
  "GET /api/calendar/feeds/:token",
  "HEAD /api/calendar/feeds/:token",
  // The client's questionnaire page and its API: the only public clinical routes. The link's secret
  // token is the key (single use, expiring, rate-limited, audited; docs/decisions/016).
  "GET /api/questionnaires/:token",
  "HEAD /api/questionnaires/:token",
  "POST /api/questionnaires/:token/identity",
  "POST /api/questionnaires/:token/answers",
  "GET /q/:token",
  "HEAD /q/:token",
  // API documentation (@fastify/swagger-ui).
  "GET /api/docs",
  "HEAD /api/docs",
  "GET /api/docs/json",
  "HEAD /api/docs/json",
  "GET /api/docs/yaml",
  "HEAD /api/docs/yaml",
  "GET /api/docs/static/index.html",
  "HEAD /api/docs/static/index.html",
  "GET /api/docs/static/swagger-initializer.js",
  "HEAD /api/docs/static/swagger-initializer.js",
  "GET /api/docs/static/*",
  "HEAD /api/docs/static/*",
  // The built web app's files (@fastify/static, one route per file; none for their .br and .gz
  // copies) and the sign-in page's own entry at /login.
  "GET /index.html",
  "HEAD /index.html",
  "GET /login.html",
  "HEAD /login.html",
  "GET /questionnaire.html",
  "HEAD /questionnaire.html",
  "GET /login",
  "HEAD /login",
  "GET /assets/app-abc123.js",
  "HEAD /assets/app-abc123.js",
].sort();

const key = (route: RegisteredRoute) => `${route.method} ${route.url}`;
const withParams = (url: string) => url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
const hasBody = (method: string) => ["POST", "PUT", "PATCH", "DELETE"].includes(method);

function call(route: RegisteredRoute, headers: Record<string, string> = {}) {
  return app.inject({
    method: route.method as "GET",
    url: withParams(route.url),
    headers,
    ...(hasBody(route.method) ? { payload: {} } : {}),
  });
}

const routes = app.registeredRoutes;
const protectedRoutes = routes.filter((route) => route.policy !== "public");
const adminRoutes = routes.filter((route) => route.policy === "admin");

describe("route policies", () => {
  it("every registered route names a policy from the policy module", () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      expect(isPolicyName(route.policy), key(route)).toBe(true);
      expect(Object.keys(policies)).toContain(route.policy);
    }
  });

  it("the public routes are exactly the reviewed allow-list", () => {
    const publicRoutes = routes
      .filter((route) => route.policy === "public")
      .map(key)
      .sort();
    expect(publicRoutes).toEqual(PUBLIC_ROUTES);
  });

  it("every admin and account route is covered by the walk below", () => {
    const urls = new Set(protectedRoutes.map((route) => route.url));
    for (const url of [
      "/api/auth/session",
      "/api/auth/logout",
      "/api/auth/password",
      "/api/admin/users",
      "/api/admin/audit-events",
    ]) {
      expect(urls).toContain(url);
    }
    expect(adminRoutes.length).toBeGreaterThanOrEqual(12);
  });

  it.each(protectedRoutes.map((route) => [key(route), route] as const))(
    "%s without a session answers 401 with the shared error body",
    async (_name, route) => {
      const response = await call(route);
      if (route.method === "HEAD") {
        expect(response.statusCode).toBe(401);
        return;
      }
      expectApiError(response, 401, "unauthenticated");
    },
  );

  it("admin routes called by a signed-in therapist answer 403 forbidden", async () => {
    const therapist = await createAccount(prisma, { role: "therapist" });
    const session = await signIn(app, therapist.email);
    const usersBefore = await prisma.user.count();
    for (const route of adminRoutes) {
      const response = await call(route, session.headers);
      if (route.method === "HEAD") expect(response.statusCode, key(route)).toBe(403);
      else expect(expectApiError(response, 403, "forbidden").code, key(route)).toBe("forbidden");
    }
    expect(await prisma.user.count()).toBe(usersBefore);
  });

  it("admin routes called by a signed-in supervisor answer 403 forbidden", async () => {
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const session = await signIn(app, supervisor.email);
    for (const route of adminRoutes) {
      const response = await call(route, session.headers);
      expect(response.statusCode, key(route)).toBe(403);
    }
  });

  it("public routes answer without a session", async () => {
    for (const url of ["/api/health/live", "/api/docs/json", "/index.html", "/assets/app-abc123.js"]) {
      expect((await app.inject({ method: "GET", url })).statusCode, url).toBe(200);
    }
  });
});

describe("the policy guard", () => {
  it("refuses to register an API route that names no policy", async () => {
    const bare = Fastify();
    registerPolicyGuard(bare, [], "public");
    await expect(async () => {
      bare.get("/api/things", async () => "unguarded");
      await bare.ready();
    }).rejects.toThrow(/states no policy/);
    await bare.close();
  });

  it("refuses a policy name the policy module does not know", async () => {
    const bare = Fastify();
    registerPolicyGuard(bare, [], "public");
    await expect(async () => {
      bare.get("/api/things", { config: { policy: "everyone" as "public" } }, async () => "unguarded");
      await bare.ready();
    }).rejects.toThrow(/states no policy/);
    await bare.close();
  });

  it("records a route that names its policy", async () => {
    const bare = Fastify();
    const registered: RegisteredRoute[] = [];
    registerPolicyGuard(bare, registered, "public");
    bare.post("/api/things", { config: { policy: "admin" } }, async () => "guarded");
    await bare.ready();
    expect(registered).toEqual([{ method: "POST", url: "/api/things", policy: "admin" }]);
    await bare.close();
  });
});
