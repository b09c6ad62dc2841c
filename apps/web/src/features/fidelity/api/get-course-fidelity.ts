import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCourseFidelity(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.fidelity.get, { params: { courseId }, signal });
}

/** Ratings are saved on the session pages (by the therapist and by supervisors), so they are read again when a page opens. */
export const getCourseFidelityQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.courses.fidelity(courseId),
    queryFn: ({ signal }) => getCourseFidelity(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourseFidelity(courseId: string) {
  return useQuery(getCourseFidelityQueryOptions(courseId));
}

/** Drops the cached ratings and reads them again (after "changed elsewhere"). */
export function useReloadCourseFidelity(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: queryKeys.courses.fidelity(courseId) });
}
