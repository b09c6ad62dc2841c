// Proves the authorization matrix (test/security/matrix.ts) against the running app and a real
// PostgreSQL: every API route × every actor (anonymous, owning therapist, other therapist, the owner's
// supervisor, another supervisor, admin, a therapist deactivated after signing in) answers exactly the
// expected outcome — a 2xx with a valid body for allowed writes, else 401/403/404 with the shared error
// body. A registered route missing from the table, or a row naming no route, fails the suite.
// Cross-tenant answers (another therapist's or supervisor's 404, and every list they may read) carry
// no id, name or text of the other tenant's records; a cross-tenant 404 carries only the error body.
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp, signIn } from "../../test/helpers/app";
import { fakeWebDist } from "../../test/helpers/web-dist";
import {
  defaultParams,
  isPublicAssetRoute,
  MATRIX,
  routeKeys,
  urlFor,
  type CallParts,
  type MatrixRow,
  type Outcome,
} from "../../test/security/matrix";
import {
  ACTORS,
  buildWorld,
  forbiddenTextFor,
  send,
  type ActorName,
  type HttpMethod,
} from "../../test/security/world";

// A built web app, so its file routes are registered and checked by the public-asset rule.
const webDist = await fakeWebDist();

const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist });
const world = await buildWorld(app, prisma);

const registered = app.registeredRoutes.map((route) => `${route.method} ${route.url}`);
const tableKeys = MATRIX.flatMap((row) => routeKeys(row.route));

const ERROR_CODES = { 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as const;

function expectOutcome(response: LightMyRequestResponse, method: HttpMethod, outcome: Outcome) {
  if (outcome === "allow") {
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return;
  }
  if (method === "HEAD") {
    expect(response.statusCode).toBe(outcome);
    return;
  }
  expectApiError(response, outcome, ERROR_CODES[outcome]);
  if (outcome === 404) {
    // Nothing but the shared error body: no record, no field list.
    const body = response.json<{ error: object }>();
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "requestId"]);
  }
}

async function run(row: MatrixRow, key: string, actor: ActorName) {
  const outcome = row.expect[actor];
  const account = actor === "anonymous" ? null : world.accounts[actor];
  const ctx = { world, actor, account };
  const base = row.call?.(ctx) ?? {};
  const prepared: CallParts = outcome === "allow" && row.prepare ? await row.prepare(ctx) : {};
  const sent: CallParts = {
    params: { ...defaultParams(world), ...base.params, ...prepared.params },
    query: prepared.query ?? base.query,
    body: prepared.body ?? base.body,
  };
  // A dead session cannot be renewed: the deactivated user keeps sending theirs.
  const session =
    account === null
      ? null
      : row.freshSession && actor !== "deactivated"
        ? await signIn(app, account.email, account.password)
        : account.session;
  const [method, pattern] = key.split(" ") as [HttpMethod, string];
  const url = urlFor(pattern, sent.params!, sent.query);
  const response = await send(app, session, method, url, sent.body ?? {});

  expectOutcome(response, method, outcome);
  for (const text of forbiddenTextFor(world, actor, url)) {
    expect(response.body.includes(text), `${key} as ${actor} leaks "${text}"`).toBe(false);
  }
  if (outcome === "allow") await row.after?.(ctx, response, sent);
}

describe("the authorization matrix", () => {
  it("lists every registered API route, and names no route that is not registered", () => {
    const apiRoutes = registered.filter((key) => !isPublicAssetRoute(key.split(" ")[1]!));
    expect(
      apiRoutes.filter((key) => !tableKeys.includes(key)),
      "routes missing from the table",
    ).toEqual([]);
    expect(
      tableKeys.filter((key) => !registered.includes(key)),
      "rows with no such route",
    ).toEqual([]);
    expect(new Set(tableKeys).size, "a route listed twice").toBe(tableKeys.length);
  });

  const cases = MATRIX.flatMap((row) =>
    routeKeys(row.route).flatMap((key) =>
      ACTORS.map((actor) => [`${key} as ${actor} → ${row.expect[actor]}`, row, key, actor] as const),
    ),
  );

  it.each(cases)("%s", async (_name, row, key, actor) => {
    await run(row, key, actor);
  });
});

describe("public documentation and web-app files (by rule)", () => {
  const assets = registered.filter((key) => isPublicAssetRoute(key.split(" ")[1]!));

  it("the rule covers the docs and the web app's files", () => {
    expect(assets).toContain("GET /api/docs/json");
    expect(assets).toContain("GET /index.html");
  });

  it.each(assets)("%s answers every actor", async (key) => {
    const [method, pattern] = key.split(" ") as [HttpMethod, string];
    const url = pattern.replace("*", "swagger-ui.css");
    for (const actor of ACTORS) {
      const session = actor === "anonymous" ? null : world.accounts[actor].session;
      const response = await send(app, session, method, url);
      // Swagger UI redirects its bare index page (302) to the docs root.
      expect(response.statusCode, `${key} as ${actor}`).toBeLessThan(400);
    }
  });
});
