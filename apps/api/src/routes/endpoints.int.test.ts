// The shared endpoint table and the app's routes are one list: a route the table does not name, or
// an endpoint the app does not serve, fails here (docs/decisions/010).
import { endpointKey, endpointList } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { fakeWebDist } from "../../test/helpers/web-dist";

// A built web app, so the static-file routes are registered too and shown not to be API routes.
const { app } = await createTestApp({ WEB_DIST_DIR: await fakeWebDist() });

/** The API's own routes: not the documentation, the web app's files or Fastify's HEAD twins. */
const apiRoutes = app.registeredRoutes
  .filter((route) => route.method !== "HEAD")
  .filter((route) => route.url.startsWith("/api/") && !route.url.startsWith("/api/docs"))
  .map((route) => `${route.method} ${route.url}`);

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

describe("the endpoint table and the registered routes", () => {
  it("every registered API route is exactly one endpoint of the shared table", () => {
    expect(apiRoutes.length).toBeGreaterThan(40);
    const table = endpointList.map(endpointKey);
    for (const route of apiRoutes) {
      expect(
        table.filter((key) => key === route),
        route,
      ).toHaveLength(1);
    }
  });

  it("every endpoint of the shared table is registered once", () => {
    for (const endpoint of endpointList) {
      const key = endpointKey(endpoint);
      expect(
        apiRoutes.filter((route) => route === key),
        key,
      ).toHaveLength(1);
    }
  });

  it("the OpenAPI document shows each endpoint with its success status", () => {
    const paths = app.swagger().paths ?? {};
    for (const endpoint of endpointList) {
      const operation = paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase() as "get"];
      expect(Object.keys(operation?.responses ?? {}), endpointKey(endpoint)).toContain(
        String(endpoint.status),
      );
    }
  });
});
