import { endpoints, type UpdatePersonRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshInventory } from "./cache";

export function updatePerson({
  clientId,
  personId,
  body,
}: {
  clientId: string;
  personId: string;
  body: UpdatePersonRequest;
}) {
  return apiRequest(endpoints.inventory.updatePerson, { params: { clientId, personId }, body });
}

export function useUpdatePerson(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: UpdatePersonRequest }) =>
      updatePerson({ clientId, personId, body }),
    onSuccess: () => refreshInventory(queryClient, clientId),
  });
}
