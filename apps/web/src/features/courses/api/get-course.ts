import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCourse(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.courses.get, { params: { courseId }, signal });
}

/** Sessions recorded on their own pages change the course, so it is read again whenever a page opens. */
export const getCourseQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.courses.detail(courseId),
    queryFn: ({ signal }) => getCourse(courseId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCourse(courseId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getCourseQueryOptions(courseId), enabled });
}

/** Drops the cached course and reads it again (after "changed elsewhere"). */
export function useReloadCourse(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: getCourseQueryOptions(courseId).queryKey });
}

/** Reads the course again in the background (after a change elsewhere that affects its checks). */
export function useRefreshCourse(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: getCourseQueryOptions(courseId).queryKey });
}
