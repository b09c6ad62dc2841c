import { recordMeasureResponse, type RecordMeasureRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterMeasureWrite } from "./cache";

export interface RecordMeasureInput {
  courseId: string;
  body: RecordMeasureRequest;
}

/** Records a score at a held session; a PHQ-9 with item 9 above 0 also raises a risk flag. */
export function recordMeasure({ courseId, body }: RecordMeasureInput) {
  return apiRequest(`/api/courses/${encodeURIComponent(courseId)}/measures`, recordMeasureResponse, {
    method: "POST",
    body,
  });
}

export function useRecordMeasure() {
  const refresh = useRefreshAfterMeasureWrite();
  return useMutation({
    mutationFn: recordMeasure,
    // Returned, so the form closes only once the session shows the score (and any risk flag).
    onSuccess: (_result, input) => refresh({ courseId: input.courseId, sessionId: input.body.sessionId }),
  });
}
