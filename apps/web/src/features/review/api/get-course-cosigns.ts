import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCourseCoSigns(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.review.coSigns, { params: { courseId }, signal });
}

/** One request per course and page: every co-sign panel on the page (formulation, plan, a session) shares it. */
export const getCourseCoSignsQueryOptions = (courseId: string) =>
  queryOptions({
    // Under the course's record key: any write about the course (a formulation saved, a session
    // amended) reads the co-sign states again, as a change may turn "co-signed" into "changed since".
    queryKey: queryKeys.courses.coSignatures(courseId),
    queryFn: ({ signal }) => getCourseCoSigns(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourseCoSigns(courseId: string) {
  return useQuery(getCourseCoSignsQueryOptions(courseId));
}
