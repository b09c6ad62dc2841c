import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, UnexpectedResponseError } from "../lib/api-client";

/** Retrying cannot fix a 4xx answer or a body that breaks the contract; a 5xx or a dropped connection might. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  if (error instanceof UnexpectedResponseError) return false;
  return failureCount < 2;
}

/** `onApiError` sees every failed query and mutation (session expiry, forced password change…). */
export function createQueryClient(onApiError: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
      },
      mutations: {
        retry: false,
      },
    },
  });
}
