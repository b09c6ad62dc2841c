import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCourseMeasures(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.measures.get, { params: { courseId }, signal });
}

/** Scores are recorded on session pages, so the course's measures are read again whenever the page opens. */
export const getCourseMeasuresQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.courses.measures(courseId),
    queryFn: ({ signal }) => getCourseMeasures(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourseMeasures(courseId: string) {
  return useQuery(getCourseMeasuresQueryOptions(courseId));
}

/** Drops the cached measures and reads them again (after "changed elsewhere"). */
export function useReloadCourseMeasures(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: queryKeys.courses.measures(courseId) });
}
