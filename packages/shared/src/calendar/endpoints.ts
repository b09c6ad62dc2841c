import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import {
  calendarFeedDocument,
  calendarFeedParams,
  calendarFeedStatusResponse,
  createCalendarFeedRequest,
  createdCalendarFeedResponse,
} from "./calendar";

export const calendarEndpoints = {
  /** The signed-in user's feed, without its secret. */
  feed: defineEndpoint({ method: "GET", path: "/api/calendar/feed", response: calendarFeedStatusResponse }),
  /** Creates the feed, or replaces it: the previous URL stops working at once. */
  createFeed: defineEndpoint({
    method: "POST",
    path: "/api/calendar/feed",
    body: createCalendarFeedRequest,
    response: createdCalendarFeedResponse,
    status: 201,
  }),
  revokeFeed: defineEndpoint({
    method: "DELETE",
    path: "/api/calendar/feed",
    body: noBody,
    response: noContent,
    status: 204,
  }),
  /** The feed itself, for calendar apps: public, the token in the path is the only key. */
  download: defineEndpoint({
    method: "GET",
    path: "/api/calendar/feeds/:token",
    params: calendarFeedParams,
    response: calendarFeedDocument,
  }),
};
