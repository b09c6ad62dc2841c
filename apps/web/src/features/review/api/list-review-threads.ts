import { endpoints, type ReviewTarget } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** What a list of threads is about: the course's formulation or plan, or one of its sessions. */
export interface ThreadScope {
  courseId: string;
  target: ReviewTarget;
  /** Only for the session target. */
  sessionId?: string | null;
}

export function listReviewThreads({ courseId, target, sessionId }: ThreadScope, signal?: AbortSignal) {
  return apiRequest(endpoints.review.listThreads, {
    params: { courseId },
    query: { target, sessionId: target === "session" ? sessionId : undefined },
    signal,
  });
}

/** Supervisor and therapist write to the same threads from their own pages: read again on each visit. */
export const reviewThreadsQueryOptions = (scope: ThreadScope) =>
  queryOptions({
    queryKey: queryKeys.courses.reviewThreadsOf(scope.courseId, scope.target, scope.sessionId ?? null),
    queryFn: ({ signal }) => listReviewThreads(scope, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useReviewThreads(scope: ThreadScope) {
  return useQuery(reviewThreadsQueryOptions(scope));
}

/** Reads the course's threads again (after "changed elsewhere"). */
export function useReloadReviewThreads(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.courses.reviewThreads(courseId) });
}
