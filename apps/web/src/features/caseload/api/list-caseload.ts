import { endpoints, type CaseloadQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type CaseloadParams = Partial<CaseloadQuery>;

export function listCaseload(params: CaseloadParams, signal?: AbortSignal) {
  return apiRequest(endpoints.caseload.list, { query: params, signal });
}

/** Work on other pages changes the caseload, so it is read again whenever it opens. */
export const caseloadQueryOptions = (params: CaseloadParams = {}) =>
  queryOptions({
    queryKey: queryKeys.caseload.list(params),
    queryFn: ({ signal }) => listCaseload(params, signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useCaseload(params: CaseloadParams = {}) {
  // Keep the previous page on screen while the next one loads (no jump to an empty table).
  return useQuery({ ...caseloadQueryOptions(params), placeholderData: keepPreviousData });
}
