import { endpoints, type ReviewReplyRequest } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { useRefreshAfterThreadWrite } from "./cache";

export interface ReplyReviewThread {
  threadId: string;
  body: ReviewReplyRequest;
}

/** Adds a message to an open thread; answers with the whole thread. */
export function replyReviewThread({ threadId, body }: ReplyReviewThread) {
  return apiRequest(endpoints.review.replyToThread, { params: { threadId }, body });
}

export function useReplyReviewThread() {
  const refresh = useRefreshAfterThreadWrite();
  return useMutation({
    mutationFn: replyReviewThread,
    onSuccess: (thread) => refresh(thread.courseId),
  });
}
