import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest, isApiError } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

/** `version`: the one last read; a stale one is refused (409). */
export function removeLifeEvent({
  clientId,
  eventId,
  version,
}: {
  clientId: string;
  eventId: string;
  version: number;
}) {
  return apiRequest(endpoints.inventory.removeLifeEvent, {
    params: { clientId, eventId },
    query: { version },
  });
}

export function useRemoveLifeEvent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, version }: { eventId: string; version: number }) =>
      removeLifeEvent({ clientId, eventId, version }),
    onSuccess: () => refreshInventory(queryClient, clientId),
    // Changed elsewhere: fetch the latest, so confirming again uses the current version.
    onError: (error) => (isApiError(error, "conflict") ? refreshInventory(queryClient, clientId) : undefined),
  });
}
