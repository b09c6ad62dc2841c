import { endpoints, type CreateLifeEventRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

export function addLifeEvent({ clientId, body }: { clientId: string; body: CreateLifeEventRequest }) {
  return apiRequest(endpoints.inventory.addLifeEvent, { params: { clientId }, body });
}

export function useAddLifeEvent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLifeEventRequest) => addLifeEvent({ clientId, body }),
    onSuccess: () => refreshInventory(queryClient, clientId),
  });
}
