// The private calendar feed: a therapist manages their feed's secret URL; calendar apps fetch it with
// no session (the token in the path is the key), rate-limited per address.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import {
  createCalendarFeed,
  fetchCalendarFeed,
  getCalendarFeed,
  revokeCalendarFeed,
} from "../../calendar/feed-service";
import { actorOf } from "../../clinical/access";
import { defineRoute } from "../define-route";
import { errorResponses } from "../responses";

/** Calendar apps poll every few minutes at most; far more from one address is probing for tokens. */
export const CALENDAR_FEED_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

export const calendarRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.calendar.feed,
    {
      config: { policy: "therapist" },
      tags: ["calendar"],
      summary: "Your calendar feed: whether you have one, when it was made and last fetched (never its URL)",
      errors: errorResponses(401, 403),
    },
    async (request) => getCalendarFeed(prisma, actorOf(request)),
  );

  defineRoute(
    app,
    endpoints.calendar.createFeed,
    {
      config: { policy: "therapist" },
      tags: ["calendar"],
      summary:
        "Create your calendar feed, or replace it (the old URL stops at once); the URL is shown only now",
      errors: errorResponses(400, 401, 403),
    },
    async (request) => createCalendarFeed(prisma, actorOf(request), request.body),
  );

  defineRoute(
    app,
    endpoints.calendar.revokeFeed,
    {
      config: { policy: "therapist" },
      tags: ["calendar"],
      summary: "Revoke your calendar feed: its URL answers 404 from now on",
      errors: errorResponses(401, 403),
    },
    async (request) => {
      await revokeCalendarFeed(prisma, actorOf(request));
    },
  );

  defineRoute(
    app,
    endpoints.calendar.download,
    {
      config: { policy: "public", rateLimit: CALENDAR_FEED_RATE_LIMIT },
      tags: ["calendar"],
      summary: "The calendar feed (text/calendar) for calendar apps; an unknown or revoked token answers 404",
      errors: errorResponses(404, 429),
    },
    async (request, reply) => {
      const document = await fetchCalendarFeed(
        prisma,
        request.params.token,
        request.auditContext(),
        request.requestedAt,
      );
      // The string is sent as it is: only JSON answers go through a serializer.
      reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "private, no-store")
        .header("content-disposition", 'attachment; filename="sessions.ics"');
      return document;
    },
  );
};
