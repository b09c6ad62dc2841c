import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function listSupervisionRiskFlags(signal?: AbortSignal) {
  return apiRequest(endpoints.supervision.riskFlags, { signal });
}

/** Flags are raised and resolved by the therapists, so the list is read again whenever it opens. */
export const supervisionRiskFlagsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.supervision.riskFlags,
    queryFn: ({ signal }) => listSupervisionRiskFlags(signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useSupervisionRiskFlags({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...supervisionRiskFlagsQueryOptions(), enabled });
}
