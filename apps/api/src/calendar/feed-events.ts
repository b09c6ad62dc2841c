// A user's sessions as an iCalendar document. Pure: rows in, text out, so the mapping is unit-tested.
// Events carry no client name, initials or clinical words ("Session 7/16"), optionally the client's
// code; their UID is opaque and stable, SEQUENCE grows when a session moves or is cancelled, and
// times are UTC instants worked out from the service's time zone (so DST is the zone's, not ours).
import { createHash } from "node:crypto";
import { fromZoned, type CalendarDate, type SessionStatus, type TimeOfDay } from "@ipt/shared";
import ical, { ICalEventBusyStatus, ICalEventClass, ICalEventStatus } from "ical-generator";

export interface FeedSession {
  id: string;
  /** The event's UID (therapy_sessions.calendar_uid): opaque, stable, kept by a FHIR import. */
  uid: string;
  clientId: string;
  /** Position among the course's counted sessions; null once cancelled. */
  number: number | null;
  plannedSessions: number;
  plannedDate: CalendarDate;
  startTime: TimeOfDay;
  durationMinutes: number;
  status: SessionStatus;
  /** Dropped from the plan (soft-deleted): kept in the feed as cancelled so calendars remove it. */
  removed: boolean;
  /** Bumped on every move or status change (therapy_sessions.schedule_sequence). */
  scheduleSequence: number;
}

export interface FeedOptions {
  timeZone: string;
  includeClientCode: boolean;
  /** DTSTAMP: when the document was made. */
  now: Date;
}

/** Neutral on purpose: a calendar shared with others must not say what kind of sessions these are. */
export const UID_DOMAIN = "session-planner";

/**
 * The UID the feed gave a session before UIDs were stored: what migration 20261207211001 wrote for the
 * sessions it found (the same SQL), so their calendars saw no new events. New sessions get a random
 * one from the database (`therapy_sessions.calendar_uid`'s default), of the same shape.
 */
export function derivedSessionUid(sessionId: string): string {
  const digest = createHash("sha256").update(`calendar-feed:${sessionId}`).digest("hex");
  return `${digest.slice(0, 32)}@${UID_DOMAIN}`;
}

/** The client's code: the first block of the client's random id, as in the record's URL; never a name. */
export function clientCode(clientId: string): string {
  return clientId.slice(0, 8);
}

const isCancelled = (session: FeedSession) => session.removed || session.status === "cancelled";

export function eventSummary(session: FeedSession, includeClientCode: boolean): string {
  const title =
    session.number === null || isCancelled(session)
      ? "Session (cancelled)"
      : `Session ${session.number}/${session.plannedSessions}`;
  return includeClientCode ? `${title} · ${clientCode(session.clientId)}` : title;
}

export function calendarDocument(sessions: readonly FeedSession[], options: FeedOptions): string {
  const calendar = ical({
    name: "Planned sessions",
    prodId: { company: "Session Planner", product: "Calendar feed", language: "EN" },
  });
  for (const session of sessions) {
    const start = fromZoned(session.plannedDate, session.startTime, options.timeZone);
    const cancelled = isCancelled(session);
    calendar.createEvent({
      id: session.uid,
      start,
      end: new Date(start.getTime() + session.durationMinutes * 60_000),
      stamp: options.now,
      // A session dropped from the plan moved no more after its last change: one step past it.
      sequence: session.scheduleSequence + (session.removed ? 1 : 0),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: eventSummary(session, options.includeClientCode),
      class: ICalEventClass.PRIVATE,
      busystatus: cancelled ? ICalEventBusyStatus.FREE : ICalEventBusyStatus.BUSY,
    });
  }
  return calendar.toString();
}
