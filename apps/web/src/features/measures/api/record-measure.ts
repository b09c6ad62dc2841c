import { endpoints, type RecordMeasureRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterMeasureWrite } from "./cache";

export interface RecordMeasureInput {
  courseId: string;
  body: RecordMeasureRequest;
}

/**
 * Records a score at a held session; a PHQ-9 with item 9 above 0 also raises a risk flag. The key
 * names this one submission: sent again, the server answers it instead of storing the score twice.
 */
export function recordMeasure(
  { courseId, body }: RecordMeasureInput,
  idempotencyKey: string = crypto.randomUUID(),
) {
  return apiRequest(endpoints.measures.record, { params: { courseId }, body, idempotencyKey });
}

export function useRecordMeasure() {
  const refresh = useRefreshAfterMeasureWrite();
  return useMutation({
    mutationFn: (input: RecordMeasureInput) => recordMeasure(input),
    // Returned, so the form closes only once the session shows the score (and any risk flag).
    onSuccess: (_result, input) => refresh({ courseId: input.courseId, sessionId: input.body.sessionId }),
  });
}
