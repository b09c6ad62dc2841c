// Outreach before closing (shared safety/outreach.ts, [S25l][S25m]): discontinuing a course, or
// closing it after two no-shows in a row, while a risk flag is open or was raised in the last 4 weeks
// is refused with 422 naming outreach_attempt until an attempt (when, how, outcome) is recorded.
import { endpointPath, endpoints } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  outreachAttempted,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { followedUp, heldSession, noShowSession, recordPhq9 } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const courseOf = async (who: Clinician, courseId: string) =>
  asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));
const discontinue = (who: Clinician, courseId: string, version: number) =>
  who.post(endpointPath(endpoints.courses.complete, { courseId }), {
    version,
    outcome: "discontinued",
    reason: "Stopped attending.",
    endedOn: "2026-02-20",
  });
const record = (who: Clinician, courseId: string, body: object) =>
  who.post(endpointPath(endpoints.courses.recordOutreach, { courseId }), body);

/** Session 1 held with a PHQ-9 item 9 of 1 (followed up, flag open). */
async function riskyCourse() {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const one = await heldSession(therapist, course, 1);
  const { riskFlag } = await recordPhq9(therapist, course.id, one.id, 14, 1);
  await followedUp(therapist, riskFlag!.id);
  return { therapist, course: await courseOf(therapist, course.id), riskFlagId: riskFlag!.id };
}

describe("outreach before a course with recent risk closes", () => {
  it("discontinuing with an open flag is refused (422 naming outreach_attempt), changing nothing", async () => {
    const { therapist, course } = await riskyCourse();
    expect(course.outreach).toMatchObject({ riskRecent: true, neededToDiscontinue: true, attempts: [] });
    const error = expectApiError(await discontinue(therapist, course.id, course.version), 422, "rule_unmet");
    expect(error.message).toBe("The course cannot be discontinued yet.");
    expect(fieldNames(error)).toEqual(["outreach_attempt"]);
    expect(error.fields?.[0]?.message).toMatch(/Record an outreach attempt \(when, how, outcome\)/);
    const row = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(row).toMatchObject({ phase: "middle", outcome: null, version: course.version });
    expect(await prisma.therapySession.count({ where: { courseId: course.id, status: "cancelled" } })).toBe(
      0,
    );
  });

  it("after a recorded attempt (audited with ids only) the course is discontinued", async () => {
    const { therapist, course } = await riskyCourse();
    const note = "Invented: voicemail left with the crisis line number.";
    const after = await outreachAttempted(therapist, course.id, { outcome: "message_left", note });
    expect(after.outreach).toMatchObject({ recorded: true, neededToDiscontinue: false });
    expect(after.outreach.attempts).toHaveLength(1);
    expect(after.outreach.attempts[0]).toMatchObject({ method: "phone", outcome: "message_left", note });
    expect(after.outreach.attempts[0]?.recordedBy.id).toBe(therapist.id);
    const [audit] = await auditRows(prisma, { entityId: course.id, action: "course.outreach_recorded" });
    expect(JSON.stringify(audit?.details)).not.toContain("voicemail");
    const ended = asCourse(await discontinue(therapist, course.id, after.version));
    expect(ended).toMatchObject({ phase: "completed", outcome: "discontinued" });
  });

  it("two no-shows in a row with an open flag block closing the course in any way until an attempt", async () => {
    const { therapist, course, riskFlagId } = await riskyCourse();
    // The score was entered on the day of session 1 (the fixture enters it today).
    await prisma.riskFlag.update({
      where: { id: riskFlagId },
      data: { raisedAt: new Date("2026-01-05T10:00:00Z") },
    });
    await noShowSession(therapist, course, 2);
    await noShowSession(therapist, course, 3);
    const now = await courseOf(therapist, course.id);
    expect(now.outreach).toMatchObject({ twoNoShows: true, neededToClose: true });
    const complete = await therapist.post(endpointPath(endpoints.courses.complete, { courseId: course.id }), {
      version: now.version,
      outcome: "completed",
      endedOn: "2026-02-20",
    });
    expect(fieldNames(expectApiError(complete, 422, "rule_unmet"))).toContain("outreach_attempt");
    // An attempt before the second no-show does not count; one on its day does.
    const early = await outreachAttempted(therapist, course.id, { attemptedAt: "2026-01-13T10:00:00Z" });
    expect(early.outreach).toMatchObject({ since: "2026-01-19", recorded: false });
    const onTime = await outreachAttempted(therapist, course.id, { attemptedAt: "2026-01-19T16:00:00Z" });
    expect(onTime.outreach).toMatchObject({ recorded: true, neededToClose: false });
  });

  it("a course without any risk flag is discontinued without outreach", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    expect(course.outreach).toMatchObject({ riskRecent: false, neededToDiscontinue: false });
    expect(asCourse(await discontinue(therapist, course.id, course.version)).outcome).toBe("discontinued");
  });

  it("bad attempts are refused with 400 naming the field; another therapist's course is 404", async () => {
    const { therapist, course } = await riskyCourse();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const cases: [object, string[]][] = [
      [{ attemptedAt: future, method: "phone", outcome: "no_answer" }, ["body.attemptedAt"]],
      [{ attemptedAt: "2025-12-01T10:00:00Z", method: "phone", outcome: "no_answer" }, ["body.attemptedAt"]],
      [{ attemptedAt: "2026-02-01T10:00:00Z", method: "pigeon", outcome: "no_answer" }, ["body.method"]],
      [{ attemptedAt: "2026-02-01T10:00:00Z", method: "phone" }, ["body.outcome"]],
      [{ method: "phone", outcome: "no_answer", note: "x".repeat(2001) }, ["body.attemptedAt", "body.note"]],
    ];
    for (const [body, fields] of cases) {
      expect(
        fieldNames(expectApiError(await record(therapist, course.id, body), 400, "validation_failed")),
      ).toEqual(fields);
    }
    expect(await prisma.outreachAttempt.count({ where: { courseId: course.id } })).toBe(0);
    const other = await signedInAs(app, prisma);
    expectApiError(
      await record(other, course.id, {
        attemptedAt: "2026-02-01T10:00:00Z",
        method: "phone",
        outcome: "no_answer",
      }),
      404,
      "not_found",
    );
  });
});
