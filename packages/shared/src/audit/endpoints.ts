import { defineEndpoint } from "../api/endpoint";
import { listAuditEventsQuery, listAuditEventsResponse } from "./audit";

export const auditEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/admin/audit-events",
    query: listAuditEventsQuery,
    response: listAuditEventsResponse,
  }),
};
