import { endpoints, type LoginRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { sessionQueryOptions } from "./get-session";

export function login(body: LoginRequest) {
  return apiRequest(endpoints.auth.login, { body });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Nothing cached for a previous account may survive into this one.
      queryClient.removeQueries();
      queryClient.setQueryData(sessionQueryOptions().queryKey, session);
    },
  });
}
