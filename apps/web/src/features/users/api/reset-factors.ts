import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

/** Removes the account's second factors (a lost phone; audited, asks for step-up). */
export function resetFactors(userId: string) {
  return apiRequest(endpoints.users.resetFactors, { params: { userId } });
}

export function useResetFactors() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetFactors,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
