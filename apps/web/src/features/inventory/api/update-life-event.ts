import { endpoints, type UpdateLifeEventRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

export function updateLifeEvent({
  clientId,
  eventId,
  body,
}: {
  clientId: string;
  eventId: string;
  body: UpdateLifeEventRequest;
}) {
  return apiRequest(endpoints.inventory.updateLifeEvent, { params: { clientId, eventId }, body });
}

export function useUpdateLifeEvent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, body }: { eventId: string; body: UpdateLifeEventRequest }) =>
      updateLifeEvent({ clientId, eventId, body }),
    onSuccess: () => refreshInventory(queryClient, clientId),
  });
}
