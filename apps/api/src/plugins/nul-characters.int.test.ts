// A NUL character (which PostgreSQL text cannot hold) in a body, a query or a nested field answers
// 400 naming the field, and writes nothing — where it used to reach the database and answer 500.
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { signedInAs } from "../../test/helpers/clinical";

const { app, prisma } = await createTestApp();
const therapist = await signedInAs(app, prisma);

describe("NUL characters are refused before they reach the database", () => {
  it("in a body field: 400 naming it, and no client is created", async () => {
    const before = await prisma.client.count();
    const response = await therapist.post("/api/clients", {
      displayName: "Ann\u0000e",
      referralReason: "Low mood",
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["body.displayName"]);
    expect(await prisma.client.count()).toBe(before);
  });

  it("in a query parameter: 400 naming it", async () => {
    const response = await therapist.get("/api/clients?q=%00");
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual(["query.q"]);
  });

  it("in a nested field and in a key: each is named", async () => {
    const response = await therapist.post("/api/clients", {
      displayName: "Anne",
      referralReason: "Low mood",
      extra: { "k\u0000": 1, list: ["ok", "\u0000"] },
    });
    expect(fieldNames(expectApiError(response, 400, "validation_failed"))).toEqual([
      "body.extra",
      "body.extra.list.1",
    ]);
  });
});
