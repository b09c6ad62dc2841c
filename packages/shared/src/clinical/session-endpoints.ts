// Session records: read, edit while unsigned, sign, and amend once signed.
import { defineEndpoint } from "../api/endpoint";
import { idempotencyKeyHeaders } from "../common/idempotency";
import { versionRequest } from "./courses";
import { amendmentRequest, sessionDetail, sessionParams, updateSessionRequest } from "./sessions";

export const sessionEndpoints = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/sessions/:sessionId",
    params: sessionParams,
    response: sessionDetail,
  }),
  update: defineEndpoint({
    method: "PATCH",
    path: "/api/sessions/:sessionId",
    headers: idempotencyKeyHeaders,
    params: sessionParams,
    body: updateSessionRequest,
    response: sessionDetail,
  }),
  sign: defineEndpoint({
    method: "POST",
    path: "/api/sessions/:sessionId/sign",
    params: sessionParams,
    body: versionRequest,
    response: sessionDetail,
  }),
  addAmendment: defineEndpoint({
    method: "POST",
    path: "/api/sessions/:sessionId/amendments",
    params: sessionParams,
    body: amendmentRequest,
    response: sessionDetail,
    status: 201,
  }),
};
