import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** A supervisor acknowledges a risk flag that escalated to them, so its therapist may resolve it. */
export function acknowledgeRiskFlag(riskFlagId: string) {
  return apiRequest(endpoints.supervision.acknowledgeRiskFlag, { params: { riskFlagId } });
}

/** The risk-flag list and the cockpit (its count at the top) are read again after an acknowledgement. */
export function useAcknowledgeRiskFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeRiskFlag,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.supervision.all }),
  });
}
