import { defineEndpoint } from "../api/endpoint";
import { livenessResponse, readinessResponse } from "./health";

export const healthEndpoints = {
  live: defineEndpoint({ method: "GET", path: "/api/health/live", response: livenessResponse }),
  ready: defineEndpoint({ method: "GET", path: "/api/health/ready", response: readinessResponse }),
};
