import type { QueryClient } from "@tanstack/react-query";
import { getInventoryQueryOptions } from "./get-inventory";

/** After any change to a client's people or life events, read the whole inventory again. */
export function refreshInventory(queryClient: QueryClient, clientId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: getInventoryQueryOptions(clientId).queryKey });
}
