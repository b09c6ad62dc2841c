import { queryOptions, useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../../lib/query-keys";
import { getSession } from "./session";

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.auth.session,
    queryFn: ({ signal }) => getSession(signal),
    // Checked again on navigation at most once a minute, and when the window regains focus.
    staleTime: 60_000,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}
