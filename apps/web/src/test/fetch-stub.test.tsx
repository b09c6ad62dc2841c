import { describe, expect, it } from "vitest";
import { stubFetch } from "./fetch-stub";

describe("the fetch stub", () => {
  // The check in setup-dom.ts fails the test after it ends; `it.fails` expects exactly that.
  it.fails("fails a test that sends a request no route answers", async () => {
    stubFetch();
    const response = await fetch("/api/not-expected");
    expect(response.status).toBe(501);
  });

  it("records each request with its method, path, query, headers and JSON body", async () => {
    const api = stubFetch().on("POST /api/things", { status: 201, body: { ok: true } });
    const response = await fetch("/api/things?page=2", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Invented" }),
    });
    expect(await response.json()).toEqual({ ok: true });
    const [request] = api.sent("POST /api/things");
    expect(request?.query.get("page")).toBe("2");
    expect(request?.headers.get("Content-Type")).toBe("application/json");
    expect(request?.body).toEqual({ name: "Invented" });
  });
});
