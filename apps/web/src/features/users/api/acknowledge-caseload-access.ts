import { endpoints } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";
import { caseloadAccessQueryOptions } from "./get-caseload-access";

/** Marks every change to who can read the caseload as seen: the history stays, the count goes. */
export function acknowledgeCaseloadAccess() {
  return apiRequest(endpoints.account.acknowledgeCaseloadAccess, {});
}

export function useAcknowledgeCaseloadAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeCaseloadAccess,
    // The changes now read as seen, and the attention list (with the navigation's count) loses them.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseloadAccessQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: queryKeys.attention.all }),
      ]),
  });
}
