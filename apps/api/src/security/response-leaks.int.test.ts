// Proves that no response gives away what its caller may not have, over a broad walk: every API route
// of the authorization matrix × every actor, plus the list endpoints with filters (a search for the
// other tenant's client by name included). No body or header carries a password hash (nor any
// account's password), a session token or its stored hash (the only session cookie ever sent is a
// new one, in the Set-Cookie of the sign-in or password change that issued it), another session's
// CSRF token, secret-bearing field names, or the ids and text of another tenant's records. And a
// handler cannot overshare: Fastify serialises every answer through the route's zod response schema,
// so fields the schema does not declare (at the top, nested and in arrays) are never sent.
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tokenOf } from "../../test/helpers/api";
import { createTestApp, TEST_PASSWORD, type SignedIn } from "../../test/helpers/app";
import { callParts, MATRIX, routeKeys, sessionFor, urlFor } from "../../test/security/matrix";
import {
  ACTORS,
  buildWorld,
  forbiddenTextFor,
  send,
  type ActorName,
  type HttpMethod,
} from "../../test/security/world";
import { hashToken } from "../auth/login-sessions";
import { SESSION_COOKIE } from "../plugins/auth";

const FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$b3ZlcnNoYXJl$T3ZlcnNoYXJlZEhhc2hWYWx1ZQ";
const overshare = z.object({
  id: z.string(),
  items: z.array(z.object({ name: z.string() })),
  owner: z.object({ name: z.string() }),
});

const { app, prisma } = await createTestApp({}, (testApp) => {
  testApp.get(
    "/api/test-only/overshare",
    { config: { policy: "public" }, schema: { response: { 200: overshare } } },
    // The handler returns more than its schema declares, as a careless service might.
    async () => {
      const stored = {
        id: "record-1",
        passwordHash: FAKE_HASH,
        items: [{ name: "first", secretNote: "item secret" }],
        owner: { name: "Owner", passwordHash: FAKE_HASH, tokenHash: "stored-token-hash" },
      };
      return stored;
    },
  );
});
const world = await buildWorld(app, prisma);

interface Seen {
  label: string;
  actor: ActorName;
  url: string;
  /** The session the request was sent with (null for none). */
  session: SignedIn | null;
  response: LightMyRequestResponse;
  /** Session tokens this response's Set-Cookie issued. */
  issued: string[];
}

const seen: Seen[] = [];
/** Every session token the walk has known, in the order it learned them. */
const knownTokens = new Set<string>();
const knownCsrf = new Set<string>();
/** Set-Cookie tokens that were already known when a response set them (a fixation or a leak). */
const reissued: string[] = [];

function learn(session: SignedIn | null) {
  if (!session) return;
  knownTokens.add(tokenOf(session.cookie));
  knownCsrf.add(session.csrfToken);
}

function setCookieTokens(response: LightMyRequestResponse): string[] {
  const header = response.headers["set-cookie"];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  return cookies
    .filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    .map((cookie) => tokenOf(cookie.split(";")[0]!))
    .filter((token) => token !== "");
}

async function record(
  label: string,
  actor: ActorName,
  url: string,
  session: SignedIn | null,
  response: LightMyRequestResponse,
) {
  const issued = setCookieTokens(response);
  for (const token of issued) {
    if (knownTokens.has(token)) reissued.push(`${label}: ${token.slice(0, 6)}…`);
    knownTokens.add(token);
  }
  if (issued.length > 0) knownCsrf.add(response.json<{ csrfToken: string }>().csrfToken);
  seen.push({ label, actor, url, session, response, issued });
}

for (const actor of ACTORS) learn(actor === "anonymous" ? null : world.accounts[actor].session);
learn(world.loginProbe.session);

// Every route of the matrix as every actor, in the matrix's order (writes prepared as it does).
for (const row of MATRIX) {
  for (const key of routeKeys(row.route)) {
    for (const actor of ACTORS) {
      const ctx = { world, actor, account: actor === "anonymous" ? null : world.accounts[actor] };
      const sent = await callParts(row, ctx);
      const session = await sessionFor(row, ctx);
      learn(session);
      const [method, pattern] = key.split(" ") as [HttpMethod, string];
      const url = urlFor(pattern, sent.params, sent.query);
      const response = await send(app, session, method, url, sent.body ?? {});
      await record(`${key} as ${actor}`, actor, url, session, response);
      if (row.expect[actor] === "allow" && response.statusCode < 300) await row.after?.(ctx, response, sent);
      if (ctx.account) learn(ctx.account.session);
    }
  }
}

// The list endpoints with filters, a search for the other tenant's records among them.
const { owner, other } = world;
const listProbes: [Exclude<ActorName, "anonymous">, string][] = [
  ["owner", `/api/clients?q=${encodeURIComponent(other.secrets.clientName)}`],
  ["owner", "/api/clients?q=Zephyrine&pageSize=100"],
  ["owner", "/api/clients?status=active&phase=middle&flagged=true"],
  ["otherTherapist", `/api/clients?q=${encodeURIComponent(owner.secrets.clientName)}`],
  ["owner", `/api/courses/${other.courseId}/review-threads?status=open`],
  ["owner", `/api/courses/${owner.courseId}/review-threads?status=open&target=plan`],
  ["ownerSupervisor", `/api/courses/${owner.courseId}/review-threads?status=resolved`],
  ["ownerSupervisor", `/api/supervision/cockpit?therapistId=${other.therapist.id}`],
  ["ownerSupervisor", "/api/supervision/cockpit?flag=risk&pageSize=100"],
  ["ownerSupervisor", "/api/supervision/cockpit?phase=middle&flag=overdue"],
  ["otherSupervisor", `/api/supervision/cockpit?therapistId=${owner.therapist.id}`],
  ["otherSupervisor", "/api/supervision/risk-flags"],
  ["admin", `/api/admin/users?q=${encodeURIComponent(owner.therapist.email)}&role=therapist&active=true`],
  ["admin", "/api/admin/users?active=false&pageSize=100"],
  ["admin", `/api/admin/audit-events?actorId=${owner.therapist.id}&pageSize=100`],
  ["admin", "/api/admin/audit-events?action=auth.login&from=2000-01-01&pageSize=100"],
];
for (const [actor, url] of listProbes) {
  const session = world.accounts[actor].session;
  await record(`GET ${url} as ${actor}`, actor, url, session, await send(app, session, "GET", url));
}

// What the database holds at the end: every password hash, and the CSRF tokens of live sessions.
const users = await prisma.user.findMany({ select: { passwordHash: true } });
for (const { csrfToken } of await prisma.loginSession.findMany({ select: { csrfToken: true } })) {
  knownCsrf.add(csrfToken);
}
const passwords = new Set([
  TEST_PASSWORD,
  world.loginProbe.password,
  ...Object.values(world.accounts).map((account) => account.password),
]);

/** The text of an answer a reader could see: its body and every header but Set-Cookie. */
function visibleText({ response }: Seen): string {
  const { "set-cookie": _setCookie, ...headers } = response.headers;
  return `${response.body}\n${JSON.stringify(headers)}`;
}

/** Every failure of one check over the walk, as readable lines (empty when none). */
function failures(check: (seen: Seen, text: string) => string[]): string[] {
  return seen.flatMap((entry) => check(entry, visibleText(entry)).map((what) => `${entry.label}: ${what}`));
}

describe("no leaks in responses", () => {
  it("walked every route × actor and the filtered lists, and reached real records", () => {
    const routeCount = MATRIX.flatMap((row) => routeKeys(row.route)).length;
    expect(seen.length).toBe(routeCount * ACTORS.length + listProbes.length);
    expect(seen.filter((entry) => entry.response.statusCode < 300).length).toBeGreaterThan(150);
    expect(knownTokens.size).toBeGreaterThan(10);
  });

  it("no answer carries a password hash or any account's password", () => {
    const hashes = users.flatMap(({ passwordHash }) => [passwordHash, passwordHash.split("$").at(-1)!]);
    expect(
      failures((_entry, text) => [
        ...(text.includes("$argon2") ? ["an argon2 hash"] : []),
        ...hashes.filter((hash) => text.includes(hash)).map(() => "a stored password hash"),
        ...[...passwords].filter((password) => text.includes(password)).map(() => "a password"),
      ]),
    ).toEqual([]);
  });

  it("no session token or token hash is ever in a body or a header; Set-Cookie only issues new ones", () => {
    const tokens = [...knownTokens];
    const hashes = tokens.map(hashToken);
    expect(
      failures((_entry, text) => [
        ...tokens.filter((token) => text.includes(token)).map(() => "a session token"),
        ...hashes.filter((hash) => text.includes(hash)).map(() => "a session token's hash"),
      ]),
    ).toEqual([]);
    expect(reissued, "a Set-Cookie carried a session token that already existed").toEqual([]);
    // Only signing in (password or passkey), passing the second factor (code or passkey) and changing
    // one's password issue a session.
    const issuers = new Set(
      seen.filter((entry) => entry.issued.length > 0).map((e) => e.label.split(" as ")[0]),
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
      failures((entry, text) => {
        const own = new Set([entry.session?.csrfToken]);
        if (entry.issued.length > 0) own.add(entry.response.json<{ csrfToken: string }>().csrfToken);
        return [...knownCsrf]
          .filter((token) => !own.has(token) && text.includes(token))
          .map(() => "a CSRF token");
      }),
    ).toEqual([]);
    // The scan sees real tokens: the session answer does carry the caller's own.
    const sessionRead = seen.find((entry) => entry.label === "GET /api/auth/session as owner")!;
    expect(sessionRead.response.body).toContain(sessionRead.session!.csrfToken);
  });

  it("no JSON answer has a field named for a secret", () => {
    const secretNames = new Set([
      "passwordHash",
      "password_hash",
      "tokenHash",
      "token_hash",
      "failedLoginCount",
      "password",
      "currentPassword",
      "newPassword",
      // A TOTP secret is answered once, by the enrolment's start, as `secret`; never its sealed form,
      // and never a recovery code's hash.
      "secretSealed",
      "secret_sealed",
      "codeHash",
      "code_hash",
    ]);
    const namesIn = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(namesIn)
        : value && typeof value === "object"
          ? Object.entries(value).flatMap(([name, inner]) => [name, ...namesIn(inner)])
          : [];
    expect(
      failures(({ response }) => {
        const json = (response.headers["content-type"] ?? "").startsWith("application/json");
        if (!json || response.body === "") return [];
        return namesIn(response.json()).filter((name) => secretNames.has(name));
      }),
    ).toEqual([]);
  });

  it("no actor sees the ids or text of a tenant they have no part in, in a body or a header", () => {
    expect(
      failures((entry, text) =>
        forbiddenTextFor(world, entry.actor, entry.url)
          .filter((secret) => text.includes(secret))
          .map((secret) => `"${secret}"`),
      ),
    ).toEqual([]);
  });

  it("a search for the other tenant's client by name finds nothing", () => {
    const search = seen.find(
      (entry) => entry.label.startsWith(`GET /api/clients?q=`) && entry.actor === "owner",
    );
    expect(search?.response.statusCode).toBe(200);
    expect(search?.response.json<{ items: unknown[] }>().items).toEqual([]);
  });
});

describe("answers carry only the fields of their response schema", () => {
  it("a handler returning extra fields (top level, nested, in arrays) sends none of them", async () => {
    const response = await app.inject({ method: "GET", url: "/api/test-only/overshare" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ id: "record-1", items: [{ name: "first" }], owner: { name: "Owner" } });
    expect(response.body).not.toContain("argon2");
    expect(response.body).not.toContain("secret");
    expect(response.body).not.toContain("stored-token-hash");
  });
});
