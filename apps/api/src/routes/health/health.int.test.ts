import { livenessResponse, readinessResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/helpers/app";

const { app } = await createTestApp();

describe("health checks", () => {
  it("liveness answers 200 ok without a session", async () => {
    const response = await app.inject({ method: "GET", url: "/api/health/live" });
    expect(response.statusCode).toBe(200);
    expect(livenessResponse.parse(response.json())).toEqual({ status: "ok" });
  });

  it("readiness answers 200 ready when the database answers", async () => {
    const response = await app.inject({ method: "GET", url: "/api/health/ready" });
    expect(response.statusCode).toBe(200);
    expect(readinessResponse.parse(response.json())).toEqual({ status: "ready", database: "reachable" });
  });

  it("health answers are never cached", async () => {
    const response = await app.inject({ method: "GET", url: "/api/health/ready" });
    expect(response.headers["cache-control"]).toBe("no-store");
  });
});
