import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { CLINICAL_RECORD_STALE_MS } from "../../../config/app";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getTherapistSummaries(signal?: AbortSignal) {
  return apiRequest(endpoints.supervision.therapistSummaries, { signal });
}

/** Every therapist assigned to the signed-in supervisor, at a glance; read again whenever it opens. */
export const therapistSummariesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.supervision.therapists,
    queryFn: ({ signal }) => getTherapistSummaries(signal),
    staleTime: CLINICAL_RECORD_STALE_MS,
  });

export function useTherapistSummaries() {
  return useQuery(therapistSummariesQueryOptions());
}
