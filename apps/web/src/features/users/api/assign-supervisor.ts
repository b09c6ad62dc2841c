import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";
import { supervisionParams, type SupervisionLink } from "./supervision-link";

/** Answers with the therapist, whose supervisors list reflects the change. */
export function assignSupervisor(link: SupervisionLink) {
  return apiRequest(endpoints.users.assignSupervisor, { params: supervisionParams(link) });
}

export function useAssignSupervisor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignSupervisor,
    onSuccess: (therapist) => storeChangedUser(queryClient, therapist),
  });
}
