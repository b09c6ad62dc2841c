import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getInventory(clientId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.inventory.get, { params: { clientId }, signal });
}

export const getInventoryQueryOptions = (clientId: string) =>
  queryOptions({
    queryKey: queryKeys.clients.inventory(clientId),
    queryFn: ({ signal }) => getInventory(clientId, signal),
  });

/** `enabled: false` where the reader may not see the inventory (only the client's therapist may). */
export function useInventory(clientId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getInventoryQueryOptions(clientId), enabled });
}

/** Drops the cached inventory and reads it again (after "changed elsewhere"). */
export function useReloadInventory(clientId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries({ queryKey: getInventoryQueryOptions(clientId).queryKey });
}
