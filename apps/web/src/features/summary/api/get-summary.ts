import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getEndOfTreatmentSummary(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.summary.get, { params: { courseId }, signal });
}

/** Scores and the course change on other pages, so the summary is read again whenever it opens. */
export const getEndOfTreatmentSummaryQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.courses.summary(courseId),
    queryFn: ({ signal }) => getEndOfTreatmentSummary(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useEndOfTreatmentSummary(courseId: string) {
  return useQuery(getEndOfTreatmentSummaryQueryOptions(courseId));
}
