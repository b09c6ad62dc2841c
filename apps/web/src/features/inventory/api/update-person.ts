import { inventoryPerson, type UpdatePersonRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshInventory } from "./cache";
import { inventoryPath } from "./get-inventory";

export function updatePerson({
  clientId,
  personId,
  body,
}: {
  clientId: string;
  personId: string;
  body: UpdatePersonRequest;
}) {
  return apiRequest(inventoryPath(clientId, `/people/${encodeURIComponent(personId)}`), inventoryPerson, {
    method: "PATCH",
    body,
  });
}

export function useUpdatePerson(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: UpdatePersonRequest }) =>
      updatePerson({ clientId, personId, body }),
    onSuccess: () => refreshInventory(queryClient, clientId),
  });
}
