import { endpoints, type ListAuditEventsQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type ListAuditEventsParams = Partial<ListAuditEventsQuery>;

export function listAuditEvents(params: ListAuditEventsParams, signal?: AbortSignal) {
  return apiRequest(endpoints.audit.list, { query: params, signal });
}

export const listAuditEventsQueryOptions = (params: ListAuditEventsParams = {}) =>
  queryOptions({
    queryKey: queryKeys.audit.list(params),
    queryFn: ({ signal }) => listAuditEvents(params, signal),
    // The log grows with every action anywhere; always show the latest when the page is opened.
    staleTime: 0,
  });

export function useAuditEvents(params: ListAuditEventsParams = {}) {
  return useQuery({ ...listAuditEventsQueryOptions(params), placeholderData: keepPreviousData });
}
