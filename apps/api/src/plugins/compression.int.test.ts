// Proves that answers leave compressed for a browser that accepts it: the web app's files as the .br
// or .gz copy the build wrote beside them, API JSON over the threshold compressed as it leaves (and
// the same JSON once decompressed), with Vary: Accept-Encoding, and the caching and security headers
// unchanged. Request bodies are never inflated.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { FAKE_ASSET, fakeWebDist } from "../../test/helpers/web-dist";
import { COMPRESSION_THRESHOLD_BYTES } from "./compression";

const webDist = await fakeWebDist();
const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist });

const IMMUTABLE = "public, max-age=31536000, immutable";

function get(url: string, acceptEncoding: string | null, headers: Record<string, string> = {}) {
  return app.inject({
    method: "GET",
    url,
    headers: acceptEncoding === null ? headers : { ...headers, "accept-encoding": acceptEncoding },
  });
}

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(response.rawPayload).toString("utf8");
  if (encoding === "gzip") return gunzipSync(response.rawPayload).toString("utf8");
  expect(encoding).toBeUndefined();
  return response.body;
}

function expectVariesOnEncoding(response: LightMyRequestResponse) {
  expect(String(response.headers.vary).toLowerCase().split(/,\s*/)).toContain("accept-encoding");
}

function expectSecurityHeaders(response: LightMyRequestResponse) {
  expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
}

const builtFile = (url: string, suffix = "") => readFile(path.join(webDist, `${url.slice(1)}${suffix}`));

describe("the web app's files", () => {
  it.each([
    ["br", "br", ".br"],
    ["gzip", "gzip", ".gz"],
    ["what Chromium sends", "gzip, deflate, br, zstd", ".br"],
  ])(
    "a browser accepting %s gets the asset's build-time copy, cached for a year",
    async (_what, accept, suffix) => {
      const response = await get(FAKE_ASSET.url, accept);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBe(suffix === ".br" ? "br" : "gzip");
      expect(response.headers["content-type"]).toMatch(/javascript/);
      expect(response.rawPayload.equals(await builtFile(FAKE_ASSET.url, suffix))).toBe(true);
      expect(decoded(response)).toBe(FAKE_ASSET.body);
      expect(response.headers["cache-control"]).toBe(IMMUTABLE);
      expectVariesOnEncoding(response);
      expectSecurityHeaders(response);
    },
  );

  it.each([
    ["identity only", "identity"],
    ["no Accept-Encoding", null],
  ])("a client accepting %s gets the plain file", async (_what, accept) => {
    const response = await get(FAKE_ASSET.url, accept);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body).toBe(FAKE_ASSET.body);
    expect(response.headers["cache-control"]).toBe(IMMUTABLE);
    expectVariesOnEncoding(response);
  });

  it.each([
    ["the sign-in page", "/login", "login.html"],
    ["a page of the single-page app", "/caseload", "index.html"],
  ])("%s is sent compressed and revalidated on every visit", async (_what, url, file) => {
    const response = await get(url, "br");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(decoded(response)).toBe((await builtFile(`/${file}`)).toString("utf8"));
    expect(response.headers["cache-control"]).toBe("no-cache");
    expectVariesOnEncoding(response);
    expectSecurityHeaders(response);
  });
});

const admin = await createAccount(prisma, { role: "admin" });
// Enough accounts that the admin's list of them is well over the threshold.
for (let i = 0; i < 12; i += 1) await createAccount(prisma);
const session = await signIn(app, admin.email);

describe("API answers", () => {
  const accounts = "/api/admin/users";

  it.each([
    ["br", "br"],
    ["gzip", "gzip"],
  ])("JSON over the threshold is sent %s and decompresses to the same JSON", async (_what, encoding) => {
    const plain = await get(accounts, "identity", session.headers);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Buffer.byteLength(plain.body)).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);

    const compressed = await get(accounts, encoding, session.headers);
    expect(compressed.statusCode).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe(encoding);
    expect(compressed.rawPayload.length).toBeLessThan(Buffer.byteLength(plain.body) / 2);
    expect(JSON.parse(decoded(compressed))).toEqual(plain.json());
    expectVariesOnEncoding(compressed);
    // Health records still must not linger in caches.
    expect(compressed.headers["cache-control"]).toBe("no-store");
    expectSecurityHeaders(compressed);
  });

  it("JSON under the threshold is sent as it is", async () => {
    const response = await get("/api/health/live", "br");
    expect(response.statusCode).toBe(200);
    expect(Buffer.byteLength(response.body)).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("a compressed request body is not inflated: it is refused and signs nobody in", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      payload: gzipSync(JSON.stringify({ email: admin.email, password: admin.password })),
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});
