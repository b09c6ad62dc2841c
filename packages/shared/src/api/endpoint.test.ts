/// <reference types="node" />
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientParams } from "../clinical/clients";
import {
  defineEndpoint,
  endpointKey,
  endpointPath,
  noContent,
  pathParamNames,
  queryString,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from "./endpoint";
import { endpointList, endpoints } from "./endpoints";

const clientId = "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe("defineEndpoint", () => {
  it("fills in status 200 unless the endpoint names another", () => {
    expect(endpoints.clients.get.status).toBe(200);
    expect(endpoints.clients.create.status).toBe(201);
    expect(endpoints.auth.logout.status).toBe(204);
  });

  it("refuses a params schema that does not name exactly the path's params", () => {
    expect(() =>
      defineEndpoint({
        method: "GET",
        path: "/api/clients/:clientId/people/:personId",
        // @ts-expect-error -- the path also names :personId
        params: clientParams,
        response: z.null(),
      }),
    ).toThrow(/params name \[clientId\], the path \[clientId,personId\]/);
    expect(() =>
      // @ts-expect-error -- a path with params needs a params schema
      defineEndpoint({ method: "GET", path: "/api/clients/:clientId", response: z.null() }),
    ).toThrow(/params name \[\], the path \[clientId\]/);
  });

  it("reads the params a path names", () => {
    expect(pathParamNames("/api/admin/users/:userId/supervisors/:supervisorId")).toEqual([
      "userId",
      "supervisorId",
    ]);
    expect(pathParamNames("/api/clients")).toEqual([]);
  });
});

describe("endpointPath", () => {
  it("puts each param in its place, encoded", () => {
    expect(endpointPath(endpoints.clients.get, { clientId })).toBe(`/api/clients/${clientId}`);
    expect(endpointPath(endpoints.users.assignSupervisor, { userId: "a/b", supervisorId: "c d" })).toBe(
      "/api/admin/users/a%2Fb/supervisors/c%20d",
    );
    expect(endpointPath(endpoints.caseload.list)).toBe("/api/clients");
  });

  it("adds the query, leaving out empty values", () => {
    expect(endpointPath(endpoints.caseload.list, {}, { q: "mar", flagged: "true", phase: undefined })).toBe(
      "/api/clients?q=mar&flagged=true",
    );
    expect(
      endpointPath(endpoints.inventory.removePerson, { clientId, personId: clientId }, { version: 3 }),
    ).toBe(`/api/clients/${clientId}/inventory/people/${clientId}?version=3`);
  });

  it("refuses an empty param, which would address another endpoint", () => {
    expect(() => endpointPath(endpoints.clients.get, { clientId: "" })).toThrow(/no value for :clientId/);
  });

  it("types the params and query each endpoint names", () => {
    // @ts-expect-error -- the client's id is required
    expect(() => endpointPath(endpoints.clients.get)).toThrow();
    // @ts-expect-error -- the courses path names :courseId, not :clientId
    expect(() => endpointPath(endpoints.courses.get, { clientId })).toThrow();
    // @ts-expect-error -- the caseload has no such query parameter
    endpointPath(endpoints.caseload.list, {}, { colour: "red" });
  });
});

describe("queryString", () => {
  it("is empty when nothing is set", () => {
    expect(queryString({ a: undefined, b: null, c: "" })).toBe("");
    expect(queryString(undefined)).toBe("");
  });

  it("encodes as a form does (as URLSearchParams would)", () => {
    const query = { next: "/admin/accounts?q=a b", odd: "it's (fine)! ~*", page: 2, active: false };
    expect(queryString(query)).toBe(
      `?${new URLSearchParams({ ...query, page: "2", active: "false" }).toString()}`,
    );
    expect(queryString({ next: "/admin/accounts?q=a b" })).toBe("?next=%2Fadmin%2Faccounts%3Fq%3Da+b");
  });
});

describe("the endpoint table", () => {
  it("names each method and path once, under /api", () => {
    const keys = endpointList.map(endpointKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const endpoint of endpointList) expect(endpoint.path, endpointKey(endpoint)).toMatch(/^\/api\//);
  });

  it("gives every write a body schema, so unknown keys are refused rather than dropped", () => {
    for (const endpoint of endpointList.filter((e) => UNSAFE.has(e.method))) {
      expect(endpoint.body, endpointKey(endpoint)).toBeDefined();
    }
    for (const endpoint of endpointList.filter((e) => e.method === "GET")) {
      expect(endpoint.body, endpointKey(endpoint)).toBeUndefined();
    }
  });

  it("answers a 204 with no body", () => {
    for (const endpoint of endpointList.filter((e) => e.status === 204)) {
      expect(endpoint.response.safeParse(null).success, endpointKey(endpoint)).toBe(true);
    }
    expect(noContent.safeParse({}).success).toBe(false);
  });

  it("derives what a caller sends and gets from the schemas", () => {
    const body: EndpointBody<typeof endpoints.clients.create> = {
      displayName: "Client A",
      referralReason: "Invented",
    };
    // @ts-expect-error -- not a field of a new client
    const wrong: EndpointBody<typeof endpoints.clients.create> = { displayName: "A", referral: "x" };
    const query: EndpointQuery<typeof endpoints.users.list> = { role: "supervisor", page: null };
    const nothing: EndpointResponse<typeof endpoints.auth.logout> = undefined;
    expect([body, wrong, query, nothing]).toHaveLength(4);
  });
});
