import { endpoints } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export function logout() {
  return apiRequest(endpoints.auth.logout);
}

/** Clearing local state and leaving the page is the app's job (see app/session-guard.ts). */
export function useLogout() {
  return useMutation({ mutationFn: logout });
}
