import { endpoints, type OpenReviewThreadRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterThreadWrite } from "./cache";

export interface OpenReviewThread {
  courseId: string;
  body: OpenReviewThreadRequest;
}

/** Opens a comment (anyone on the course) or a change request (supervisors only). */
export function openReviewThread({ courseId, body }: OpenReviewThread) {
  return apiRequest(endpoints.review.openThread, { params: { courseId }, body });
}

export function useOpenReviewThread() {
  const refresh = useRefreshAfterThreadWrite();
  return useMutation({
    mutationFn: openReviewThread,
    onSuccess: (thread) => refresh(thread.courseId),
  });
}
