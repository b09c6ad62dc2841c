// Proves, in one walk of the authorization matrix (test/security/matrix.ts) against the running app and
// a real PostgreSQL, every API route × every actor (anonymous, owning therapist, other therapist, the
// owner's supervisor, another supervisor, admin, a therapist deactivated after signing in). Each call
// is prepared (a fresh record for a write that uses its record up, a new sign-in for a route that ends
// its session) and sent once, and four properties are checked on it:
// - Outcome: exactly the expected one — a 2xx with a valid body for allowed writes, else 401/403/404
//   with the shared error body. A registered route missing from the table, or a row naming no route,
//   fails the suite.
// - No leak: cross-tenant answers (another therapist's or supervisor's 404, and every list they may
//   read) carry no id, name or text of the other tenant's records; a cross-tenant 404 carries only the
//   error body.
// - No hard delete (issue 6): the app's Prisma client reports every SQL statement it sends; none sent
//   while the call is prepared and answered DELETEs from or TRUNCATEs a clinical table (the DELETE
//   routes and the plan edit that drops a session among them). security/no-hard-delete.int.test.ts
//   proves what a removal keeps, and that the database refuses such statements.
// - Audit (clinical routes): an allowed call writes its event (the route's action, the actor, success)
//   and only the actor's events; a cross-tenant 404 writes a "denied" event naming the actor and the
//   record tried; a 401/403 reaches no record and writes no event of success.
//   security/audit-completeness.int.test.ts proves each route's action is listed and is written in the
//   call's own transaction.
// Every answer of the walk is recorded too, and after it (with the list endpoints' filters, a search
// for the other tenant's client by name included) "no leaks in responses" reads them all together:
// no body or header carries a password hash (nor any account's password), a session token or its
// stored hash (the only session cookie ever sent is a new one, in the Set-Cookie of the sign-in or
// password change that issued it), another session's CSRF token, secret-bearing field names, or the
// ids and text of another tenant's records. (These checks had a walk of their own, the same calls
// sent again, in response-leaks.int.test.ts, which keeps the schema allow-list check.)
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp, TEST_PASSWORD } from "../../test/helpers/app";
import { statementReportingPrisma } from "../../test/helpers/query-count";
import { maxId } from "../../test/helpers/table-snapshot";
import { fakeWebDist } from "../../test/helpers/web-dist";
import { actionOf, isClinical } from "../../test/security/audit-actions";
import { clinicalDeletesIn } from "../../test/security/clinical-tables";
import {
  callParts,
  isPublicAssetRoute,
  MATRIX,
  routeKeys,
  sessionFor,
  urlFor,
  type MatrixRow,
  type Outcome,
} from "../../test/security/matrix";
import { fieldNamesIn, listProbes, ResponseLog, SECRET_FIELD_NAMES } from "../../test/security/response-log";
import {
  ACTORS,
  buildWorld,
  forbiddenTextFor,
  send,
  type ActorName,
  type HttpMethod,
} from "../../test/security/world";
import { hashToken } from "../auth/login-sessions";

// A built web app, so its file routes are registered and checked by the public-asset rule.
const webDist = await fakeWebDist();

/** Every SQL statement the app's Prisma client sends (the test's own queries through it too). */
const statements: string[] = [];
const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist }, undefined, undefined, (url) =>
  statementReportingPrisma(url, (sql) => statements.push(sql)),
);
const world = await buildWorld(app, prisma);

/** Every answer the walk receives, and every session it has known, for the leak checks. */
const log = new ResponseLog();
for (const actor of ACTORS) log.learn(actor === "anonymous" ? null : world.accounts[actor].session);
log.learn(world.loginProbe.session);

const registered = app.registeredRoutes.map((route) => `${route.method} ${route.url}`);
const tableKeys = MATRIX.flatMap((row) => routeKeys(row.route));

const ERROR_CODES = { 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as const;

/** Every DELETE statement the walk's calls sent (to any table), to show the recording sees them. */
const deletesSent: string[] = [];

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

type AuditEvent = Awaited<ReturnType<typeof prisma.auditEvent.findMany>>[number];

/** The audit events a clinical call wrote, for its outcome. */
function expectAudited(
  key: string,
  actor: ActorName,
  url: string,
  outcome: Outcome,
  actorId: string | null,
  events: AuditEvent[],
) {
  const what = `${key} as ${actor}: audit events ${JSON.stringify(events.map((e) => [e.action, e.outcome, e.actorId]))}`;
  if (outcome === "allow") {
    expect(
      events.map((e) => [e.action, e.outcome]),
      what,
    ).toContainEqual([actionOf(key), "success"]);
    expect(
      events.every((e) => e.actorId === actorId),
      `${what}: only the actor's`,
    ).toBe(true);
  } else if (outcome === 404) {
    expect(events, what).toContainEqual(
      expect.objectContaining({ action: "client.access_denied", outcome: "denied", actorId }),
    );
    const denied = events.find((e) => e.outcome === "denied")!;
    expect(url, `${what}: the denied event names the record tried`).toContain(denied.entityId);
    expect(
      events.filter((e) => e.outcome === "success"),
      `${what}: none of success`,
    ).toEqual([]);
  } else {
    expect(
      events.filter((e) => e.outcome === "success"),
      `${what}: none of success`,
    ).toEqual([]);
  }
}

/** Prepares the row's call as `actor`, sends it once and checks every property of the walk. */
async function walk(row: MatrixRow, key: string, actor: ActorName) {
  const outcome = row.expect[actor];
  const account = actor === "anonymous" ? null : world.accounts[actor];
  const ctx = { world, actor, account };
  const [method, pattern] = key.split(" ") as [HttpMethod, string];
  const audited = isClinical(pattern);

  // The record a write uses up is made through the API too (`prepare`): its statements are checked.
  const from = statements.length;
  const sent = await callParts(row, ctx);
  const session = await sessionFor(row, ctx);
  log.learn(session);
  const url = urlFor(pattern, sent.params, sent.query);
  const auditedFrom = audited ? await maxId(prisma, "audit_events") : 0n;
  const response = await send(app, session, method, url, sent.body ?? {});
  log.record(`${key} as ${actor}`, actor, url, session, response);
  const sentSql = statements.splice(from);
  const events = audited
    ? await prisma.auditEvent.findMany({ where: { id: { gt: auditedFrom } }, orderBy: { id: "asc" } })
    : [];

  deletesSent.push(...sentSql.filter((sql) => /\bDELETE\s+FROM\b/i.test(sql)));
  expect(
    sentSql.filter((sql) => clinicalDeletesIn(sql).length > 0),
    `${key} as ${actor}: statements deleting clinical rows`,
  ).toEqual([]);
  expectOutcome(response, method, outcome);
  for (const text of forbiddenTextFor(world, actor, url)) {
    expect(response.body.includes(text), `${key} as ${actor} leaks "${text}"`).toBe(false);
  }
  if (audited) expectAudited(key, actor, url, outcome, account?.id ?? null, events);
  if (outcome === "allow") await row.after?.(ctx, response, sent);
  if (account) log.learn(account.session);
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
    await walk(row, key, actor);
  });

  it("the statement recording sees DELETE statements: the walk's on non-clinical tables were recorded", () => {
    const tables = deletesSent.map((sql) => /\bDELETE\s+FROM\s+(?:"public"\.)?"?(\w+)"?/i.exec(sql)?.[1]);
    expect(tables).toContain("login_sessions");
    expect(tables).toContain("supervision_assignments");
  });
});

describe("no leaks in responses", () => {
  const probes = listProbes(world);
  let passwordHashes: string[] = [];

  beforeAll(async () => {
    // After the walk, the list endpoints with filters; then what the database holds at the end:
    // every password hash, and the CSRF tokens of live sessions.
    for (const [actor, url] of probes) {
      const session = world.accounts[actor].session;
      log.record(`GET ${url} as ${actor}`, actor, url, session, await send(app, session, "GET", url));
    }
    const users = await prisma.user.findMany({ select: { passwordHash: true } });
    passwordHashes = users.map(({ passwordHash }) => passwordHash);
    for (const { csrfToken } of await prisma.loginSession.findMany({ select: { csrfToken: true } })) {
      log.knownCsrf.add(csrfToken);
    }
  });

  it("walked every route × actor and the filtered lists, and reached real records", () => {
    expect(log.seen.length).toBe(tableKeys.length * ACTORS.length + probes.length);
    expect(log.seen.filter((entry) => entry.response.statusCode < 300).length).toBeGreaterThan(150);
    expect(log.knownTokens.size).toBeGreaterThan(10);
  });

  it("no answer carries a password hash or any account's password", () => {
    const hashes = passwordHashes.flatMap((hash) => [hash, hash.split("$").at(-1)!]);
    const passwords = new Set([
      TEST_PASSWORD,
      world.loginProbe.password,
      ...Object.values(world.accounts).map((account) => account.password),
    ]);
    expect(
      log.failures((_entry, text) => [
        ...(text.includes("$argon2") ? ["an argon2 hash"] : []),
        ...hashes.filter((hash) => text.includes(hash)).map(() => "a stored password hash"),
        ...[...passwords].filter((password) => text.includes(password)).map(() => "a password"),
      ]),
    ).toEqual([]);
  });

  it("no session token or token hash is ever in a body or a header; Set-Cookie only issues new ones", () => {
    const tokens = [...log.knownTokens];
    const hashes = tokens.map(hashToken);
    expect(
      log.failures((_entry, text) => [
        ...tokens.filter((token) => text.includes(token)).map(() => "a session token"),
        ...hashes.filter((hash) => text.includes(hash)).map(() => "a session token's hash"),
      ]),
    ).toEqual([]);
    expect(log.reissued, "a Set-Cookie carried a session token that already existed").toEqual([]);
    // Only signing in (password or passkey), passing the second factor (code or passkey) and changing
    // one's password issue a session.
    const issuers = new Set(
      log.seen.filter((entry) => entry.issued.length > 0).map((e) => e.label.split(" as ")[0]),
    );
    expect([...issuers].sort()).toEqual([
      "POST /api/auth/login",
      "POST /api/auth/passkey",
      "POST /api/auth/password",
      "POST /api/auth/second-factor",
      "POST /api/auth/second-factor/passkey",
    ]);
  });

  it("no answer carries the CSRF token of a session other than the caller's own or the one it issued", () => {
    expect(
      log.failures((entry, text) => {
        const own = new Set([entry.session?.csrfToken]);
        if (entry.issued.length > 0) own.add(entry.response.json<{ csrfToken: string }>().csrfToken);
        return [...log.knownCsrf]
          .filter((token) => !own.has(token) && text.includes(token))
          .map(() => "a CSRF token");
      }),
    ).toEqual([]);
    // The scan sees real tokens: the session answer does carry the caller's own.
    const sessionRead = log.seen.find((entry) => entry.label === "GET /api/auth/session as owner")!;
    expect(sessionRead.response.body).toContain(sessionRead.session!.csrfToken);
  });

  it("no JSON answer has a field named for a secret", () => {
    expect(
      log.failures(({ response }) => {
        const json = (response.headers["content-type"] ?? "").startsWith("application/json");
        if (!json || response.body === "") return [];
        return fieldNamesIn(response.json()).filter((name) => SECRET_FIELD_NAMES.has(name));
      }),
    ).toEqual([]);
  });

  it("no actor sees the ids or text of a tenant they have no part in, in a body or a header", () => {
    expect(
      log.failures((entry, text) =>
        forbiddenTextFor(world, entry.actor, entry.url)
          .filter((secret) => text.includes(secret))
          .map((secret) => `"${secret}"`),
      ),
    ).toEqual([]);
  });

  it("a search for the other tenant's client by name finds nothing", () => {
    const search = log.seen.find(
      (entry) => entry.label.startsWith(`GET /api/clients?q=`) && entry.actor === "owner",
    );
    expect(search?.response.statusCode).toBe(200);
    expect(search?.response.json<{ items: unknown[] }>().items).toEqual([]);
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
