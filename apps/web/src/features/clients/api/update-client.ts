import { clientDetail, type UpdateClientRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshCaseload, storeClient } from "./cache";

export function updateClient({ clientId, body }: { clientId: string; body: UpdateClientRequest }) {
  return apiRequest(`/api/clients/${encodeURIComponent(clientId)}`, clientDetail, { method: "PATCH", body });
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
