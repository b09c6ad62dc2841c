import { endpoints, type SessionResponse } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest, isApiError } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The signed-in session, or null when nobody is signed in (or the session has ended). */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await apiRequest(endpoints.auth.session, { signal });
  } catch (error) {
    if (isApiError(error, "unauthenticated")) return null;
    throw error;
  }
}

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
