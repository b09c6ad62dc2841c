import { useQueryClient, type QueryClient } from "@tanstack/react-query";

/** The course's measures page. */
export const courseMeasuresKey = (courseId: string) => ["courses", "measures", courseId] as const;

/**
 * Lists that summarise every course. Features do not import each other, so these are named by the
 * prefixes of features/clients/api/list-clients.ts (caseload) and the supervision feature.
 */
const summaryListKeys = [["clients", "list"], ["supervision"]] as const;

/** What a measures write touched: the course, and the session whose scores or flags changed. */
export interface MeasureWriteScope {
  courseId: string;
  sessionId: string;
}

/**
 * After a score, correction, follow-up or resolution, every page about that course or session
 * changes (the session's scores and flags and whether it can be signed; the course's summary,
 * flags, measures page and end-of-treatment summary), and so do the caseload and the supervisor's
 * lists. Such queries carry the record's id in their key. Resolves once the pages on screen have
 * their new data, so the caller can move focus to what appeared.
 */
export function refreshAfterMeasureWrite(
  queryClient: QueryClient,
  scope: MeasureWriteScope,
): Promise<unknown> {
  const ids: readonly unknown[] = [scope.courseId, scope.sessionId];
  return Promise.all([
    queryClient.invalidateQueries({
      predicate: (query) => query.queryKey.some((part) => ids.includes(part)),
    }),
    ...summaryListKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  ]);
}

export function useRefreshAfterMeasureWrite() {
  const queryClient = useQueryClient();
  return (scope: MeasureWriteScope) => refreshAfterMeasureWrite(queryClient, scope);
}
