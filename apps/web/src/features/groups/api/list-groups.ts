import { endpoints, type GroupListQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type GroupListParams = Partial<GroupListQuery>;

export function listGroups(params: GroupListParams, signal?: AbortSignal) {
  return apiRequest(endpoints.groups.list, { query: params, signal });
}

/** Members' risk flags and attendance change on other pages: read again whenever the list opens. */
export const groupListQueryOptions = (params: GroupListParams = {}) =>
  queryOptions({
    queryKey: queryKeys.groups.list(params),
    queryFn: ({ signal }) => listGroups(params, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useGroups(params: GroupListParams = {}) {
  // Keep the previous page on screen while the next one loads.
  return useQuery({ ...groupListQueryOptions(params), placeholderData: keepPreviousData });
}
