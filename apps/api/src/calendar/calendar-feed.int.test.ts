// The private calendar feed on real PostgreSQL through the API: create, fetch (parsed back with
// ical.js), revoke, re-create, the same 404 for every wrong token, times across a DST change, SEQUENCE
// on reschedule and the UID (both carried through a FHIR export and import into another instance; a
// second import of the same Bundle gets new UIDs), cancelled sessions kept, the token stored only hashed
// and audited by ids only.
import {
  calendarFeedStatusResponse,
  createdCalendarFeedResponse,
  endpointPath,
  endpoints,
  fhirBundle,
  fhirImportResponse,
  type CourseDetail,
} from "@ipt/shared";
import { readFile } from "node:fs/promises";
import path from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  contract,
  newClient,
  newCourse,
  ok,
  sessionNumbered,
  signedInAs,
  type Clinician,
} from "../../test/helpers/clinical";
import { noteSecret } from "../security/log-scan/sink";
import { hashToken } from "../auth/login-sessions";
import { repoRoot } from "../config/config";
import { derivedSessionUid } from "./feed-events";

// Mid-March 2026: London moves to BST on 29 March, within the course's first sessions.
const now = new Date("2026-03-10T12:00:00.000Z");
const { app, prisma } = await createTestApp({}, undefined, () => now);
/** Another instance, on the same clock: where a FHIR Bundle of the first is imported. */
const other = await createTestApp({}, undefined, () => now);

const FEED = endpoints.calendar.feed.path;

/** A therapist with a course contracted for Mondays at 09:30 from 16 March 2026. */
async function therapistWithPlan() {
  const therapist = await signedInAs(app, prisma, "therapist");
  const client = await newClient(therapist);
  const opened = await newCourse(therapist, client.id);
  const course = asCourse(
    await therapist.put(
      `/api/courses/${opened.id}/contract`,
      contract(opened.version, {
        startDate: "2026-03-16",
        weekday: 1,
        startTime: "09:30",
        sessionMinutes: 50,
      }),
    ),
  );
  return { therapist, client, course };
}

async function createFeed(therapist: Clinician, includeClientCode = false) {
  const created = ok(await therapist.post(FEED, { includeClientCode }), createdCalendarFeedResponse, 201);
  noteSecret(created.path.split("/").at(-1)!);
  return created;
}

const fetchFeed = (path: string) => app.inject({ method: "GET", url: path });

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue("status")),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
}

async function eventsAt(path: string, instance = app) {
  const response = await instance.inject({ method: "GET", url: path });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^text\/calendar/);
  return eventsOf(response.body);
}

const byStart = (events: ReturnType<typeof eventsOf>, start: string) => events.find((e) => e.start === start);

describe("creating and fetching a calendar feed", () => {
  it("shows the URL once, stores only its hash, and serves the therapist's sessions without client details", async () => {
    const { therapist, client, course } = await therapistWithPlan();
    expect(ok(await therapist.get(FEED), calendarFeedStatusResponse)).toEqual({ feed: null });

    const created = await createFeed(therapist);
    const token = created.path.split("/").at(-1)!;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await prisma.calendarFeed.findUniqueOrThrow({ where: { userId: therapist.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const text = (await fetchFeed(created.path)).body;
    const events = eventsOf(text);
    expect(events).toHaveLength(course.plannedSessions);
    expect(events[0]).toMatchObject({ summary: `Session 1/${course.plannedSessions}`, status: "CONFIRMED" });
    for (const words of [
      client.displayName,
      course.id,
      client.id,
      "ipt",
      "therap",
      "psych",
      "depress",
      "grief",
      "dispute",
    ]) {
      expect(text.toLowerCase()).not.toContain(words.toLowerCase());
    }

    // The status shows when it was fetched, never the URL again.
    const status = ok(await therapist.get(FEED), calendarFeedStatusResponse);
    expect(status.feed).toEqual({
      includeClientCode: false,
      createdAt: now.toISOString(),
      lastFetchedAt: now.toISOString(),
    });
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it("adds the client's code when the feed asks for it", async () => {
    const { therapist, client, course } = await therapistWithPlan();
    const created = await createFeed(therapist, true);
    const [first] = await eventsAt(created.path);
    expect(first?.summary).toBe(`Session 1/${course.plannedSessions} · ${client.id.slice(0, 8)}`);
  });

  it("gives UTC times from the service's time zone on either side of the daylight-saving change", async () => {
    const { therapist } = await therapistWithPlan();
    const events = await eventsAt((await createFeed(therapist)).path);
    // Monday 23 March is GMT (09:30Z); Monday 30 March is BST (08:30Z).
    expect(byStart(events, "2026-03-23T09:30:00.000Z")).toMatchObject({ end: "2026-03-23T10:20:00.000Z" });
    expect(byStart(events, "2026-03-30T08:30:00.000Z")).toMatchObject({ end: "2026-03-30T09:20:00.000Z" });
  });

  it("bumps SEQUENCE and keeps the UID when a session is rescheduled, and keeps a cancelled one as cancelled", async () => {
    const { therapist, course } = await therapistWithPlan();
    const created = await createFeed(therapist);
    const before = await eventsAt(created.path);
    const second = byStart(before, "2026-03-23T09:30:00.000Z")!;
    expect(second.sequence).toBe(0);

    const moved = asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/reschedule`, {
        version: course.version,
        sessionId: sessionNumbered(course, 2).id,
        plannedDate: "2026-03-24",
        startTime: "14:00",
      }),
    );
    const afterMove = await eventsAt(created.path);
    expect(afterMove.find((e) => e.uid === second.uid)).toMatchObject({
      start: "2026-03-24T14:00:00.000Z",
      sequence: 1,
      status: "CONFIRMED",
    });

    const third = sessionNumbered(moved, 3);
    const cancelled: CourseDetail = asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
        version: moved.version,
        sessionId: third.id,
        reason: "Invented: the client is away",
        replace: true,
      }),
    );
    expect(cancelled.sessions.find((s) => s.id === third.id)?.status).toBe("cancelled");
    const afterCancel = await eventsAt(created.path);
    const thirdUid = before.find((e) => e.start === "2026-03-30T08:30:00.000Z")!.uid;
    expect(afterCancel.find((e) => e.uid === thirdUid)).toMatchObject({
      status: "CANCELLED",
      sequence: 1,
      summary: "Session (cancelled)",
    });
    expect(afterCancel.map((e) => e.summary).join()).not.toContain("away");
  });

  it("continues SEQUENCE for a course that left in a FHIR Bundle and was imported", async () => {
    const { therapist, course } = await therapistWithPlan();
    const moved = asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/reschedule`, {
        version: course.version,
        sessionId: sessionNumbered(course, 2).id,
        plannedDate: "2026-03-24",
        startTime: "14:00",
      }),
    );
    const again = asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/reschedule`, {
        version: moved.version,
        sessionId: sessionNumbered(course, 2).id,
        plannedDate: "2026-03-25",
        startTime: "15:00",
      }),
    );
    asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
        version: again.version,
        sessionId: sessionNumbered(again, 3).id,
        reason: "Invented: the client is away",
        replace: true,
      }),
    );
    const bundle = ok(
      await therapist.get(endpointPath(endpoints.fhir.exportCourse, { courseId: course.id })),
      fhirBundle,
    );
    const admin = await signedInAs(app, prisma, "admin");
    const receiver = await signedInAs(app, prisma, "therapist");
    const imported = ok(
      await admin.post(endpointPath(endpoints.fhir.importCourse), { therapistId: receiver.id, bundle }),
      fhirImportResponse,
      201,
    );

    const created = await createFeed(receiver);
    const events = await eventsAt(created.path);
    expect(byStart(events, "2026-03-25T15:00:00.000Z")).toMatchObject({ sequence: 2, status: "CONFIRMED" });
    expect(byStart(events, "2026-03-30T08:30:00.000Z")).toMatchObject({ sequence: 1, status: "CANCELLED" });
    expect(byStart(events, "2026-03-16T09:30:00.000Z")).toMatchObject({ sequence: 0 });

    // Moved once more here, the session's event goes on from where the other instance left it.
    const here = asCourse(
      await receiver.get(endpointPath(endpoints.courses.get, { courseId: imported.courseId })),
    );
    const session = here.sessions.find((s) => s.plannedDate === "2026-03-25");
    asCourse(
      await receiver.post(
        endpointPath(endpoints.courses.rescheduleSession, { courseId: imported.courseId }),
        {
          version: here.version,
          sessionId: session?.id,
          plannedDate: "2026-03-26",
          startTime: "15:00",
        },
      ),
    );
    const later = await eventsAt(created.path);
    expect(byStart(later, "2026-03-26T15:00:00.000Z")).toMatchObject({ sequence: 3 });
  });

  it("keeps each session's UID through a FHIR export and import into another instance; a second import of the Bundle gets new ones", async () => {
    const { therapist, course } = await therapistWithPlan();
    const sourceEvents = await eventsAt((await createFeed(therapist)).path);
    const bundle = ok(
      await therapist.get(endpointPath(endpoints.fhir.exportCourse, { courseId: course.id })),
      fhirBundle,
    );
    const admin = await signedInAs(other.app, other.prisma, "admin");
    const importTo = async (receiver: Clinician) => {
      ok(
        await admin.post(endpointPath(endpoints.fhir.importCourse), { therapistId: receiver.id, bundle }),
        fhirImportResponse,
        201,
      );
      const created = ok(
        await receiver.post(FEED, { includeClientCode: false }),
        createdCalendarFeedResponse,
        201,
      );
      noteSecret(created.path.split("/").at(-1)!);
      return eventsAt(created.path, other.app);
    };
    const uids = (events: ReturnType<typeof eventsOf>) => events.map((e) => [e.start, e.uid]);

    // The receiving therapist's feed gives the same events: same UIDs, same times.
    const first = await importTo(await signedInAs(other.app, other.prisma, "therapist"));
    expect(sourceEvents.length).toBeGreaterThan(0);
    expect(uids(first)).toEqual(uids(sourceEvents));

    // The same Bundle again (a duplicate client): its events are new ones, so no two events of this
    // instance share a UID; the first import's keep theirs.
    const second = await importTo(await signedInAs(other.app, other.prisma, "therapist"));
    expect(second.map((e) => e.start)).toEqual(first.map((e) => e.start));
    expect(second.filter((e) => first.some((f) => f.uid === e.uid))).toEqual([]);
    expect(new Set(second.map((e) => e.uid)).size).toBe(second.length);
    expect(second.every((e) => /^[0-9a-f]{32}@session-planner$/.test(e.uid))).toBe(true);

    // Back into the instance it came from, beside the original: new UIDs there too.
    const receiver = await signedInAs(app, prisma, "therapist");
    ok(
      await (
        await signedInAs(app, prisma, "admin")
      ).post(endpointPath(endpoints.fhir.importCourse), {
        therapistId: receiver.id,
        bundle,
      }),
      fhirImportResponse,
      201,
    );
    const back = await eventsAt((await createFeed(receiver)).path);
    expect(back.filter((e) => sourceEvents.some((s) => s.uid === e.uid))).toEqual([]);
  });

  it("gave the sessions it found the UID the feed derived before UIDs were stored (the migration's SQL)", async () => {
    await therapistWithPlan();
    const migration = await readFile(
      path.join(repoRoot, "prisma/migrations/20261207211001_session_calendar_uid/migration.sql"),
      "utf8",
    );
    const update = /UPDATE "therapy_sessions"[^;]+;/.exec(migration)?.[0];
    expect(update).toBeDefined();
    const rolledBack = new Error("rolled back");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(update ?? "");
        const rows = await tx.therapySession.findMany({ select: { id: true, calendarUid: true } });
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.map((row) => row.calendarUid)).toEqual(rows.map((row) => derivedSessionUid(row.id)));
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });

  it("lists only the feed owner's sessions", async () => {
    const { therapist, course } = await therapistWithPlan();
    await therapistWithPlan();
    const events = await eventsAt((await createFeed(therapist)).path);
    expect(events).toHaveLength(course.plannedSessions);
  });
});

describe("revoking and re-creating", () => {
  it("stops the old URL at once on revoke and on re-create, and the new one works", async () => {
    const { therapist } = await therapistWithPlan();
    const first = await createFeed(therapist);
    expect((await fetchFeed(first.path)).statusCode).toBe(200);

    const second = await createFeed(therapist);
    expect(second.path).not.toBe(first.path);
    expect(second.feed.lastFetchedAt).toBeNull();
    const stale = await fetchFeed(first.path);
    expect(stale.statusCode).toBe(404);
    expect((await fetchFeed(second.path)).statusCode).toBe(200);

    const revoked = await therapist.delete(FEED);
    expect(revoked.statusCode).toBe(204);
    expect((await fetchFeed(second.path)).statusCode).toBe(404);
    expect(ok(await therapist.get(FEED), calendarFeedStatusResponse)).toEqual({ feed: null });
    expect(await prisma.calendarFeed.count({ where: { userId: therapist.id } })).toBe(0);

    const third = await createFeed(therapist);
    expect((await fetchFeed(third.path)).statusCode).toBe(200);
  });

  // (A segment over Fastify's 100-character parameter limit is refused as an invalid address, as on
  // every route: it says nothing about any real token.)
  it("answers a wrong, malformed or revoked token exactly as any unknown URL", async () => {
    const { therapist } = await therapistWithPlan();
    const created = await createFeed(therapist);
    await therapist.delete(FEED);
    const unknown = await app.inject({ method: "GET", url: "/api/no-such-thing" });
    const answers = await Promise.all(
      [
        created.path,
        `/api/calendar/feeds/${"A".repeat(43)}`,
        "/api/calendar/feeds/short",
        `/api/calendar/feeds/${"x".repeat(90)}`,
      ].map(fetchFeed),
    );
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(404);
      const { requestId: _unknownId, ...expected } = unknown.json<{ error: { requestId: string } }>().error;
      const { requestId: _answerId, ...got } = answer.json<{ error: { requestId: string } }>().error;
      expect(got).toEqual(expected);
      expect(answer.headers["content-type"]).toBe(unknown.headers["content-type"]);
    }
  });
});

describe("the feed's audit and limits", () => {
  it("audits creation, fetches, refusals and revocation with ids only", async () => {
    const { therapist } = await therapistWithPlan();
    const created = await createFeed(therapist);
    await fetchFeed(created.path);
    await therapist.delete(FEED);
    await fetchFeed(created.path);

    const events = await prisma.auditEvent.findMany({
      where: { action: { startsWith: "calendar_feed." }, OR: [{ actorId: therapist.id }, { actorId: null }] },
      orderBy: { id: "asc" },
    });
    const mine = events.filter((e) => e.actorId === therapist.id);
    expect(mine.map((e) => [e.action, e.outcome, e.entityId])).toEqual([
      ["calendar_feed.created", "success", therapist.id],
      ["calendar_feed.fetched", "success", therapist.id],
      ["calendar_feed.revoked", "success", therapist.id],
    ]);
    expect(events.at(-1)).toMatchObject({
      action: "calendar_feed.fetched",
      outcome: "failure",
      actorId: null,
    });
    const token = created.path.split("/").at(-1)!;
    expect(JSON.stringify(events, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      token,
    );
  });

  it("refuses bad input naming the field and changes nothing", async () => {
    const therapist = await signedInAs(app, prisma, "therapist");
    const response = await therapist.post(FEED, { includeClientCode: "yes" });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain("body.includeClientCode");
    expect(await prisma.calendarFeed.count({ where: { userId: therapist.id } })).toBe(0);
  });

  it("rate-limits fetches from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      statuses.push(
        (
          await app.inject({
            method: "GET",
            url: "/api/calendar/feeds/limit-probe",
            remoteAddress: "203.0.113.9",
          })
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
