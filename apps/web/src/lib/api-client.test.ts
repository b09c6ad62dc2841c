import { CSRF_HEADER, IDEMPOTENCY_KEY_HEADER, sessionResponse } from "@ipt/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ApiError,
  apiRequest,
  apiRequestNoContent,
  configureApiClient,
  NetworkError,
  parseApiError,
  toQueryString,
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
  it("sends same-origin credentials and parses the body with the schema", async () => {
    const fetch = stubFetch(jsonResponse(200, session));
    const result = await apiRequest("/api/auth/session", sessionResponse);
    expect(result.user.name).toBe("Tess Therapist");
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/auth/session");
    expect(fetch.mock.calls[0]?.[1]?.credentials).toBe("same-origin");
  });

  it("sends the CSRF token on unsafe methods only", async () => {
    configureApiClient({ getCsrfToken: () => "token-123" });

    const post = stubFetch(jsonResponse(200, session));
    await apiRequest("/api/auth/password", sessionResponse, { method: "POST", body: { a: 1 } });
    expect(sentHeaders(post).get(CSRF_HEADER)).toBe("token-123");
    expect(sentHeaders(post).get("Content-Type")).toBe("application/json");
    expect(post.mock.calls[0]?.[1]?.body).toBe('{"a":1}');

    const del = stubFetch(jsonResponse(200, session));
    await apiRequest("/api/x", sessionResponse, { method: "DELETE" });
    expect(sentHeaders(del).get(CSRF_HEADER)).toBe("token-123");
    // No body, no JSON content type (an empty JSON body is a 400 on the server).
    expect(sentHeaders(del).get("Content-Type")).toBeNull();

    const get = stubFetch(jsonResponse(200, session));
    await apiRequest("/api/auth/session", sessionResponse);
    expect(sentHeaders(get).get(CSRF_HEADER)).toBeNull();
  });

  it("sends an Idempotency-Key only when the write names one", async () => {
    const keyed = stubFetch(jsonResponse(200, session));
    await apiRequest("/api/x", sessionResponse, { method: "POST", body: {}, idempotencyKey: "key-1" });
    expect(sentHeaders(keyed).get(IDEMPOTENCY_KEY_HEADER)).toBe("key-1");

    const plain = stubFetch(jsonResponse(200, session));
    await apiRequest("/api/x", sessionResponse, { method: "POST", body: {} });
    expect(sentHeaders(plain).get(IDEMPOTENCY_KEY_HEADER)).toBeNull();
  });

  it("adds query parameters, leaving out empty ones", async () => {
    const fetch = stubFetch(jsonResponse(200, { ok: true }));
    await apiRequest("/api/admin/users", z.object({ ok: z.boolean() }), {
      query: { q: "smith", role: undefined, active: "", page: 2 },
    });
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/admin/users?q=smith&page=2");
  });

  it("throws ApiError with the server's details for an error status", async () => {
    stubFetch(jsonResponse(409, { error: { code: "conflict", message: "That email is already in use." } }));
    const failure = apiRequest("/api/admin/users", sessionResponse, { method: "POST", body: {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 409, code: "conflict" });
  });

  it("refuses a success body that does not match the contract", async () => {
    stubFetch(jsonResponse(200, { user: { name: "no id" } }));
    await expect(apiRequest("/api/auth/session", sessionResponse)).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
  });

  it("reports a request that got no answer as a NetworkError", async () => {
    stubFetch(new TypeError("Failed to fetch"));
    await expect(apiRequest("/api/auth/session", sessionResponse)).rejects.toBeInstanceOf(NetworkError);
  });

  it("accepts 204 No Content where no body is expected", async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiRequestNoContent("/api/auth/logout", { method: "POST" })).resolves.toBe(undefined);
  });
});

describe("toQueryString", () => {
  it("is empty when nothing is set", () => {
    expect(toQueryString({ a: undefined, b: null, c: "" })).toBe("");
    expect(toQueryString(undefined)).toBe("");
  });

  it("encodes values", () => {
    expect(toQueryString({ next: "/admin/accounts?q=a b" })).toBe("?next=%2Fadmin%2Faccounts%3Fq%3Da+b");
  });
});
