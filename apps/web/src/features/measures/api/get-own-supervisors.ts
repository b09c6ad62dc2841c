import { endpoints } from "@ipt/shared";
import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The signed-in therapist's supervisors, for naming whom a risk was reported to. */
export function useOwnSupervisors(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.me.supervisors,
    queryFn: ({ signal }) => apiRequest(endpoints.account.supervisors, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
