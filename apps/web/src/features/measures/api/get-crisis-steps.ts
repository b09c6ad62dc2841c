import { endpoints } from "@ipt/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCrisisSteps(signal?: AbortSignal) {
  return apiRequest(endpoints.safety.crisisSteps, { signal });
}

/** An organisation setting: read when first asked for, then kept for the visit. */
export const crisisStepsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.safety.crisisSteps,
    queryFn: ({ signal }) => getCrisisSteps(signal),
    staleTime: 5 * 60_000,
  });

export function useCrisisSteps(enabled: boolean) {
  return useQuery({ ...crisisStepsQueryOptions(), enabled });
}
