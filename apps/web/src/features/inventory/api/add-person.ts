import { endpoints, type CreatePersonRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

export function addPerson({ clientId, body }: { clientId: string; body: CreatePersonRequest }) {
  return apiRequest(endpoints.inventory.addPerson, { params: { clientId }, body });
}

export function useAddPerson(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePersonRequest) => addPerson({ clientId, body }),
    onSuccess: () => refreshInventory(queryClient, clientId),
  });
}
