import { endpoints, type SafetyFollowUpRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterMeasureWrite } from "./cache";

export interface RecordFollowUpInput {
  riskFlagId: string;
  body: SafetyFollowUpRequest;
}

/** Records the safety follow-up of a risk flag; the flag stays open until it is resolved. */
export function recordFollowUp({ riskFlagId, body }: RecordFollowUpInput) {
  return apiRequest(endpoints.measures.recordFollowUp, { params: { riskFlagId }, body });
}

export function useRecordFollowUp() {
  const refresh = useRefreshAfterMeasureWrite();
  return useMutation({
    mutationFn: recordFollowUp,
    onSuccess: (flag) => refresh({ courseId: flag.courseId, sessionId: flag.sessionId }),
  });
}
