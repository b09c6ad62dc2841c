import { defineEndpoint, noBody } from "../api/endpoint";
import { riskFlagParams, supervisionRiskFlag, supervisionRiskFlagsResponse } from "../clinical/measures";
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
  /** One of the client's supervisors acknowledges the flag's escalation (audited with ids only). */
  acknowledgeRiskFlag: defineEndpoint({
    method: "POST",
    path: "/api/supervision/risk-flags/:riskFlagId/acknowledgement",
    params: riskFlagParams,
    body: noBody,
    response: supervisionRiskFlag,
  }),
};
