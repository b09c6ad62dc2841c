// Proves that every state-changing route (each POST, PUT, PATCH and DELETE in app.registeredRoutes, so
// a new route is covered automatically) refuses each cross-site request forgery on its own: a missing
// CSRF token (403 csrf_failed), `Sec-Fetch-Site` other than same-origin (403), an `Origin` that is not
// the host the request was sent to (403), and a body that is not JSON (415). Each attack is sent by an
// actor whose role the route's policy allows, on top of a request that otherwise passes, and the same
// request without the attack is shown to pass these checks.
import { CSRF_HEADER, type Role } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";
import type { RegisteredRoute } from "../plugins/auth";
import { decide } from "../policy/policies";

const { app, prisma } = await createTestApp();

const HOST = "ipt.example.org";
const OWN_ORIGIN = `http://${HOST}`;
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ROLES: Role[] = ["therapist", "supervisor", "admin"];

const unsafeRoutes = app.registeredRoutes.filter((route) => UNSAFE.has(route.method));
const name = (route: RegisteredRoute) => `${route.method} ${route.url}`;
const urlOf = (route: RegisteredRoute) => route.url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());

/** The first role the route's policy lets through, or null for a public route (no session). */
function roleFor(route: RegisteredRoute): Role | null {
  if (decide(route.policy, null) === "allow") return null;
  const role = ROLES.find(
    (r) =>
      decide(route.policy, {
        userId: "x",
        role: r,
        mustChangePassword: false,
        secondFactorPending: false,
        factorEnrolmentRequired: false,
      }) === "allow",
  );
  if (!role) throw new Error(`no role may call ${name(route)}`);
  return role;
}

async function sessionsByRole(): Promise<Record<Role, SignedIn>> {
  const entries = await Promise.all(
    ROLES.map(
      async (role) => [role, await signIn(app, (await createAccount(prisma, { role })).email)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<Role, SignedIn>;
}

interface Attack {
  label: string;
  /** Changes the headers of a request that would otherwise pass. */
  headers: (good: Record<string, string>) => Record<string, string>;
  body?: string;
  expected: { status: 403; code: "csrf_failed" } | { status: 415; code: "unsupported_media_type" };
  /** Public routes have no session, so no token to check. */
  needsSession?: boolean;
}

const forged = { status: 403, code: "csrf_failed" } as const;
const notJson = { status: 415, code: "unsupported_media_type" } as const;
const without = (headers: Record<string, string>, key: string) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k !== key));

const attacks: Attack[] = [
  { label: "no CSRF token", headers: (h) => without(h, CSRF_HEADER), expected: forged, needsSession: true },
  {
    label: "Sec-Fetch-Site: cross-site",
    headers: (h) => ({ ...h, "sec-fetch-site": "cross-site" }),
    expected: forged,
  },
  {
    label: "Sec-Fetch-Site: same-site",
    headers: (h) => ({ ...h, "sec-fetch-site": "same-site" }),
    expected: forged,
  },
  {
    label: "cross-site fetch without Origin",
    headers: (h) => ({ ...without(h, "origin"), "sec-fetch-site": "cross-site" }),
    expected: forged,
  },
  {
    label: "a foreign Origin",
    headers: (h) => ({ ...h, origin: "https://attacker.example" }),
    expected: forged,
  },
  { label: "Origin: null", headers: (h) => ({ ...h, origin: "null" }), expected: forged },
  {
    label: "our host as a prefix",
    headers: (h) => ({ ...h, origin: `${OWN_ORIGIN}.attacker.example` }),
    expected: forged,
  },
  {
    label: "our host on another port",
    headers: (h) => ({ ...h, origin: `${OWN_ORIGIN}:8443` }),
    expected: forged,
  },
  {
    label: "text/plain",
    headers: (h) => ({ ...h, "content-type": "text/plain" }),
    body: "{}",
    expected: notJson,
  },
  {
    label: "a form body",
    headers: (h) => ({ ...h, "content-type": "application/x-www-form-urlencoded" }),
    body: "a=b",
    expected: notJson,
  },
  {
    label: "an empty form",
    headers: (h) => ({ ...h, "content-type": "application/x-www-form-urlencoded" }),
    body: "",
    expected: notJson,
  },
  {
    label: "multipart",
    headers: (h) => ({ ...h, "content-type": "multipart/form-data; boundary=x" }),
    body: "--x--\r\n",
    expected: notJson,
  },
];

/** What a same-origin page of the app sends: its cookie and token, Origin and Sec-Fetch-Site. */
function goodHeaders(session: SignedIn | null): Record<string, string> {
  return {
    host: HOST,
    origin: OWN_ORIGIN,
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
    ...(session ? session.headers : {}),
  };
}

describe("CSRF hardening of every state-changing route", () => {
  it("walks every state-changing route, sign-in included", () => {
    expect(unsafeRoutes.length).toBeGreaterThan(40);
    expect(unsafeRoutes.map(name)).toEqual(
      expect.arrayContaining(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/clients"]),
    );
  });

  it.each(attacks.map((attack) => [attack.label, attack] as const))(
    "%s is refused on every route",
    async (_label, attack) => {
      const sessions = await sessionsByRole();
      const wrong: string[] = [];
      for (const route of unsafeRoutes) {
        const role = roleFor(route);
        if (attack.needsSession && role === null) continue;
        const response = await app.inject({
          method: route.method as "POST",
          url: urlOf(route),
          headers: attack.headers(goodHeaders(role ? sessions[role] : null)),
          payload: attack.body ?? "{}",
        });
        const code =
          response.statusCode < 500 ? (response.json<{ error?: { code?: string } }>().error?.code ?? "") : "";
        if (response.statusCode !== attack.expected.status || code !== attack.expected.code) {
          wrong.push(`${name(route)} answered ${response.statusCode} ${code}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(unsafeRoutes.map((route) => [name(route), route] as const))(
    "%s: the same request from the app's own page passes the CSRF checks",
    async (_name, route) => {
      // A fresh session: the request may succeed (logging out ends the session).
      const role = roleFor(route);
      const session = role ? await signIn(app, (await createAccount(prisma, { role })).email) : null;
      const response = await app.inject({
        method: route.method as "POST",
        url: urlOf(route),
        headers: goodHeaders(session),
        payload: "{}",
      });
      expect(response.statusCode, response.body).not.toBe(415);
      expect(response.statusCode, response.body).toBeLessThan(500);
      if (response.statusCode === 403) {
        expect(response.json<{ error: { code: string } }>().error.code).not.toBe("csrf_failed");
      }
      // The actor's role passes the policy, so a refusal can only come from the record or the body.
      expect([401, 403]).not.toContain(response.statusCode);
    },
  );
});

describe("the app's own origin", () => {
  it("is the host the request was sent to, with its port (as the e2e server at 127.0.0.1:<port>)", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const headers = { ...session.headers, host: "127.0.0.1:41234", "sec-fetch-site": "same-origin" };
    const post = (origin: string) =>
      app.inject({ method: "POST", url: "/api/clients", headers: { ...headers, origin }, payload: {} });

    expectApiError(await post("http://127.0.0.1:41234"), 400, "validation_failed");
    expectApiError(await post("http://127.0.0.1:41235"), 403, "csrf_failed");
    expectApiError(await post("http://localhost:41234"), 403, "csrf_failed");
  });

  it("a request with neither Origin nor Sec-Fetch-Site (not a browser) still needs the token", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: "POST", url: "/api/clients", headers, payload: {} });

    expectApiError(await post({ cookie: session.cookie }), 403, "csrf_failed");
    expectApiError(await post(session.headers), 400, "validation_failed");
  });

  it("a cross-site sign-in (login CSRF) is refused and signs no one in", async () => {
    const therapist = await createAccount(prisma);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { host: HOST, origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      payload: { email: therapist.email, password: therapist.password },
    });
    expectApiError(response, 403, "csrf_failed");
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
  });
});
