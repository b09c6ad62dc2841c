import { adminUser } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

export function reactivateUser(userId: string) {
  return apiRequest(`/api/admin/users/${encodeURIComponent(userId)}/reactivate`, adminUser, {
    method: "POST",
  });
}

export function useReactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateUser,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
