import { endpoints, type CreateClientRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshCaseload, storeClient } from "./cache";

/**
 * Adds a client. The key names this one submission of the form (a new one each time it is called):
 * should the request be sent again, the server answers it instead of adding the client twice.
 */
export function createClient(body: CreateClientRequest, idempotencyKey: string = crypto.randomUUID()) {
  return apiRequest(endpoints.clients.create, { body, idempotencyKey });
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClientRequest) => createClient(body),
    onSuccess: (client) => {
      storeClient(queryClient, client);
      return refreshCaseload(queryClient);
    },
  });
}
