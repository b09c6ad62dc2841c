import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** Who can read the signed-in therapist's caseload, and every change to that (docs/decisions/025). */
export function getCaseloadAccess(signal?: AbortSignal) {
  return apiRequest(endpoints.account.caseloadAccess, { signal });
}

/** Read again on each visit (an admin can grant or revoke access at any time); one request per visit. */
export const caseloadAccessQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me.caseloadAccess,
    queryFn: ({ signal }) => getCaseloadAccess(signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCaseloadAccess() {
  return useQuery(caseloadAccessQueryOptions());
}
