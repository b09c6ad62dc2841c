import type { QueryClient } from "@tanstack/react-query";
import { listClientsQueryOptions } from "./list-clients";

/** After a client or course is added: every caseload list may now show it. */
export function refreshCaseload(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: listClientsQueryOptions().queryKey });
}
