import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest, isApiError } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

/** `version`: the one last read; a stale one is refused (409). */
export function removePerson({
  clientId,
  personId,
  version,
}: {
  clientId: string;
  personId: string;
  version: number;
}) {
  return apiRequest(endpoints.inventory.removePerson, { params: { clientId, personId }, query: { version } });
}

export function useRemovePerson(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, version }: { personId: string; version: number }) =>
      removePerson({ clientId, personId, version }),
    onSuccess: () => refreshInventory(queryClient, clientId),
    // Changed elsewhere: fetch the latest, so confirming again uses the current version.
    onError: (error) => (isApiError(error, "conflict") ? refreshInventory(queryClient, clientId) : undefined),
  });
}
