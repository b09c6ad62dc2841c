// "Today" is the day in the service's time zone at the app's clock, not UTC's day: a therapist in
// Sydney early in the morning may date a score today, and one in Los Angeles late in the evening
// may not date it tomorrow. Real PostgreSQL; the clock is set per test.
import {
  defaultMeasurementSettings,
  defaultSafetySettings,
  defaultSupervisionSettings,
  measurementSettingsResponse,
  sessionDetail,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  newClient,
  newCourse,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
} from "../../test/helpers/clinical";
import { heldSession, phq9, recordMeasure } from "../../test/helpers/measures";

let now = new Date("2026-03-01T22:30:00Z");
const { app, prisma } = await createTestApp({}, undefined, () => now);
/** Saves the zone as an admin signed in at the clock's current time. */
async function setTimeZone(timeZone: string) {
  const admin = await signedInAs(app, prisma, "admin");
  const URL = "/api/admin/settings/measurement";
  const { version } = ok(await admin.get(URL), measurementSettingsResponse);
  ok(
    await admin.put(URL, {
      version,
      settings: defaultMeasurementSettings,
      supervision: defaultSupervisionSettings,
      service: { timeZone },
      safety: defaultSafetySettings,
    }),
    measurementSettingsResponse,
  );
}

/** A middle-phase course from 2026-01-05 with session 1 held, and a PHQ-9 body dated `administeredOn`. */
async function heldCourse() {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const session = await heldSession(therapist, course, 1);
  const score = (administeredOn: string) =>
    recordMeasure(therapist, course.id, {
      sessionId: session.id,
      instrument: "phq9",
      items: phq9(12),
      administeredOn,
    });
  return { therapist, course, score };
}

describe("today in the service's time zone", () => {
  it("east of UTC: at 09:30 on 2 March in Sydney (22:30 UTC on 1 March), a score dated 2 March is accepted and 3 March refused", async () => {
    now = new Date("2026-03-01T22:30:00Z");
    await setTimeZone("Australia/Sydney");
    const { score } = await heldCourse();

    const refused = expectApiError(await score("2026-03-03"), 400, "validation_failed");
    expect(fieldNames(refused)).toEqual(["body.administeredOn"]);
    expect(refused.fields?.[0]?.message).toBe(
      "The date the form was filled in cannot be in the future (today is 2026-03-02).",
    );
    expect((await score("2026-03-02")).statusCode).toBe(201);
  });

  it("west of UTC: at 23:30 on 1 March in Los Angeles (07:30 UTC on 2 March), a score dated 1 March is accepted and 2 March refused", async () => {
    now = new Date("2026-03-02T07:30:00Z");
    await setTimeZone("America/Los_Angeles");
    const { score } = await heldCourse();

    const refused = expectApiError(await score("2026-03-02"), 400, "validation_failed");
    expect(fieldNames(refused)).toEqual(["body.administeredOn"]);
    expect(refused.fields?.[0]?.message).toContain("(today is 2026-03-01)");
    expect((await score("2026-03-01")).statusCode).toBe(201);
  });

  it("a session planned for today in Sydney can be marked held while it is still yesterday in UTC", async () => {
    now = new Date("2026-03-01T22:30:00Z");
    await setTimeZone("Australia/Sydney");
    const { therapist, course } = await therapistWithCourse(app, prisma, { startDate: "2026-03-02" });
    const first = sessionNumbered(course, 1);
    const held = ok(
      await therapist.patch(`/api/sessions/${first.id}`, { version: first.version, status: "held" }),
      sessionDetail,
    );
    expect(held.status).toBe("held");
    const second = sessionNumbered(course, 2);
    const early = expectApiError(
      await therapist.patch(`/api/sessions/${second.id}`, { version: second.version, status: "held" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(early)).toEqual(["body.status"]);
  });

  it("a course opened without a start date starts on the next working day in the service's zone", async () => {
    const opened = async () => {
      const therapist = await signedInAs(app, prisma, "therapist");
      return newCourse(therapist, (await newClient(therapist)).id);
    };
    // Sunday 1 March, 23:30 in Los Angeles (already Monday in UTC): Monday 2 March.
    now = new Date("2026-03-02T07:30:00Z");
    await setTimeZone("America/Los_Angeles");
    expect(await opened()).toMatchObject({
      startDate: "2026-03-02",
      sessionWeekday: 1,
      sessionTime: "09:00",
    });
    // Monday 2 March, 09:30 in Sydney (still Sunday in UTC): not today, Tuesday 3 March.
    now = new Date("2026-03-01T22:30:00Z");
    await setTimeZone("Australia/Sydney");
    expect(await opened()).toMatchObject({ startDate: "2026-03-03", sessionWeekday: 2 });
    // Friday 6 March in Sydney: Monday 9 March.
    now = new Date("2026-03-06T01:00:00Z");
    expect(await opened()).toMatchObject({ startDate: "2026-03-09", sessionWeekday: 1 });
  });

  it("a course cannot end after today in the service's zone: 400 naming body.endedOn", async () => {
    now = new Date("2026-03-01T22:30:00Z");
    await setTimeZone("Australia/Sydney");
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const complete = (endedOn: string) =>
      therapist.post(`/api/courses/${course.id}/completion`, {
        version: course.version,
        outcome: "discontinued",
        reason: "Synthetic reason.",
        endedOn,
      });
    const refused = expectApiError(await complete("2026-03-03"), 400, "validation_failed");
    expect(fieldNames(refused)).toEqual(["body.endedOn"]);
    expect((await complete("2026-03-02")).statusCode).toBe(200);
  });
});
