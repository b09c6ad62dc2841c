import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

/** Lifts the slowing of the account's sign-in after failed attempts (audited by the server). */
export function unlockSignIn(userId: string) {
  return apiRequest(endpoints.users.unlockSignIn, { params: { userId } });
}

export function useUnlockSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockSignIn,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
