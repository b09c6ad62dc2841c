import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { storeChangedUser } from "./cache";
import { supervisionParams, type SupervisionLink } from "./supervision-link";

const removeEndpoint = endpoints.users.removeSupervisor;

/** Answers with the therapist, whose supervisors list reflects the change. */
export function removeSupervisor(link: SupervisionLink) {
  // Named explicitly: TypeScript 7.0 infers assignSupervisor here, the same endpoint but for its method.
  return apiRequest<typeof removeEndpoint>(removeEndpoint, { params: supervisionParams(link) });
}

export function useRemoveSupervisor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeSupervisor,
    onSuccess: (therapist) => storeChangedUser(queryClient, therapist),
  });
}
