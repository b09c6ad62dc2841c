import { useMutation } from "@tanstack/react-query";
import { apiRequestNoContent } from "../../../lib/api-client";

export function logout() {
  return apiRequestNoContent("/api/auth/logout", { method: "POST" });
}

/** Clearing local state and leaving the page is the app's job (see app/session-guard.ts). */
export function useLogout() {
  return useMutation({ mutationFn: logout });
}
