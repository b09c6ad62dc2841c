import { endpoints, type ChangePasswordRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { sessionQueryOptions } from "./get-session";

export function changePassword(body: ChangePasswordRequest) {
  return apiRequest(endpoints.auth.changePassword, { body });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // The answer carries a new CSRF token and mustChangePassword: false.
    onSuccess: (session) => queryClient.setQueryData(sessionQueryOptions().queryKey, session),
  });
}
