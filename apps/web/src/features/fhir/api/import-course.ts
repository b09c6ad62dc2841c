import { endpoints, type FhirImportRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

/** An admin imports a course Bundle for a therapist; the answer is ids only. */
export function useImportCourse() {
  return useMutation({
    mutationFn: (body: FhirImportRequest) => apiRequest(endpoints.fhir.importCourse, { body }),
  });
}
