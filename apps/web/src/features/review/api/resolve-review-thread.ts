import { endpoints, type ResolveReviewThreadRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterThreadWrite } from "./cache";

export interface ResolveReviewThread {
  threadId: string;
  body: ResolveReviewThreadRequest;
}

/** The course's therapist closes a thread, saying what changed; names the version they read. */
export function resolveReviewThread({ threadId, body }: ResolveReviewThread) {
  return apiRequest(endpoints.review.resolveThread, { params: { threadId }, body });
}

export function useResolveReviewThread() {
  const refresh = useRefreshAfterThreadWrite();
  return useMutation({
    mutationFn: resolveReviewThread,
    onSuccess: (thread) => refresh(thread.courseId),
  });
}
