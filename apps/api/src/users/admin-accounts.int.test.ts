import {
  adminUser,
  listUsersResponse,
  temporaryPasswordResponse,
  type Role,
  type SessionResponse,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";
import { withSecondFactorRequiredOf } from "../../test/helpers/factors";

const { app, prisma } = await createTestApp();

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

async function list(session: SignedIn, query: Record<string, string>) {
  const response = await app.inject({
    method: "GET",
    url: "/api/admin/users",
    query,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return listUsersResponse.parse(response.json());
}

function createUser(session: SignedIn, payload: { email: string; name: string; role: Role }) {
  return app.inject({ method: "POST", url: "/api/admin/users", headers: session.headers, payload });
}

describe("listing and searching accounts", () => {
  // A tag unique to this test run, so the counts below see only the accounts made here.
  const tag = `tag${crypto.randomUUID().slice(0, 8)}`;

  it("searches name and email, filters by role and active state, and pages with totals", async () => {
    const { session } = await signedInAdmin();
    await createAccount(prisma, { role: "therapist", name: `Alice ${tag}` });
    await createAccount(prisma, { role: "therapist", name: `Bob ${tag}`, active: false });
    await createAccount(prisma, { role: "supervisor", name: `Carol ${tag}` });
    await createAccount(prisma, {
      role: "therapist",
      name: "Dana Emailonly",
      email: `dana.${tag}@example.test`,
    });
    await createAccount(prisma, { role: "therapist", name: "Somebody Else" });

    const all = await list(session, { q: tag.toUpperCase() });
    expect(all.total).toBe(4);
    expect(all.items.map((u) => u.name)).toEqual([
      `Alice ${tag}`,
      `Bob ${tag}`,
      `Carol ${tag}`,
      "Dana Emailonly",
    ]);
    expect(all.items.every((u) => adminUser.safeParse(u).success)).toBe(true);

    const therapists = await list(session, { q: tag, role: "therapist" });
    expect(therapists.items.map((u) => u.name)).toEqual([`Alice ${tag}`, `Bob ${tag}`, "Dana Emailonly"]);

    const inactive = await list(session, { q: tag, active: "false" });
    expect(inactive.items.map((u) => u.name)).toEqual([`Bob ${tag}`]);
    const activeTherapists = await list(session, { q: tag, role: "therapist", active: "true" });
    expect(activeTherapists.total).toBe(2);

    const page1 = await list(session, { q: tag, pageSize: "3", page: "1" });
    const page2 = await list(session, { q: tag, pageSize: "3", page: "2" });
    expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((u) => u.name)).toEqual(["Dana Emailonly"]);

    const beyond = await list(session, { q: tag, pageSize: "3", page: "5" });
    expect(beyond).toMatchObject({ total: 4, items: [] });
  });

  it("searches for %, _ and \\ literally, not as wildcards", async () => {
    const { session } = await signedInAdmin();
    const underscore = await createAccount(prisma, {
      email: `under_score.${tag}@example.test`,
      name: "Under Score",
    });
    const percent = await createAccount(prisma, { name: `Fully 100% ${tag}` });
    const backslash = await createAccount(prisma, { name: `Back\\slash ${tag}` });
    await createAccount(prisma, { email: `underxscore.${tag}@example.test`, name: "Underx Score" });

    expect((await list(session, { q: `under_score.${tag}` })).items.map((u) => u.id)).toEqual([
      underscore.id,
    ]);
    expect((await list(session, { q: "100%" })).items.map((u) => u.id)).toEqual([percent.id]);
    expect((await list(session, { q: "k\\s" })).items.map((u) => u.id)).toEqual([backslash.id]);
    expect((await list(session, { q: "%" })).items.map((u) => u.id)).toEqual([percent.id]);
  });

  it("a search that matches nobody returns an empty page", async () => {
    const { session } = await signedInAdmin();
    expect(await list(session, { q: `no-such-${tag}` })).toMatchObject({ total: 0, items: [] });
  });
});

describe("creating an account", () => {
  // Where the role must enrol a second factor: the temporary password alone does not sign in as
  // them (docs/decisions/025; the refusal otherwise is in temporary-passwords.int.test.ts).
  it("answers 201 with a temporary password that signs in and must be changed", async () => {
    const { admin, session } = await signedInAdmin();
    const email = `new.${crypto.randomUUID()}@example.test`;

    const response = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      createUser(session, {
        email: `  ${email.toUpperCase()}`,
        name: " New Person ",
        role: "therapist",
      }),
    );

    expect(response.statusCode).toBe(201);
    const body = temporaryPasswordResponse.parse(response.json());
    expect(body.user).toMatchObject({
      email,
      name: "New Person",
      role: "therapist",
      active: true,
      mustChangePassword: true,
    });
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(12);

    const newcomer = await signIn(app, email, body.temporaryPassword);
    const me = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: newcomer.cookie },
    });
    expect(me.json<SessionResponse>().user).toMatchObject({ id: body.user.id, mustChangePassword: true });

    const [event] = await auditRows(prisma, { entityId: body.user.id, action: "user.created" });
    expect(event).toMatchObject({
      actorId: admin.id,
      outcome: "success",
      entityType: "user",
      details: { role: "therapist" },
    });
    // The password is in no audit row.
    const details = JSON.stringify(
      (await auditRows(prisma, { entityId: body.user.id })).map((e) => e.details),
    );
    expect(details).not.toContain(body.temporaryPassword);
  });

  it("a second account with the same email (in any case) answers 409 naming body.email", async () => {
    const { session } = await signedInAdmin();
    const existing = await createAccount(prisma);
    const usersBefore = await prisma.user.count();

    const response = await withSecondFactorRequiredOf(prisma, ["supervisor"], () =>
      createUser(session, {
        email: existing.email.toUpperCase(),
        name: "Duplicate",
        role: "supervisor",
      }),
    );

    const error = expectApiError(response, 409, "conflict");
    expect(fieldNames(error)).toEqual(["body.email"]);
    expect(await prisma.user.count()).toBe(usersBefore);
  });
});

describe("editing an account", () => {
  it("changes the name and role and records which fields changed", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma, { name: "Old Name" });

    const response = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${therapist.id}`,
      headers: session.headers,
      payload: { name: "New Name", role: "supervisor" },
    });

    expect(response.statusCode).toBe(200);
    expect(adminUser.parse(response.json())).toMatchObject({
      id: therapist.id,
      name: "New Name",
      role: "supervisor",
    });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });
    expect(stored).toMatchObject({ name: "New Name", role: "supervisor" });
    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "user.updated" });
    expect(event).toMatchObject({
      actorId: admin.id,
      details: { fields: ["name", "role"], from: "therapist", to: "supervisor" },
    });
  });

  it("reads one account, and answers 404 for an id that names no account", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const found = await app.inject({
      method: "GET",
      url: `/api/admin/users/${therapist.id}`,
      headers: { cookie: session.cookie },
    });
    expect(adminUser.parse(found.json())).toMatchObject({ id: therapist.id, email: therapist.email });

    const missing = await app.inject({
      method: "GET",
      url: `/api/admin/users/${crypto.randomUUID()}`,
      headers: { cookie: session.cookie },
    });
    expectApiError(missing, 404, "not_found");
  });

  it("an empty change is refused", async () => {
    const { session } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const response = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${therapist.id}`,
      headers: session.headers,
      payload: {},
    });
    expectApiError(response, 400, "validation_failed");
  });
});

describe("resetting a password", () => {
  it("replaces the password with a temporary one that must be changed, and ends the user's sessions", async () => {
    const { admin, session } = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const therapistSession = await signIn(app, therapist.email);

    // The therapist role must enrol a second factor (docs/decisions/025).
    const response = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      app.inject({
        method: "POST",
        url: `/api/admin/users/${therapist.id}/reset-password`,
        headers: session.headers,
      }),
    );

    expect(response.statusCode).toBe(200);
    const body = temporaryPasswordResponse.parse(response.json());
    expect(body.user).toMatchObject({ id: therapist.id, mustChangePassword: true });

    const ended = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: therapistSession.cookie },
    });
    expectApiError(ended, 401, "unauthenticated");
    await expect(signIn(app, therapist.email, therapist.password)).rejects.toThrow(/401/);
    const fresh = await signIn(app, therapist.email, body.temporaryPassword);
    const blocked = await app.inject({
      method: "GET",
      url: "/api/admin/users",
      headers: { cookie: fresh.cookie },
    });
    expectApiError(blocked, 403, "password_change_required");

    const [event] = await auditRows(prisma, { entityId: therapist.id, action: "user.password_reset" });
    expect(event).toMatchObject({ actorId: admin.id, outcome: "success" });
  });
});

describe("who may manage accounts", () => {
  it.each(["therapist", "supervisor"] as const)(
    "a %s is refused with 403 and changes nothing",
    async (role) => {
      const someone = await createAccount(prisma, { role });
      const session = await signIn(app, someone.email);
      const target = await createAccount(prisma, { name: "Untouched" });

      expectApiError(
        await app.inject({ method: "GET", url: "/api/admin/users", headers: session.headers }),
        403,
        "forbidden",
      );
      const patch = await app.inject({
        method: "PATCH",
        url: `/api/admin/users/${target.id}`,
        headers: session.headers,
        payload: { name: "Hacked" },
      });
      expectApiError(patch, 403, "forbidden");
      const reset = await app.inject({
        method: "POST",
        url: `/api/admin/users/${someone.id}/reset-password`,
        headers: session.headers,
      });
      expectApiError(reset, 403, "forbidden");
      expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).name).toBe("Untouched");
    },
  );

  it("without a session the account routes answer 401", async () => {
    expectApiError(await app.inject({ method: "GET", url: "/api/admin/users" }), 401, "unauthenticated");
    const create = await app.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: { email: "a@example.test", name: "A", role: "admin" },
    });
    expectApiError(create, 401, "unauthenticated");
    expect(await prisma.user.count({ where: { email: "a@example.test" } })).toBe(0);
  });
});
