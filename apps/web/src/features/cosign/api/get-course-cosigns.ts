import { courseCoSignsResponse } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";

/**
 * Under "courses" with the course's id, so any write about the course (a formulation saved, a
 * session amended) reads the co-sign states again: a change may turn "co-signed" into "changed since".
 */
export const courseCoSignsKey = (courseId: string) => ["courses", "cosigns", courseId] as const;

export function getCourseCoSigns(courseId: string, signal?: AbortSignal) {
  return apiRequest(`/api/courses/${encodeURIComponent(courseId)}/cosignatures`, courseCoSignsResponse, {
    signal,
  });
}

/** One request per course and page: every co-sign panel on the page (formulation, plan, a session) shares it. */
export const getCourseCoSignsQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: courseCoSignsKey(courseId),
    queryFn: ({ signal }) => getCourseCoSigns(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourseCoSigns(courseId: string) {
  return useQuery(getCourseCoSignsQueryOptions(courseId));
}
