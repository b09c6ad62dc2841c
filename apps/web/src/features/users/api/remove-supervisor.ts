import { adminUser } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";
import { supervisionPath, type SupervisionLink } from "./supervision-link";

/** Answers with the therapist, whose supervisors list reflects the change. */
export function removeSupervisor(link: SupervisionLink) {
  return apiRequest(supervisionPath(link), adminUser, { method: "DELETE" });
}

export function useRemoveSupervisor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeSupervisor,
    onSuccess: (therapist) => storeChangedUser(queryClient, therapist),
  });
}
