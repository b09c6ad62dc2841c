// Proves the login session's defences (issue 6, "Sessions and requests"): the cookie's flags and the
// session id's entropy; a new id at every sign-in (no fixation); the idle and absolute limits, read
// from an injected clock rather than waited for; and that logout, deactivation, an admin's password
// reset and an admin's "end all sessions" refuse the old cookie on the very next request.
import { endSessionsResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, sessionRowOf, tokenOf } from "../../test/helpers/api";
import {
  createAccount,
  createTestApp,
  sessionCookieFrom,
  signIn,
  TEST_PASSWORD,
  type SignedIn,
} from "../../test/helpers/app";
import { withSecondFactorRequiredOf } from "../../test/helpers/factors";
import { hashToken } from "../auth/login-sessions";
import { SESSION_COOKIE } from "../plugins/auth";

const MINUTE = 60_000;
let nowMs = Date.now();
const advance = (ms: number) => (nowMs += ms);
const { app, prisma } = await createTestApp({}, undefined, () => new Date(nowMs));

const getSession = (cookie: string) =>
  app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
const post = (url: string, session: SignedIn) =>
  app.inject({ method: "POST", url, headers: session.headers, payload: {} });
const login = (email: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers,
    payload: { email, password: TEST_PASSWORD },
  });

/** The session cookie's Set-Cookie line, split into its value and lower-cased attributes. */
function sessionSetCookie(setCookie: string | string[] | undefined) {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error("no session cookie was set");
  const [pair = "", ...parts] = line.split(";").map((part) => part.trim());
  const attributes = new Map(
    parts.map((part) => {
      const [key = "", ...value] = part.split("=");
      return [key.toLowerCase(), value.join("=")] as const;
    }),
  );
  return { value: pair.slice(pair.indexOf("=") + 1), attributes };
}

/** What a browser demands of a `__Host-` cookie, plus HttpOnly and SameSite=Strict. */
function expectHostOnlyFlags(attributes: Map<string, string>) {
  expect(attributes.has("secure")).toBe(true);
  expect(attributes.has("httponly")).toBe(true);
  expect(attributes.get("samesite")?.toLowerCase()).toBe("strict");
  expect(attributes.get("path")).toBe("/");
  expect(attributes.has("domain")).toBe(false);
}

describe("the session cookie", () => {
  it("is __Host- prefixed, Secure even over plain HTTP, HttpOnly, SameSite=Strict, Path=/ and without Domain", async () => {
    const therapist = await createAccount(prisma);
    const response = await login(therapist.email);
    expect(response.statusCode).toBe(200);

    expect(SESSION_COOKIE).toMatch(/^__Host-/);
    const { attributes } = sessionSetCookie(response.headers["set-cookie"]);
    expectHostOnlyFlags(attributes);
    // It lives no longer than the session's absolute end.
    const end = Date.parse(response.json<{ absoluteExpiresAt: string }>().absoluteExpiresAt);
    expect(Date.parse(attributes.get("expires")!)).toBe(Math.floor(end / 1000) * 1000);
  });

  it("is cleared with the same flags (a browser ignores a __Host- cookie set without them)", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);

    const loggedOut = sessionSetCookie((await post("/api/auth/logout", session)).headers["set-cookie"]);
    expect(loggedOut.value).toBe("");
    expectHostOnlyFlags(loggedOut.attributes);

    const refused = await getSession(session.cookie);
    expectApiError(refused, 401, "unauthenticated");
    const cleared = sessionSetCookie(refused.headers["set-cookie"]);
    expect(cleared.value).toBe("");
    expectHostOnlyFlags(cleared.attributes);
  });

  it("carries 256 random bits (32 bytes, base64url), unique per sign-in, and only its SHA-256 is stored", async () => {
    const therapist = await createAccount(prisma);
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const token = tokenOf((await signIn(app, therapist.email)).cookie);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      tokens.add(token);
    }
    expect(tokens.size).toBe(20);

    const rows = await prisma.loginSession.findMany({ where: { userId: therapist.id } });
    const stored = new Set(rows.map((row) => row.tokenHash));
    for (const token of tokens) {
      expect(stored.has(token)).toBe(false);
      expect(stored.has(hashToken(token))).toBe(true);
    }
  });
});

describe("session fixation", () => {
  it("a session id planted in the browser before sign-in is never adopted", async () => {
    const therapist = await createAccount(prisma);
    const planted = "a".repeat(43);
    const response = await login(therapist.email, { cookie: `${SESSION_COOKIE}=${planted}` });

    expect(response.statusCode).toBe(200);
    const issued = sessionSetCookie(response.headers["set-cookie"]).value;
    expect(issued).not.toBe(planted);
    expectApiError(await getSession(`${SESSION_COOKIE}=${planted}`), 401, "unauthenticated");
    expect(await prisma.loginSession.count({ where: { tokenHash: hashToken(planted) } })).toBe(0);
  });

  it("signing in with a live session cookie issues a new id and ends the old session", async () => {
    const therapist = await createAccount(prisma);
    const before = await signIn(app, therapist.email);
    const response = await login(therapist.email, { cookie: before.cookie });

    const after = sessionCookieFrom(response.headers["set-cookie"]);
    expect(tokenOf(after)).not.toBe(tokenOf(before.cookie));
    expectApiError(await getSession(before.cookie), 401, "unauthenticated");
    expect((await getSession(after)).statusCode).toBe(200);
  });
});

describe("session time limits (injected clock)", () => {
  it("activity keeps a session alive; 30 minutes without any ends it, row and all", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);

    advance(29 * MINUTE);
    expect((await getSession(cookie)).statusCode).toBe(200);
    // The request above counted as activity: the idle limit runs from it, not from sign-in.
    advance(29 * MINUTE);
    expect((await getSession(cookie)).statusCode).toBe(200);
    advance(30 * MINUTE + 1);
    expectApiError(await getSession(cookie), 401, "unauthenticated");
    expect(await sessionRowOf(prisma, cookie)).toBeNull();
  });

  it("ends a session 12 hours after sign-in however busy it is", async () => {
    const therapist = await createAccount(prisma);
    const signedInAt = nowMs;
    const { cookie } = await signIn(app, therapist.email);
    expect((await sessionRowOf(prisma, cookie))!.expiresAt.getTime()).toBe(signedInAt + 12 * 60 * MINUTE);

    while (nowMs + 20 * MINUTE < signedInAt + 12 * 60 * MINUTE) {
      advance(20 * MINUTE);
      expect((await getSession(cookie)).statusCode, new Date(nowMs).toISOString()).toBe(200);
    }
    nowMs = signedInAt + 12 * 60 * MINUTE;
    expectApiError(await getSession(cookie), 401, "unauthenticated");
    expect(await sessionRowOf(prisma, cookie)).toBeNull();
  });
});

describe("revocation takes effect on the very next request", () => {
  async function therapistInTwoBrowsers() {
    const therapist = await createAccount(prisma);
    return {
      therapist,
      browsers: [await signIn(app, therapist.email), await signIn(app, therapist.email)],
    };
  }
  const expectAllRefused = async (browsers: SignedIn[]) => {
    for (const browser of browsers) expectApiError(await getSession(browser.cookie), 401, "unauthenticated");
  };
  const newAdmin = async () => signIn(app, (await createAccount(prisma, { role: "admin" })).email);

  it("logout ends that session", async () => {
    const { browsers } = await therapistInTwoBrowsers();
    expect((await post("/api/auth/logout", browsers[0]!)).statusCode).toBe(204);
    await expectAllRefused([browsers[0]!]);
  });

  it("deactivation by an admin ends every session of the account", async () => {
    const { therapist, browsers } = await therapistInTwoBrowsers();
    const admin = await newAdmin();
    expect((await post(`/api/admin/users/${therapist.id}/deactivate`, admin)).statusCode).toBe(200);
    await expectAllRefused(browsers);
  });

  it("a password reset by an admin ends every session of the account", async () => {
    const { therapist, browsers } = await therapistInTwoBrowsers();
    const admin = await newAdmin();
    // The therapist role must enrol a second factor, or no temporary password (docs/decisions/025).
    const reset = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      post(`/api/admin/users/${therapist.id}/reset-password`, admin),
    );
    expect(reset.statusCode).toBe(200);
    await expectAllRefused(browsers);
  });

  it("an admin's 'end all sessions' signs the account out everywhere, audited, and leaves it able to sign in", async () => {
    const { therapist, browsers } = await therapistInTwoBrowsers();
    const bystander = await signIn(app, (await createAccount(prisma)).email);
    const admin = await newAdmin();

    const response = await post(`/api/admin/users/${therapist.id}/end-sessions`, admin);

    expect(response.statusCode).toBe(200);
    expect(endSessionsResponse.parse(response.json())).toEqual({ endedSessions: 2 });
    await expectAllRefused(browsers);
    expect((await getSession(bystander.cookie)).statusCode).toBe(200);
    expect((await getSession(admin.cookie)).statusCode).toBe(200);
    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "user.sessions_ended" });
    expect(event).toMatchObject({ outcome: "success", entityType: "user", details: { endedSessions: 2 } });
    expect(event!.actorId).not.toBeNull();
    expect(event!.actorId).not.toBe(therapist.id);
    expect((await login(therapist.email)).statusCode).toBe(200);
  });

  it("'end all sessions' is for admins only and names an existing account", async () => {
    const { therapist, browsers } = await therapistInTwoBrowsers();
    const colleague = await signIn(app, (await createAccount(prisma)).email);
    expectApiError(await post(`/api/admin/users/${therapist.id}/end-sessions`, colleague), 403, "forbidden");
    expect((await getSession(browsers[0]!.cookie)).statusCode).toBe(200);
    const admin = await newAdmin();
    expectApiError(
      await post(`/api/admin/users/${crypto.randomUUID()}/end-sessions`, admin),
      404,
      "not_found",
    );
  });
});
