import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getClient(clientId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.clients.get, { params: { clientId }, signal });
}

/** Work on the client's courses changes their list and the client's status: read again on each visit. */
export const getClientQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: queryKeys.clients.detail(clientId),
    queryFn: ({ signal }) => getClient(clientId, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useClient(clientId: string) {
  return useQuery(getClientQueryOptions(clientId));
}

/** Drops the cached client and reads it again (after "changed elsewhere"). */
export function useReloadClient(clientId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: getClientQueryOptions(clientId).queryKey });
}
