import { useQueryClient } from "@tanstack/react-query";
import { refreshRecordQueries } from "../../../lib/record-queries";

/**
 * After a thread is opened, answered or resolved, everything about its course is read again: the
 * threads themselves, the co-sign status (open change requests block co-signing) and the
 * therapist's attention list.
 */
export function useRefreshAfterThreadWrite() {
  const queryClient = useQueryClient();
  return (courseId: string) => refreshRecordQueries(queryClient, { courseId });
}
