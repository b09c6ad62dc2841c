import { endpoints, type CorrectMeasureRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterMeasureWrite } from "./cache";

export interface CorrectMeasureInput {
  courseId: string;
  measureId: string;
  body: CorrectMeasureRequest;
}

/** Records a corrected score; the original stays on record, marked as corrected. */
export function correctMeasure({ measureId, body }: CorrectMeasureInput) {
  return apiRequest(endpoints.measures.correct, { params: { measureId }, body });
}

export function useCorrectMeasure() {
  const refresh = useRefreshAfterMeasureWrite();
  return useMutation({
    mutationFn: correctMeasure,
    onSuccess: (result, input) => refresh({ courseId: input.courseId, sessionId: result.score.sessionId }),
  });
}
