// The private calendar feed: a secret URL per user that calendar apps subscribe to. Its events name no
// client and use no clinical words; only the token in the URL grants access, so it is shown once.
import { z } from "zod";

/** The feed's path under the API; the token is the last segment (base64url, 256 bits). */
export const CALENDAR_FEED_PATH_PREFIX = "/api/calendar/feeds/";

/** What the user sees of their feed; the token itself is never stored, so never shown again. */
export const calendarFeed = z.object({
  includeClientCode: z.boolean(),
  createdAt: z.iso.datetime(),
  /** When a calendar app last fetched the feed; null until it first does. */
  lastFetchedAt: z.iso.datetime().nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeed>;

export const calendarFeedStatusResponse = z.object({ feed: calendarFeed.nullable() });
export type CalendarFeedStatusResponse = z.infer<typeof calendarFeedStatusResponse>;

export const createCalendarFeedRequest = z.strictObject({
  /** Add the client's code (an opaque reference, never a name or initials) to each event. */
  includeClientCode: z.boolean().default(false),
});
export type CreateCalendarFeedRequest = z.input<typeof createCalendarFeedRequest>;

/** The new feed, with its secret path: the only time the token leaves the server. */
export const createdCalendarFeedResponse = z.object({
  feed: calendarFeed,
  path: z.string().startsWith(CALENDAR_FEED_PATH_PREFIX),
});
export type CreatedCalendarFeedResponse = z.infer<typeof createdCalendarFeedResponse>;

/** Any string: a malformed token answers the same 404 as a wrong one, never a 400 that tells them apart. */
export const calendarFeedParams = z.object({ token: z.string() });

/** The feed's body (text/calendar). */
export const calendarFeedDocument = z.string();
