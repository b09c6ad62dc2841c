import type { QueryClient } from "@tanstack/react-query";

/**
 * Lists that summarise every course. Features do not import each other, so these are named by the
 * prefixes of features/clients/api/list-clients.ts (caseload) and the supervision feature.
 */
const summaryListKeys = [["clients", "list"], ["supervision"]] as const;

/**
 * After a write to a clinical record, every page that shows it is read again: queries about a
 * record carry its id in their key (course, session, measures, summary…), and the caseload and the
 * supervisor's lists summarise every course. Resolves once the pages on screen have their new data.
 */
export function refreshRecordQueries(queryClient: QueryClient, ids: readonly string[]): Promise<unknown> {
  const touched: readonly unknown[] = ids;
  return Promise.all([
    queryClient.invalidateQueries({
      predicate: (query) => query.queryKey.some((part) => touched.includes(part)),
    }),
    ...summaryListKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  ]);
}
