import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

/** What a clinical write touched: a course, and the session whose record changed (if any). */
export interface RecordScope {
  courseId: string;
  sessionId?: string | undefined;
}

/**
 * After a write to a clinical record, every page that shows it is read again: everything about the
 * course (detail, measures, summary, fidelity, review threads, co-signatures), the session, the
 * lists that summarise every course (the caseload, the supervisor's views) and the therapist's
 * attention list. Resolves once the pages on screen have their new data.
 */
export function refreshRecordQueries(queryClient: QueryClient, { courseId, sessionId }: RecordScope) {
  const keys = [
    queryKeys.courses.record(courseId),
    ...(sessionId ? [queryKeys.sessions.record(sessionId)] : []),
    queryKeys.caseload.all,
    queryKeys.supervision.all,
    queryKeys.attention.all,
  ];
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
