import { defineEndpoint } from "../api/endpoint";
import { fhirBundle, fhirCourseParams, fhirExportQuery, fhirImportRequest, fhirImportResponse } from "./fhir";

export const fhirEndpoints = {
  /** One course as a FHIR R4 Bundle (the therapist, or an assigned supervisor read-only). */
  exportCourse: defineEndpoint({
    method: "GET",
    path: "/api/fhir/courses/:courseId",
    params: fhirCourseParams,
    query: fhirExportQuery,
    response: fhirBundle,
  }),
  /** The therapist's whole caseload: a Bundle whose entries are the course Bundles. */
  exportCaseload: defineEndpoint({
    method: "GET",
    path: "/api/fhir/caseload",
    query: fhirExportQuery,
    response: fhirBundle,
  }),
  /** An admin imports a course Bundle of ours and assigns it to a therapist of this instance. */
  importCourse: defineEndpoint({
    method: "POST",
    path: "/api/admin/fhir/import",
    body: fhirImportRequest,
    response: fhirImportResponse,
    status: 201,
  }),
};
