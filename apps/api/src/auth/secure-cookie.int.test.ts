import { describe, expect, it } from "vitest";
import { createAccount, createTestApp, TEST_PASSWORD } from "../../test/helpers/app";

describe("session cookie behind HTTPS", () => {
  it("is marked Secure when the request came over HTTPS through a trusted proxy, and not over plain HTTP", async () => {
    const { app, prisma } = await createTestApp({ TRUST_PROXY: "true" });
    const user = await createAccount(prisma);
    const signIn = (proto: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "x-forwarded-proto": proto },
        payload: { email: user.email, password: TEST_PASSWORD },
      });

    const overHttps = await signIn("https");
    expect(overHttps.statusCode).toBe(200);
    expect(String(overHttps.headers["set-cookie"])).toMatch(/;\s*Secure/i);
    expect(overHttps.headers["strict-transport-security"]).toMatch(/max-age=\d+/);

    const overHttp = await signIn("http");
    expect(overHttp.statusCode).toBe(200);
    expect(String(overHttp.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted", async () => {
    const { app, prisma } = await createTestApp();
    const user = await createAccount(prisma);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(String(response.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  });
});
