import { courseFidelity } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";

/** Under "courses" with the course's id, so a write about the course refreshes it too. */
export const courseFidelityKey = (courseId: string) => ["courses", "fidelity", courseId] as const;

export function getCourseFidelity(courseId: string, signal?: AbortSignal) {
  return apiRequest(`/api/courses/${encodeURIComponent(courseId)}/fidelity`, courseFidelity, { signal });
}

/** Ratings are saved on the session pages (by the therapist and by supervisors), so they are read again when a page opens. */
export const getCourseFidelityQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: courseFidelityKey(courseId),
    queryFn: ({ signal }) => getCourseFidelity(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourseFidelity(courseId: string) {
  return useQuery(getCourseFidelityQueryOptions(courseId));
}

/** Drops the cached ratings and reads them again (after "changed elsewhere"). */
export function useReloadCourseFidelity(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: courseFidelityKey(courseId) });
}
