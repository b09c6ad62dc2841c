// Sessions have a start time and a length: the contract sets the weekday and the time of day (in the
// service's time zone), adding and rescheduling carry a time, and the plan orders sessions on one date
// by time. Real PostgreSQL through the API.
import {
  defaultMeasurementSettings,
  defaultSafetySettings,
  defaultSupervisionSettings,
  measurementSettingsResponse,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  contract,
  newClient,
  newCourse,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const plan = (therapist: Clinician, courseId: string, edit: "sessions" | "reschedule", body: object) =>
  therapist.post(`/api/courses/${courseId}/plan/${edit}`, body);

/** A therapist's new course with its contract agreed on `terms` (the other steps not needed). */
async function contracted(terms: Parameters<typeof contract>[1]) {
  const therapist = await signedInAs(app, prisma, "therapist");
  const opened = await newCourse(therapist, (await newClient(therapist)).id);
  const course = asCourse(
    await therapist.put(`/api/courses/${opened.id}/contract`, contract(opened.version, terms)),
  );
  return { therapist, course };
}

const when = (course: { sessions: { number: number | null; plannedDate: string; startTime: string }[] }) =>
  course.sessions.filter((s) => s.number !== null).map((s) => [s.number, s.plannedDate, s.startTime]);

describe("the contract's weekday and time", () => {
  it("puts every session on the weekday at the time, with the contract's length, and says when each starts", async () => {
    // Monday 5 January is not a Thursday: the first session is Thursday 8 January.
    const { therapist, course } = await contracted({
      startDate: "2026-01-05",
      weekday: 4,
      startTime: "16:15",
      sessionMinutes: 45,
    });
    expect(course).toMatchObject({ startDate: "2026-01-08", sessionWeekday: 4, sessionTime: "16:15" });
    expect(when(course).slice(0, 3)).toEqual([
      [1, "2026-01-08", "16:15"],
      [2, "2026-01-15", "16:15"],
      [3, "2026-01-22", "16:15"],
    ]);
    expect(course.sessions.every((s) => s.durationMinutes === 45)).toBe(true);
    // Europe/London (the default zone) is on GMT in January: 16:15 local is 16:15 UTC.
    expect(sessionNumbered(course, 1).startsAt).toBe("2026-01-08T16:15:00.000Z");
    expect(course.nextSession).toMatchObject({ plannedDate: "2026-01-08", startTime: "16:15" });
    const first = asSession(await therapist.get(`/api/sessions/${sessionNumbered(course, 1).id}`));
    expect(first).toMatchObject({ plannedDate: "2026-01-08", startTime: "16:15", durationMinutes: 45 });
    expect(course.planChanges[0]?.summary).toBe("Plan of 12 weekly sessions from 2026-01-08 at 16:15");
  });

  it("says when a session starts in the service's zone, across a DST change", async () => {
    // Weekly Mondays at 09:00 from 2 March: London moves to BST on 29 March.
    const { course } = await contracted({ startDate: "2026-03-02", weekday: 1, startTime: "09:00" });
    expect(sessionNumbered(course, 4)).toMatchObject({
      plannedDate: "2026-03-23",
      startsAt: "2026-03-23T09:00:00.000Z",
    });
    expect(sessionNumbered(course, 5)).toMatchObject({
      plannedDate: "2026-03-30",
      startsAt: "2026-03-30T08:00:00.000Z",
    });

    const admin = await signedInAs(app, prisma, "admin");
    const URL = "/api/admin/settings/measurement";
    const { version } = ok(await admin.get(URL), measurementSettingsResponse);
    const service = (timeZone: string, at: number) =>
      admin.put(URL, {
        version: at,
        settings: defaultMeasurementSettings,
        supervision: defaultSupervisionSettings,
        service: { timeZone },
        safety: defaultSafetySettings,
      });
    ok(await service("Australia/Sydney", version), measurementSettingsResponse);
    try {
      const { course: sydney } = await contracted({
        startDate: "2026-03-30",
        weekday: 1,
        startTime: "09:00",
      });
      // Sydney leaves daylight time on 5 April: 09:00 is 22:00 UTC the day before, then 23:00.
      expect(sessionNumbered(sydney, 1).startsAt).toBe("2026-03-29T22:00:00.000Z");
      expect(sessionNumbered(sydney, 2).startsAt).toBe("2026-04-05T23:00:00.000Z");
    } finally {
      ok(await service("Europe/London", version + 1), measurementSettingsResponse);
    }
  });

  it("refuses a time or a weekday that is not one: 400 naming each, and generates nothing", async () => {
    const therapist = await signedInAs(app, prisma, "therapist");
    const opened = await newCourse(therapist, (await newClient(therapist)).id);
    const error = expectApiError(
      await therapist.put(`/api/courses/${opened.id}/contract`, {
        ...contract(opened.version),
        weekday: 8,
        startTime: "24:00",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error).sort()).toEqual(["body.startTime", "body.weekday"]);
    expect(await prisma.therapySession.count({ where: { courseId: opened.id } })).toBe(0);
  });
});

describe("adding and rescheduling carry the time", () => {
  it("an added session takes the contract's weekday and time unless given its own", async () => {
    const { therapist, course } = await contracted({
      startDate: "2026-01-05",
      weekday: 1,
      startTime: "10:00",
    });
    const appended = asCourse(await plan(therapist, course.id, "sessions", { version: course.version }));
    expect(when(appended).at(-1)).toEqual([13, "2026-03-30", "10:00"]);
    expect(appended.planChanges[0]?.summary).toBe(
      "Session 13 added on 2026-03-30 at 10:00; the plan now has 13 sessions",
    );

    // The same day as session 5 (2 February), earlier: it comes first.
    const early = asCourse(
      await plan(therapist, course.id, "sessions", {
        version: appended.version,
        plannedDate: "2026-02-02",
        startTime: "08:15",
      }),
    );
    expect(when(early).slice(4, 7)).toEqual([
      [5, "2026-02-02", "08:15"],
      [6, "2026-02-02", "10:00"],
      [7, "2026-02-09", "10:00"],
    ]);
  });

  it("refuses an added session's time that is not one: 400 naming body.startTime", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const error = expectApiError(
      await plan(therapist, course.id, "sessions", { version: course.version, startTime: "9am" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.startTime"]);
  });

  it("a rescheduled session keeps its time unless given a new one; later sessions move with theirs", async () => {
    const { therapist, course } = await contracted({
      startDate: "2026-01-05",
      weekday: 1,
      startTime: "10:00",
    });
    const five = sessionNumbered(course, 5);
    const sameDay = asCourse(
      await plan(therapist, course.id, "reschedule", {
        version: course.version,
        sessionId: five.id,
        plannedDate: five.plannedDate,
        startTime: "17:45",
      }),
    );
    expect(sessionNumbered(sameDay, 5)).toMatchObject({ plannedDate: "2026-02-02", startTime: "17:45" });
    expect(sameDay.planChanges[0]?.summary).toBe(
      "Session 5 on 2026-02-02 at 10:00 moved to 2026-02-02 at 17:45",
    );

    const moved = asCourse(
      await plan(therapist, course.id, "reschedule", {
        version: sameDay.version,
        sessionId: five.id,
        plannedDate: "2026-02-04",
        moveLater: true,
      }),
    );
    expect(when(moved).slice(4, 7)).toEqual([
      [5, "2026-02-04", "17:45"],
      [6, "2026-02-11", "10:00"],
      [7, "2026-02-18", "10:00"],
    ]);

    const unchanged = expectApiError(
      await plan(therapist, course.id, "reschedule", {
        version: moved.version,
        sessionId: five.id,
        plannedDate: "2026-02-04",
        startTime: "17:45",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(unchanged)).toEqual(["body.plannedDate"]);
  });
});
