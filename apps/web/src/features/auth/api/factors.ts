// The signed-in user's own sign-in factors (docs/decisions/021): list, set up an authenticator app,
// confirm it (answers the recovery codes once), new recovery codes, removal; passkeys.
import { endpoints, type ConfirmTotpRequest } from "@ipt/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";
import { sessionQueryOptions } from "./get-session";
import { registerPasskey } from "./passkeys";

export const factorsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.auth.factors,
    queryFn: ({ signal }) => apiRequest(endpoints.auth.factors, { signal }),
  });

export function useFactors() {
  return useQuery(factorsQueryOptions());
}

export function useBeginTotp() {
  return useMutation({ mutationFn: () => apiRequest(endpoints.auth.beginTotp) });
}

/**
 * After confirming, the session no longer owes enrolment. The factor list is refreshed only once the
 * recovery codes have been saved (`forgetFactors`): refreshed now, the page would swap the codes,
 * shown this once, for the managed factor.
 */
export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmTotpRequest) => apiRequest(endpoints.auth.confirmTotp, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
}

export function useForgetFactors() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.factors });
}

export function useRenewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(endpoints.auth.renewRecoveryCodes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.factors }),
  });
}

export function useRemoveTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(endpoints.auth.removeTotp),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey });
      await queryClient.invalidateQueries({ queryKey: queryKeys.auth.factors });
    },
  });
}

/**
 * Creates and registers a passkey. Like confirming an app, the factor list is refreshed only once
 * any recovery codes (the first factor's) have been saved (`forgetFactors`).
 */
export function useRegisterPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => registerPasskey(name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey }),
  });
}

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (passkeyId: string) => apiRequest(endpoints.auth.removePasskey, { params: { passkeyId } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey });
      await queryClient.invalidateQueries({ queryKey: queryKeys.auth.factors });
    },
  });
}
