import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getAttention(signal?: AbortSignal) {
  return apiRequest(endpoints.attention.list, { signal });
}

/** What waits for the therapist changes on many pages (and by supervisors): read again on each visit. */
export const attentionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.attention.all,
    queryFn: ({ signal }) => getAttention(signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

/** `enabled: false` for users who have no attention list (the navigation asks only for therapists). */
export function useAttention({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...attentionQueryOptions(), enabled });
}
