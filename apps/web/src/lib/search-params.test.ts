import { listAuditEventsQuery, listUsersQuery } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { parseSearchParams } from "./search-params";

describe("parseSearchParams", () => {
  it("reads valid values and applies the schema's defaults", () => {
    const params = parseSearchParams(
      listUsersQuery,
      new URLSearchParams("q=smith&role=therapist&active=true&page=3"),
    );
    expect(params).toEqual({ q: "smith", role: "therapist", active: "true", page: 3, pageSize: 25 });
  });

  it("drops hand-edited values that do not fit, keeping the rest", () => {
    const params = parseSearchParams(listUsersQuery, new URLSearchParams("q=smith&role=owner&page=abc"));
    expect(params).toEqual({ q: "smith", page: 1, pageSize: 25 });
  });

  it("ignores empty values", () => {
    const params = parseSearchParams(
      listAuditEventsQuery,
      new URLSearchParams("actorId=&from=2026-01-01&to=31/01/2026"),
    );
    expect(params).toEqual({ from: "2026-01-01", page: 1, pageSize: 25 });
  });
});
