import { endpoints, type CreateCalendarFeedRequest } from "@ipt/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getCalendarFeed(signal?: AbortSignal) {
  return apiRequest(endpoints.calendar.feed, { signal });
}

/** Read on each visit: "last fetched" changes whenever a calendar app polls. */
export const calendarFeedQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.calendar.feed,
    queryFn: ({ signal }) => getCalendarFeed(signal),
    staleTime: 0,
  });

export function useCalendarFeed() {
  return useQuery(calendarFeedQueryOptions());
}

/** Creates or replaces the feed; the answer holds the secret path, which is never readable again. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCalendarFeedRequest) => apiRequest(endpoints.calendar.createFeed, { body }),
    onSuccess: ({ feed }) => queryClient.setQueryData(queryKeys.calendar.feed, { feed }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(endpoints.calendar.revokeFeed, {}),
    onSuccess: () => queryClient.setQueryData(queryKeys.calendar.feed, { feed: null }),
  });
}
