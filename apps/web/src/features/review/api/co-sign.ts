import { endpoints, type CoSignRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshRecordQueries } from "../../../lib/record-queries";
import { queryKeys } from "../../../lib/query-keys";

export interface CoSign {
  courseId: string;
  body: CoSignRequest;
}

/** A supervisor co-signs the formulation, the plan or a session as recorded now. */
export function coSign({ courseId, body }: CoSign) {
  return apiRequest(endpoints.review.coSign, { params: { courseId }, body });
}

/**
 * Keeps the server's new co-sign states, then reads the course's other queries again: the course
 * detail lists the co-sign gaps before the middle phase, and they may just have closed.
 */
export function useCoSign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: coSign,
    onSuccess: (statuses, { courseId }) => {
      queryClient.setQueryData(queryKeys.courses.coSignatures(courseId), statuses);
      return refreshRecordQueries(queryClient, { courseId });
    },
  });
}
