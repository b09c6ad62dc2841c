import { endpoints, type CockpitQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type CockpitParams = Partial<CockpitQuery>;

export function getCockpit(params: CockpitParams, signal?: AbortSignal) {
  return apiRequest(endpoints.supervision.cockpit, { query: params, signal });
}

/** The supervisees' work changes the cockpit from other accounts, so it is read again whenever it opens. */
export const cockpitQueryOptions = (params: CockpitParams = {}) =>
  queryOptions({
    queryKey: queryKeys.supervision.cockpit(params),
    queryFn: ({ signal }) => getCockpit(params, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCockpit(params: CockpitParams = {}) {
  // Keep the previous page on screen while the next one loads (no jump to an empty table).
  return useQuery({ ...cockpitQueryOptions(params), placeholderData: keepPreviousData });
}
