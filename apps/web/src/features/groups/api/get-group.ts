import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getGroup(groupId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.groups.get, { params: { groupId }, signal });
}

/** A member's scores and risk flags change on their course's pages: read again on each visit. */
export const getGroupQueryOptions = (groupId: string) =>
  queryOptions({
    queryKey: queryKeys.groups.detail(groupId),
    queryFn: ({ signal }) => getGroup(groupId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useGroup(groupId: string) {
  return useQuery(getGroupQueryOptions(groupId));
}

/** Drops the cached group and reads it again (after "changed elsewhere"). */
export function useReloadGroup(groupId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: getGroupQueryOptions(groupId).queryKey });
}
