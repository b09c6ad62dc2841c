// Proves that a handler cannot overshare: Fastify serialises every answer through the route's zod
// response schema, so fields the schema does not declare (at the top, nested and in arrays) are never
// sent. That no response gives away what its caller may not have (password hashes and passwords,
// session tokens and their hashes, other sessions' CSRF tokens, secret-bearing field names, another
// tenant's ids and text), over every API route × every actor and the filtered lists, is checked on the
// answers of the authorization matrix's one walk (authorization-matrix.int.test.ts, "no leaks in
// responses"): this file used to send the same calls again for it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestApp } from "../../test/helpers/app";

const FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$b3ZlcnNoYXJl$T3ZlcnNoYXJlZEhhc2hWYWx1ZQ";
const overshare = z.object({
  id: z.string(),
  items: z.array(z.object({ name: z.string() })),
  owner: z.object({ name: z.string() }),
});

const { app } = await createTestApp({}, (testApp) => {
  testApp.get(
    "/api/test-only/overshare",
    { config: { policy: "public" }, schema: { response: { 200: overshare } } },
    // The handler returns more than its schema declares, as a careless service might.
    async () => {
      const stored = {
        id: "record-1",
        passwordHash: FAKE_HASH,
        items: [{ name: "first", secretNote: "item secret" }],
        owner: { name: "Owner", passwordHash: FAKE_HASH, tokenHash: "stored-token-hash" },
      };
      return stored;
    },
  );
});

describe("answers carry only the fields of their response schema", () => {
  it("a handler returning extra fields (top level, nested, in arrays) sends none of them", async () => {
    const response = await app.inject({ method: "GET", url: "/api/test-only/overshare" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ id: "record-1", items: [{ name: "first" }], owner: { name: "Owner" } });
    expect(response.body).not.toContain("argon2");
    expect(response.body).not.toContain("secret");
    expect(response.body).not.toContain("stored-token-hash");
  });
});
