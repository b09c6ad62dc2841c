import { clientDetail, type CreateClientRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshCaseload, storeClient } from "./cache";

export function createClient(body: CreateClientRequest) {
  return apiRequest("/api/clients", clientDetail, { method: "POST", body });
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClient,
    onSuccess: (client) => {
      storeClient(queryClient, client);
      return refreshCaseload(queryClient);
    },
  });
}
