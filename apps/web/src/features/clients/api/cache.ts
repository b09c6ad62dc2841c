import type { ClientDetail } from "@ipt/shared";
import type { QueryClient } from "@tanstack/react-query";
import { getClientQueryOptions } from "./get-client";
import { queryKeys } from "../../../lib/query-keys";

/** After a client or course is added: every caseload list may now show it. */
export function refreshCaseload(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: queryKeys.caseload.all });
}

/** A client write answers with the whole client: keep the server's copy. */
export function storeClient(queryClient: QueryClient, client: ClientDetail): void {
  queryClient.setQueryData(getClientQueryOptions(client.id).queryKey, client);
}

/** After a course is opened: the client's list of courses (and status) has changed. */
export function refreshClient(queryClient: QueryClient, clientId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: getClientQueryOptions(clientId).queryKey });
}
