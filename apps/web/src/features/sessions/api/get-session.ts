import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getSession(sessionId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.sessions.get, { params: { sessionId }, signal });
}

/** Plan edits on the course page renumber and move sessions, so a session is read again when it opens. */
export const getSessionQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: queryKeys.sessions.record(sessionId),
    queryFn: ({ signal }) => getSession(sessionId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useSession(sessionId: string) {
  return useQuery(getSessionQueryOptions(sessionId));
}

/** Drops the cached session and reads it again (after "changed elsewhere"). */
export function useReloadSession(sessionId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: getSessionQueryOptions(sessionId).queryKey });
}
