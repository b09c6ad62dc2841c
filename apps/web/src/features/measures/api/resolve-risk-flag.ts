import { endpoints, type ResolveRiskFlagRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterMeasureWrite } from "./cache";

export interface ResolveRiskFlagInput {
  riskFlagId: string;
  body: ResolveRiskFlagRequest;
}

/** Closes a followed-up risk flag with the clinician's reason. */
export function resolveRiskFlag({ riskFlagId, body }: ResolveRiskFlagInput) {
  return apiRequest(endpoints.measures.resolveRiskFlag, { params: { riskFlagId }, body });
}

export function useResolveRiskFlag() {
  const refresh = useRefreshAfterMeasureWrite();
  return useMutation({
    mutationFn: resolveRiskFlag,
    onSuccess: (flag) => refresh({ courseId: flag.courseId, sessionId: flag.sessionId }),
  });
}
