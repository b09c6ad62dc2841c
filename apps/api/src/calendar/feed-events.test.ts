// The feed's mapping, read back with an independent parser (ical.js), never by matching our own text.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarDocument, clientCode, derivedSessionUid, type FeedSession } from "./feed-events";

const CLIENT_ID = "3f9a2b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c";
const NOW = new Date("2026-03-20T12:00:00.000Z");

const session = (overrides: Partial<FeedSession> = {}): FeedSession => ({
  id: "6a1f0c2e-1111-4222-8333-944455556666",
  uid: derivedSessionUid(overrides.id ?? "6a1f0c2e-1111-4222-8333-944455556666"),
  clientId: CLIENT_ID,
  number: 7,
  plannedSessions: 16,
  plannedDate: "2026-03-23",
  startTime: "09:30",
  durationMinutes: 50,
  status: "planned",
  removed: false,
  scheduleSequence: 0,
  ...overrides,
});

/** The events as ical.js reads them. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startIsUtc: event.startDate.zone === ICAL.Timezone.utcTimezone,
      description: component.getFirstPropertyValue("description"),
      location: component.getFirstPropertyValue("location"),
    };
  });
}

const feed = (sessions: FeedSession[], options: { timeZone?: string; includeClientCode?: boolean } = {}) =>
  parse(
    calendarDocument(sessions, {
      timeZone: options.timeZone ?? "Europe/London",
      includeClientCode: options.includeClientCode ?? false,
      now: NOW,
    }),
  );

describe("calendar feed events", () => {
  it("name the session's place in the course and nothing about the client by default", () => {
    const [event] = feed([session()]);
    expect(event?.summary).toBe("Session 7/16");
    expect(event?.description).toBeNull();
    expect(event?.location).toBeNull();
  });

  it("add the client's code, never a name, when the feed asks for it", () => {
    const [event] = feed([session()], { includeClientCode: true });
    expect(event?.summary).toBe("Session 7/16 · 3f9a2b1c");
    expect(clientCode(CLIENT_ID)).toBe("3f9a2b1c");
  });

  it("carry the session's stored UID, which does not reveal its id and stays when it moves", () => {
    const first = feed([session()])[0]?.uid;
    const again = feed([session({ plannedDate: "2026-03-30", scheduleSequence: 1 })])[0]?.uid;
    expect(first).toBe(session().uid);
    expect(again).toBe(first);
    expect(first).not.toContain("6a1f0c2e");
    expect(feed([session({ id: "7b2f0c2e-1111-4222-8333-944455556666" })])[0]?.uid).not.toBe(first);
    // An imported session's UID (kept from the Bundle) is given as stored.
    const kept = "0123456789abcdef0123456789abcdef@session-planner";
    expect(feed([session({ uid: kept })])[0]?.uid).toBe(kept);
  });

  it("start and end in UTC from the service's time zone, on either side of a daylight-saving change", () => {
    // London moves to BST on 29 March 2026: 09:30 is 09:30Z before and 08:30Z after.
    const [before, after] = feed([
      session({ plannedDate: "2026-03-23" }),
      session({ id: "7b2f0c2e-1111-4222-8333-944455556666", number: 8, plannedDate: "2026-03-30" }),
    ]);
    expect(before).toMatchObject({
      start: "2026-03-23T09:30:00.000Z",
      end: "2026-03-23T10:20:00.000Z",
      startIsUtc: true,
    });
    expect(after).toMatchObject({
      start: "2026-03-30T08:30:00.000Z",
      end: "2026-03-30T09:20:00.000Z",
      startIsUtc: true,
    });
  });

  it("use the zone of the service, not of the server", () => {
    const [event] = feed([session({ startTime: "18:00", durationMinutes: 60 })], {
      timeZone: "America/New_York",
    });
    // New York is on EDT (UTC−4) from 8 March 2026.
    expect(event).toMatchObject({ start: "2026-03-23T22:00:00.000Z", end: "2026-03-23T23:00:00.000Z" });
  });

  it("carry the schedule sequence, so a moved session replaces the old one", () => {
    expect(feed([session({ scheduleSequence: 3 })])[0]?.sequence).toBe(3);
  });

  it("keep cancelled and dropped sessions as cancelled events, one step later when dropped", () => {
    const [cancelled, dropped] = feed([
      session({ number: null, status: "cancelled", scheduleSequence: 1 }),
      session({ id: "7b2f0c2e-1111-4222-8333-944455556666", removed: true, scheduleSequence: 2 }),
    ]);
    expect(cancelled).toMatchObject({ status: "CANCELLED", sequence: 1, summary: "Session (cancelled)" });
    expect(dropped).toMatchObject({ status: "CANCELLED", sequence: 3, summary: "Session (cancelled)" });
  });

  it("mark held sessions and planned ones as confirmed", () => {
    const statuses = feed([
      session(),
      session({ id: "7b2f0c2e-1111-4222-8333-944455556666", status: "held" }),
    ]).map((event) => event.status);
    expect(statuses).toEqual(["CONFIRMED", "CONFIRMED"]);
  });

  it("is an empty calendar when there are no sessions", () => {
    expect(feed([])).toEqual([]);
  });
});
