import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

/** Blocks sign-in for the account; the server also ends its sessions. */
export function deactivateUser(userId: string) {
  return apiRequest(endpoints.users.deactivate, { params: { userId } });
}

export function useDeactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateUser,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
