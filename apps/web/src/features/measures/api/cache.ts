import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { refreshRecordQueries } from "../../../lib/record-queries";

/** What a measures write touched: the course, and the session whose scores or flags changed. */
export interface MeasureWriteScope {
  courseId: string;
  sessionId: string;
}

/**
 * After a score, correction, follow-up or resolution, every page about that course or session
 * changes (the session's scores and flags and whether it can be signed; the course's summary,
 * flags, measures page and end-of-treatment summary), and so do the caseload and the supervisor's lists.
 */
export function refreshAfterMeasureWrite(queryClient: QueryClient, scope: MeasureWriteScope) {
  return refreshRecordQueries(queryClient, scope);
}

export function useRefreshAfterMeasureWrite() {
  const queryClient = useQueryClient();
  return (scope: MeasureWriteScope) => refreshAfterMeasureWrite(queryClient, scope);
}
