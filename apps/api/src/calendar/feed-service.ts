// The private calendar feed: create (or replace), read, revoke, and serve it to calendar apps.
// The token is 256 random bits, handed out once and stored only as its SHA-256 (like login
// sessions), so a leaked row gives no URL. A wrong, malformed or revoked token answers the same 404
// as any unknown URL. Audit rows hold ids only.
import { randomBytes } from "node:crypto";
import {
  addDays,
  CALENDAR_FEED_PATH_PREFIX,
  fromDateColumn,
  toDateColumn,
  todayIn,
  type CalendarFeed,
  type CalendarFeedStatusResponse,
  type CreatedCalendarFeedResponse,
} from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { hashToken } from "../auth/login-sessions";
import { getServiceTimeZone } from "../clinical/measures/settings-read";
import type { Actor } from "../clinical/access";
import type { PrismaClient } from "../db/prisma";
import { AppError } from "../errors/app-error";
import { calendarDocument, type FeedSession } from "./feed-events";

/** 32 bytes in base64url, no padding. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Past sessions stay in the feed this long, so last weeks' calendar keeps them. */
export const FEED_PAST_DAYS = 90;

const feedSelect = { includeClientCode: true, createdAt: true, lastFetchedAt: true } as const;

function feedOf(row: {
  includeClientCode: boolean;
  createdAt: Date;
  lastFetchedAt: Date | null;
}): CalendarFeed {
  return {
    includeClientCode: row.includeClientCode,
    createdAt: row.createdAt.toISOString(),
    lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
  };
}

/** The same answer as an unmatched URL (app.ts), so a token's existence cannot be probed. */
const noFeed = () => new AppError("not_found", "Nothing is here.");

export async function getCalendarFeed(
  prisma: PrismaClient,
  actor: Actor,
): Promise<CalendarFeedStatusResponse> {
  const row = await prisma.calendarFeed.findUnique({ where: { userId: actor.userId }, select: feedSelect });
  return { feed: row ? feedOf(row) : null };
}

/** Creates the feed or replaces its token (the old URL stops at once: its hash is gone). */
export async function createCalendarFeed(
  prisma: PrismaClient,
  actor: Actor,
  request: { includeClientCode: boolean },
): Promise<CreatedCalendarFeedResponse> {
  const token = randomBytes(32).toString("base64url");
  const data = {
    tokenHash: hashToken(token),
    includeClientCode: request.includeClientCode,
    createdAt: actor.now,
    lastFetchedAt: null,
  };
  const row = await prisma.$transaction(async (tx) => {
    const replaced = await tx.calendarFeed.findUnique({
      where: { userId: actor.userId },
      select: { userId: true },
    });
    const saved = await tx.calendarFeed.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, ...data },
      update: data,
      select: feedSelect,
    });
    await recordAudit(tx, actor.audit, {
      action: "calendar_feed.created",
      entityType: "calendar_feed",
      entityId: actor.userId,
      details: { replaced: replaced !== null, includeClientCode: request.includeClientCode },
    });
    return saved;
  });
  return { feed: feedOf(row), path: `${CALENDAR_FEED_PATH_PREFIX}${token}` };
}

export async function revokeCalendarFeed(prisma: PrismaClient, actor: Actor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { userId: actor.userId } });
    if (count === 0) return;
    await recordAudit(tx, actor.audit, {
      action: "calendar_feed.revoked",
      entityType: "calendar_feed",
      entityId: actor.userId,
    });
  });
}

/** The feed's document for a token; 404 (audited as a failure, without the token) otherwise. */
export async function fetchCalendarFeed(
  prisma: PrismaClient,
  token: string,
  audit: AuditContext,
  now: Date,
): Promise<string> {
  const feed = TOKEN.test(token)
    ? await prisma.calendarFeed.findUnique({
        where: { tokenHash: hashToken(token) },
        select: { userId: true, includeClientCode: true },
      })
    : null;
  if (!feed) {
    await recordAudit(prisma, audit, { action: "calendar_feed.fetched", outcome: "failure" });
    throw noFeed();
  }
  const timeZone = await getServiceTimeZone(prisma);
  const from = addDays(todayIn(timeZone, now), -FEED_PAST_DAYS);
  const rows = await prisma.therapySession.findMany({
    where: { course: { client: { therapistId: feed.userId } }, plannedDate: { gte: toDateColumn(from) } },
    select: {
      id: true,
      calendarUid: true,
      number: true,
      plannedDate: true,
      startTime: true,
      durationMinutes: true,
      status: true,
      scheduleSequence: true,
      deletedAt: true,
      course: { select: { clientId: true, plannedSessions: true } },
    },
    orderBy: [{ plannedDate: "asc" }, { startTime: "asc" }, { createdOrder: "asc" }],
  });
  const sessions: FeedSession[] = rows.map((row) => ({
    id: row.id,
    uid: row.calendarUid,
    clientId: row.course.clientId,
    number: row.number,
    plannedSessions: row.course.plannedSessions,
    plannedDate: fromDateColumn(row.plannedDate),
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    status: row.status,
    removed: row.deletedAt !== null,
    scheduleSequence: row.scheduleSequence,
  }));
  await prisma.$transaction(async (tx) => {
    // By the hash again: a feed revoked or replaced meanwhile answers 404 like any other.
    const { count } = await tx.calendarFeed.updateMany({
      where: { userId: feed.userId, tokenHash: hashToken(token) },
      data: { lastFetchedAt: now },
    });
    if (count === 0) throw noFeed();
    await recordAudit(
      tx,
      { ...audit, actorId: feed.userId },
      {
        action: "calendar_feed.fetched",
        entityType: "calendar_feed",
        entityId: feed.userId,
        details: { events: sessions.length },
      },
    );
  });
  return calendarDocument(sessions, { timeZone, includeClientCode: feed.includeClientCode, now });
}
