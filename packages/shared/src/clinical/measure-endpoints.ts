// Scores and risk flags of a course, its end-of-treatment summary, and the organisation's measurement
// settings (admins).
import { defineEndpoint } from "../api/endpoint";
import { idempotencyKeyHeaders } from "../common/idempotency";
import { courseParams } from "./courses";
import {
  correctMeasureRequest,
  courseMeasures,
  endOfTreatmentSummary,
  measurementSettingsResponse,
  measureParams,
  recordMeasureRequest,
  recordMeasureResponse,
  resolveRiskFlagRequest,
  riskFlagDetail,
  riskFlagParams,
  safetyFollowUpRequest,
  updateMeasurementSettingsRequest,
} from "./measures";

export const measureEndpoints = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/measures",
    params: courseParams,
    response: courseMeasures,
  }),
  record: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/measures",
    headers: idempotencyKeyHeaders,
    params: courseParams,
    body: recordMeasureRequest,
    response: recordMeasureResponse,
    status: 201,
  }),
  correct: defineEndpoint({
    method: "POST",
    path: "/api/measures/:measureId/corrections",
    params: measureParams,
    body: correctMeasureRequest,
    response: recordMeasureResponse,
    status: 201,
  }),
  recordFollowUp: defineEndpoint({
    method: "POST",
    path: "/api/risk-flags/:riskFlagId/follow-ups",
    params: riskFlagParams,
    body: safetyFollowUpRequest,
    response: riskFlagDetail,
    status: 201,
  }),
  resolveRiskFlag: defineEndpoint({
    method: "POST",
    path: "/api/risk-flags/:riskFlagId/resolve",
    params: riskFlagParams,
    body: resolveRiskFlagRequest,
    response: riskFlagDetail,
  }),
};

export const summaryEndpoints = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/end-of-treatment-summary",
    params: courseParams,
    response: endOfTreatmentSummary,
  }),
};

export const settingsEndpoints = {
  measurement: defineEndpoint({
    method: "GET",
    path: "/api/admin/settings/measurement",
    response: measurementSettingsResponse,
  }),
  updateMeasurement: defineEndpoint({
    method: "PUT",
    path: "/api/admin/settings/measurement",
    body: updateMeasurementSettingsRequest,
    response: measurementSettingsResponse,
  }),
};
