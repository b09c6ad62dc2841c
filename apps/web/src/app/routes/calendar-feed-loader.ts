// Loader of the calendar feed page, apart from the page so the router loads the page's component on
// first visit.
import { noop, type QueryClient } from "@tanstack/react-query";
import { calendarFeedQueryOptions } from "../../features/calendar/api/calendar-feed";

export const calendarFeedLoader = (queryClient: QueryClient) => async (): Promise<null> => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(calendarFeedQueryOptions()).catch(noop);
  return null;
};
