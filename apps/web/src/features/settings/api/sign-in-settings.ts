import { endpoints, type SignInSettingsResponse, type UpdateSignInSettingsRequest } from "@ipt/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export const signInSettingsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.settings.signIn,
    queryFn: ({ signal }) => apiRequest(endpoints.settings.signIn, { signal }),
  });

export function useSignInSettings() {
  return useQuery(signInSettingsQueryOptions());
}

/** Saves the sign-in settings and keeps the server's copy (with its new version). */
export function useUpdateSignInSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSignInSettingsRequest) => apiRequest(endpoints.settings.updateSignIn, { body }),
    onSuccess: (saved: SignInSettingsResponse) =>
      queryClient.setQueryData(signInSettingsQueryOptions().queryKey, saved),
  });
}
