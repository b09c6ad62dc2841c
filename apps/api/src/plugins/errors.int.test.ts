import { apiErrorBody } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return signIn(app, admin.email);
}

/** Row counts that a refused request must leave as they were. */
async function counts() {
  const [users, auditEvents, assignments] = await Promise.all([
    prisma.user.count(),
    prisma.auditEvent.count(),
    prisma.supervisionAssignment.count(),
  ]);
  return { users, auditEvents, assignments };
}

function postUsers(session: SignedIn, payload: string, contentType: string) {
  return app.inject({
    method: "POST",
    url: "/api/admin/users",
    headers: { ...session.headers, "content-type": contentType },
    payload,
  });
}

describe("validation errors name the fields", () => {
  it("a new account with a bad email, an empty name and an unknown role lists all three", async () => {
    const session = await signedInAdmin();
    const before = await counts();

    const response = await app.inject({
      method: "POST",
      url: "/api/admin/users",
      headers: session.headers,
      payload: { email: "not-an-email", name: "   ", role: "superuser" },
    });

    const error = expectApiError(response, 400, "validation_failed");
    expect(fieldNames(error)).toEqual(["body.email", "body.name", "body.role"]);
    expect(error.fields!.every((f) => f.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("a missing field is named too", async () => {
    const session = await signedInAdmin();
    const response = await app.inject({
      method: "POST",
      url: "/api/admin/users",
      headers: session.headers,
      payload: { name: "No Email", role: "therapist" },
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["body.email"]);
  });

  it("a page size over the limit names query.pageSize", async () => {
    const session = await signedInAdmin();
    const response = await app.inject({
      method: "GET",
      url: "/api/admin/users?pageSize=1000",
      headers: session.headers,
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["query.pageSize"]);
  });

  it("bad audit filters name query.actorId and query.from", async () => {
    const session = await signedInAdmin();
    const response = await app.inject({
      method: "GET",
      url: "/api/admin/audit-events?actorId=42&from=yesterday",
      headers: session.headers,
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual([
      "query.actorId",
      "query.from",
    ]);
  });

  it("an id that is not a UUID names params.userId and changes nothing", async () => {
    const session = await signedInAdmin();
    const before = await counts();
    const get = await app.inject({
      method: "GET",
      url: "/api/admin/users/not-a-uuid",
      headers: session.headers,
    });
    expect(fieldNames(expectApiError(get, 400, "validation_failed"))).toEqual(["params.userId"]);
    const deactivate = await app.inject({
      method: "POST",
      url: "/api/admin/users/42/deactivate",
      headers: session.headers,
    });
    expect(fieldNames(expectApiError(deactivate, 400, "validation_failed"))).toEqual(["params.userId"]);
    expect(await counts()).toEqual(before);
  });

  it("a bad supervisor id names params.supervisorId", async () => {
    const session = await signedInAdmin();
    const response = await app.inject({
      method: "PUT",
      url: `/api/admin/users/${crypto.randomUUID()}/supervisors/nope`,
      headers: session.headers,
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["params.supervisorId"]);
  });

  it("a malformed sign-in names the fields without saying whether the account exists", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "nope", password: "" },
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual([
      "body.email",
      "body.password",
    ]);
  });
});

describe("bodies that are not JSON", () => {
  it("malformed JSON answers 400 and writes nothing", async () => {
    const session = await signedInAdmin();
    const before = await counts();
    const error = expectApiError(
      await postUsers(session, '{"email": "a@example.test", ', "application/json"),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body"]);
    expect(await counts()).toEqual(before);
  });

  it("a text/plain body answers 415 with the shared error body and writes nothing", async () => {
    const session = await signedInAdmin();
    const before = await counts();
    const payload = JSON.stringify({
      email: `plain.${Date.now()}@example.test`,
      name: "Plain Text",
      role: "therapist",
    });
    expectApiError(await postUsers(session, payload, "text/plain"), 415, "unsupported_media_type");
    expect(await counts()).toEqual(before);
  });

  it("a form-encoded body answers 415", async () => {
    const session = await signedInAdmin();
    const before = await counts();
    expectApiError(
      await postUsers(
        session,
        "email=a%40example.test&name=A&role=admin",
        "application/x-www-form-urlencoded",
      ),
      415,
      "unsupported_media_type",
    );
    expect(await counts()).toEqual(before);
  });

  it("a text/plain sign-in answers 415 and signs nobody in", async () => {
    const therapist = await createAccount(prisma);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "text/plain" },
      payload: JSON.stringify({ email: therapist.email, password: therapist.password }),
    });
    expectApiError(response, 415, "unsupported_media_type");
    expect(await prisma.loginSession.count({ where: { userId: therapist.id } })).toBe(0);
  });

  it("a body over the size limit answers 413", async () => {
    const session = await signedInAdmin();
    const before = await counts();
    const payload = JSON.stringify({
      email: "big@example.test",
      name: "x".repeat(300 * 1024),
      role: "therapist",
    });
    expectApiError(await postUsers(session, payload, "application/json"), 413, "payload_too_large");
    expect(await counts()).toEqual(before);
  });
});

describe("unknown paths", () => {
  it.each([
    ["GET", "/api/nothing-here"],
    ["POST", "/api/admin/nothing-here"],
    ["DELETE", "/api/auth/session"],
    ["GET", "/api/admin/users/x/y/z"],
  ] as const)("%s %s answers 404 with the shared error body", async (method, url) => {
    expectApiError(await app.inject({ method, url }), 404, "not_found");
  });

  it("an unknown path answers the same 404 with or without a session", async () => {
    const session = await signedInAdmin();
    const anonymous = expectApiError(
      await app.inject({ method: "GET", url: "/api/secret" }),
      404,
      "not_found",
    );
    const signedIn = expectApiError(
      await app.inject({ method: "GET", url: "/api/secret", headers: session.headers }),
      404,
      "not_found",
    );
    expect(signedIn.message).toBe(anonymous.message);
  });
});

describe("request ids", () => {
  it("every error body carries the request id of its response", async () => {
    const response = await app.inject({ method: "GET", url: "/api/admin/users" });
    const body = apiErrorBody.parse(response.json());
    expect(body.error.requestId).toBe(response.headers["x-request-id"]);
  });

  it("a request id the client sends is replaced (only a trusted proxy's is kept: request-trust.int.test.ts)", async () => {
    const replaced = await app.inject({
      method: "GET",
      url: "/api/nothing",
      headers: { "x-request-id": "proxy-req-12345678" },
    });
    expect(expectApiError(replaced, 404, "not_found").requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
