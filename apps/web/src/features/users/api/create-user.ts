import { endpoints, type CreateUserRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";

export function createUser(body: CreateUserRequest) {
  return apiRequest(endpoints.users.create, { body });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: ({ user }) => storeChangedUser(queryClient, user),
  });
}
