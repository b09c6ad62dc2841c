// What the app takes from a request's headers: a client's X-Request-Id only via the trusted proxy
// (audit rows store it), an Origin only when scheme, host and port equal the public origin, and the
// OpenAPI document only for a signed-in user in production.
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

const direct = await createTestApp();
const proxied = await createTestApp({ TRUST_PROXY: "true" });
const PUBLIC_ORIGIN = "https://ipt.example.org";
const withOrigin = await createTestApp({ PUBLIC_ORIGIN });
const production = await createTestApp({ NODE_ENV: "production" });

const CLIENT_ID = "client-chosen-id-1234";

describe("a client's X-Request-Id", () => {
  it("is ignored without a trusted proxy: the app makes its own, and the audit row stores that", async () => {
    const therapist = await createAccount(direct.prisma);
    const response = await direct.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-request-id": CLIENT_ID },
      payload: { email: therapist.email, password: therapist.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const row = await direct.prisma.auditEvent.findFirstOrThrow({
      where: { actorId: therapist.id, action: "auth.login" },
    });
    expect(row.requestId).toBe(response.headers["x-request-id"]);
  });

  it("is kept from the trusted proxy when it looks like an id, and replaced when it does not", async () => {
    const kept = await proxied.app.inject({
      method: "GET",
      url: "/api/nothing",
      headers: { "x-request-id": CLIENT_ID },
    });
    expect(expectApiError(kept, 404, "not_found").requestId).toBe(CLIENT_ID);
    const replaced = await proxied.app.inject({
      method: "GET",
      url: "/api/nothing",
      headers: { "x-request-id": "<script>alert(1)</script>" },
    });
    expect(expectApiError(replaced, 404, "not_found").requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the Origin check against PUBLIC_ORIGIN", () => {
  it("accepts exactly the configured scheme, host and port", async () => {
    const therapist = await createAccount(withOrigin.prisma);
    const session = await signIn(withOrigin.app, therapist.email);
    const post = (origin: string) =>
      withOrigin.app.inject({
        method: "POST",
        url: "/api/clients",
        headers: { ...session.headers, host: "ipt.example.org", origin },
        payload: {},
      });
    expectApiError(await post(PUBLIC_ORIGIN), 400, "validation_failed");
    expectApiError(await post("https://ipt.example.org:443"), 400, "validation_failed");
    expectApiError(await post("http://ipt.example.org"), 403, "csrf_failed");
    expectApiError(await post("https://ipt.example.org:8443"), 403, "csrf_failed");
    expectApiError(await post("https://IPT.example.org.attacker.example"), 403, "csrf_failed");
  });

  it("without PUBLIC_ORIGIN, the scheme counts too: http and https of one host differ", async () => {
    const therapist = await createAccount(direct.prisma);
    const session = await signIn(direct.app, therapist.email);
    const post = (origin: string) =>
      direct.app.inject({
        method: "POST",
        url: "/api/clients",
        headers: { ...session.headers, host: "ipt.example.org", origin },
        payload: {},
      });
    expectApiError(await post("http://ipt.example.org"), 400, "validation_failed");
    expectApiError(await post("https://ipt.example.org"), 403, "csrf_failed");
  });
});

describe("the OpenAPI document and docs page", () => {
  it("need a signed-in user in production", async () => {
    for (const url of ["/api/docs/json", "/api/docs"]) {
      expectApiError(await production.app.inject({ method: "GET", url }), 401, "unauthenticated");
    }
    const therapist = await createAccount(production.prisma);
    const session = await signIn(production.app, therapist.email);
    const document = await production.app.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { cookie: session.cookie },
    });
    expect(document.statusCode).toBe(200);
    expect(document.json()).toHaveProperty("openapi", "3.1.0");
  });

  it("are public in development and test", async () => {
    const document = await direct.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(document.statusCode).toBe(200);
  });
});
