import { endpoints, type UpdateClientRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshCaseload, storeClient } from "./cache";

export function updateClient({ clientId, body }: { clientId: string; body: UpdateClientRequest }) {
  return apiRequest(endpoints.clients.update, { params: { clientId }, body });
}

export function useUpdateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateClient,
    onSuccess: (client) => {
      storeClient(queryClient, client);
      return refreshCaseload(queryClient);
    },
  });
}
