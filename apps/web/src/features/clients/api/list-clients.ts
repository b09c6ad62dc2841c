import { caseloadResponse, type CaseloadQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";

export type ListClientsParams = Partial<CaseloadQuery>;

export function listClients(params: ListClientsParams, signal?: AbortSignal) {
  return apiRequest("/api/clients", caseloadResponse, { query: params, signal });
}

/**
 * `listClientsQueryOptions().queryKey` (no params) partially matches every caseload list. Work on
 * other pages changes the caseload, so it is read again whenever it opens.
 */
export const listClientsQueryOptions = (params: ListClientsParams = {}) =>
  queryOptions({
    queryKey: ["clients", "list", params],
    queryFn: ({ signal }) => listClients(params, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useClients(params: ListClientsParams = {}) {
  // Keep the previous page on screen while the next one loads (no jump to an empty table).
  return useQuery({ ...listClientsQueryOptions(params), placeholderData: keepPreviousData });
}
