import { endpoints, type UpdateUserRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

export function updateUser({ userId, body }: { userId: string; body: UpdateUserRequest }) {
  return apiRequest(endpoints.users.update, { params: { userId }, body });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: (user) => storeChangedUser(queryClient, user),
  });
}
