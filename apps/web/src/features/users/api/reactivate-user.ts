import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

export function reactivateUser(userId: string) {
  return apiRequest(endpoints.users.reactivate, { params: { userId } });
}

export function useReactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateUser,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
