import { defineEndpoint } from "../api/endpoint";
import { supervisionRiskFlagsResponse } from "../clinical/measures";
import { cockpitQuery, cockpitResponse, therapistSummariesResponse } from "./contracts";

export const supervisionEndpoints = {
  cockpit: defineEndpoint({
    method: "GET",
    path: "/api/supervision/cockpit",
    query: cockpitQuery,
    response: cockpitResponse,
  }),
  therapistSummaries: defineEndpoint({
    method: "GET",
    path: "/api/supervision/therapists",
    response: therapistSummariesResponse,
  }),
  riskFlags: defineEndpoint({
    method: "GET",
    path: "/api/supervision/risk-flags",
    response: supervisionRiskFlagsResponse,
  }),
};
