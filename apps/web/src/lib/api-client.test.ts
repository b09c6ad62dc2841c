import { CSRF_HEADER, endpoints, IDEMPOTENCY_KEY_HEADER } from "@ipt/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  apiRequest,
  configureApiClient,
  NetworkError,
  parseApiError,
  UnexpectedResponseError,
} from "./api-client";

const session = {
  user: {
    id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10",
    email: "t@example.org",
    name: "Tess Therapist",
    role: "therapist",
    mustChangePassword: false,
  },
  csrfToken: "token-123",
  idleTimeoutSeconds: 1800,
  absoluteExpiresAt: "2026-01-31T20:00:00.000Z",
  timeZone: "Europe/London",
  secondFactorPending: false,
  enrolmentRequired: false,
  factorsReset: false,
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function stubFetch(response: Response | Error) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  configureApiClient({ fetch });
  return fetch;
}

function sentHeaders(fetch: ReturnType<typeof stubFetch>): Headers {
  const init = fetch.mock.calls[0]?.[1];
  return new Headers(init?.headers);
}

// Back to the defaults: test files share a worker's modules (isolate: false in vitest.config.ts).
afterEach(() => {
  configureApiClient({ getCsrfToken: () => undefined, fetch: (...args) => globalThis.fetch(...args) });
});

describe("parseApiError", () => {
  it("keeps the code, message, field errors and request id of the shared error body", () => {
    const error = parseApiError(400, {
      error: {
        code: "validation_failed",
        message: "Some fields are not valid.",
        fields: [{ field: "body.email", message: "Enter a valid email address." }],
        requestId: "req-1",
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: "Some fields are not valid.",
      fields: [{ field: "body.email", message: "Enter a valid email address." }],
      requestId: "req-1",
    });
  });

  it("tells a forced password change apart from other 403s by its code", () => {
    const error = parseApiError(403, {
      error: { code: "password_change_required", message: "Change your password first." },
    });
    expect(error.code).toBe("password_change_required");
    expect(error.fields).toEqual([]);
  });

  it("turns a body that is not ours (a proxy page) into a plain error for the status", () => {
    expect(parseApiError(502, "<html>Bad gateway</html>")).toMatchObject({
      status: 502,
      code: "internal_error",
    });
    expect(parseApiError(403, undefined).code).toBe("forbidden");
    expect(parseApiError(401, { message: "nope" }).code).toBe("unauthenticated");
  });
});

describe("apiRequest", () => {
  const clientId = "0b9d5c1e-7f44-4f0a-9a55-3c2d1e0f8a21";

  it("sends same-origin credentials and parses the body with the endpoint's schema", async () => {
    const fetch = stubFetch(jsonResponse(200, session));
    const result = await apiRequest(endpoints.auth.session);
    expect(result.user.name).toBe("Tess Therapist");
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/auth/session");
    expect(fetch.mock.calls[0]?.[1]?.method).toBe("GET");
    expect(fetch.mock.calls[0]?.[1]?.credentials).toBe("same-origin");
  });

  it("builds the URL from the endpoint's path and params", async () => {
    const fetch = stubFetch(jsonResponse(200, {}));
    await expect(apiRequest(endpoints.clients.get, { params: { clientId: "a/b" } })).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/clients/a%2Fb");
  });

  it("sends the CSRF token on unsafe methods only", async () => {
    configureApiClient({ getCsrfToken: () => "token-123" });

    const post = stubFetch(jsonResponse(200, session));
    const body = { currentPassword: "old-password-1", newPassword: "a-new-password-2" };
    await apiRequest(endpoints.auth.changePassword, { body });
    expect(post.mock.calls[0]?.[1]?.method).toBe("POST");
    expect(sentHeaders(post).get(CSRF_HEADER)).toBe("token-123");
    expect(sentHeaders(post).get("Content-Type")).toBe("application/json");
    expect(post.mock.calls[0]?.[1]?.body).toBe(JSON.stringify(body));

    const del = stubFetch(new Response(null, { status: 204 }));
    await apiRequest(endpoints.inventory.removePerson, {
      params: { clientId, personId: clientId },
      query: { version: 2 },
    });
    expect(del.mock.calls[0]?.[1]?.method).toBe("DELETE");
    expect(sentHeaders(del).get(CSRF_HEADER)).toBe("token-123");
    // No body, no JSON content type (an empty JSON body is a 400 on the server).
    expect(sentHeaders(del).get("Content-Type")).toBeNull();

    const get = stubFetch(jsonResponse(200, session));
    await apiRequest(endpoints.auth.session);
    expect(sentHeaders(get).get(CSRF_HEADER)).toBeNull();
  });

  it("sends an Idempotency-Key only when the write names one", async () => {
    const body = { displayName: "Client A", referralReason: "Invented" };
    const keyed = stubFetch(jsonResponse(201, {}));
    await apiRequest(endpoints.clients.create, { body, idempotencyKey: "key-1" }).catch(() => undefined);
    expect(sentHeaders(keyed).get(IDEMPOTENCY_KEY_HEADER)).toBe("key-1");

    const plain = stubFetch(jsonResponse(201, {}));
    await apiRequest(endpoints.clients.create, { body }).catch(() => undefined);
    expect(sentHeaders(plain).get(IDEMPOTENCY_KEY_HEADER)).toBeNull();
  });

  it("adds query parameters, leaving out empty ones", async () => {
    const fetch = stubFetch(jsonResponse(200, { items: [], total: 0, page: 2, pageSize: 25 }));
    await apiRequest(endpoints.users.list, { query: { q: "smith", role: undefined, active: null, page: 2 } });
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/admin/users?q=smith&page=2");
  });

  it("throws ApiError with the server's details for an error status", async () => {
    stubFetch(jsonResponse(409, { error: { code: "conflict", message: "That email is already in use." } }));
    const failure = apiRequest(endpoints.users.create, {
      body: { email: "a@example.org", name: "A", role: "therapist" },
    });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 409, code: "conflict" });
  });

  it("refuses a success body that does not match the contract", async () => {
    stubFetch(jsonResponse(200, { user: { name: "no id" } }));
    await expect(apiRequest(endpoints.auth.session)).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it("reports a request that got no answer as a NetworkError", async () => {
    stubFetch(new TypeError("Failed to fetch"));
    await expect(apiRequest(endpoints.auth.session)).rejects.toBeInstanceOf(NetworkError);
  });

  it("answers nothing for a 204 endpoint", async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiRequest(endpoints.auth.logout)).resolves.toBe(undefined);
  });

  it("types what each endpoint takes", () => {
    stubFetch(jsonResponse(200, session));
    // @ts-expect-error -- the client's id is required
    void apiRequest(endpoints.clients.get).catch(() => undefined);
    // @ts-expect-error -- a new client needs a body
    void apiRequest(endpoints.clients.create, {}).catch(() => undefined);
    // @ts-expect-error -- only idempotent writes take a key
    void apiRequest(endpoints.auth.session, { idempotencyKey: "k" }).catch(() => undefined);
    expect(true).toBe(true);
  });
});
