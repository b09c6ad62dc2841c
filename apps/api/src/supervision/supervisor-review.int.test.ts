// A supervisor reads a supervisee's course and session records (read only): an assigned supervisor sees
// the same record the therapist does, audited with the supervisor as actor; anyone else gets the 404 of
// a record that does not exist, audited as denied; removing the assignment ends access at once; and
// every write stays the therapist's (403 for supervisors, nothing changed).
import { courseDetail, sessionDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  asSession,
  contract,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Method,
} from "../../test/helpers/clinical";
import { followedUp, heldSession, recordPhq9, supervisorOf } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();

/** A middle-phase course with session 1 held, written up and scored (item 9 above 0, followed up), and signed. */
async function supervisedCourse() {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const held = await heldSession(therapist, course, 1);
  const written = asSession(
    await therapist.patch(`/api/sessions/${held.id}`, {
      version: held.version,
      notes: "Talked about the move and the loss of the old team.",
      incident: "An argument with the partner on Sunday.",
    }),
  );
  const { riskFlag } = await recordPhq9(therapist, course.id, held.id, 15, 1);
  await followedUp(therapist, riskFlag!.id);
  asSession(await therapist.post(`/api/sessions/${held.id}/sign`, { version: written.version }));
  const assignment = await supervisorOf(app, prisma, therapist);
  return { therapist, course, sessionId: held.id, riskFlagId: riskFlag!.id, ...assignment };
}

const deniedRows = (actorId: string) =>
  prisma.auditEvent.findMany({ where: { actorId, action: "client.access_denied" }, orderBy: { id: "asc" } });

describe("a supervisor reviewing a supervisee's records", () => {
  it("an assigned supervisor reads the course and the full session record, each read audited", async () => {
    const { therapist, course, sessionId, supervisor } = await supervisedCourse();

    const asTherapist = ok(await therapist.get(`/api/courses/${course.id}`), courseDetail);
    const asSupervisor = ok(await supervisor.get(`/api/courses/${course.id}`), courseDetail);
    expect(asSupervisor).toEqual(asTherapist);
    expect(asSupervisor.flags[0]).toMatchObject({ code: "risk_item9" });

    const record = ok(await supervisor.get(`/api/sessions/${sessionId}`), sessionDetail);
    expect(record).toEqual(ok(await therapist.get(`/api/sessions/${sessionId}`), sessionDetail));
    expect(record).toMatchObject({
      notes: "Talked about the move and the loss of the old team.",
      incident: "An argument with the partner on Sunday.",
      signedBy: { id: therapist.id },
      scores: [expect.objectContaining({ instrument: "phq9", total: 15 })],
      riskFlags: [expect.objectContaining({ itemValue: 1 })],
    });

    const rows = await prisma.auditEvent.findMany({
      where: { actorId: supervisor.id, action: { in: ["course.viewed", "session.viewed"] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [row.action, row.outcome, row.entityType, row.entityId, row.details])).toEqual([
      ["course.viewed", "success", "course", course.id, null],
      ["session.viewed", "success", "therapy_session", sessionId, null],
    ]);
  });

  it("a supervisor not assigned to the therapist gets 404 for both, audited as denied", async () => {
    const { course, sessionId } = await supervisedCourse();
    const stranger = await signedInAs(app, prisma, "supervisor");

    const course404 = expectApiError(await stranger.get(`/api/courses/${course.id}`), 404, "not_found");
    const missing = expectApiError(
      await stranger.get(`/api/courses/${crypto.randomUUID()}`),
      404,
      "not_found",
    );
    expect(course404.message).toBe(missing.message);
    expectApiError(await stranger.get(`/api/sessions/${sessionId}`), 404, "not_found");

    expect((await deniedRows(stranger.id)).map((row) => [row.outcome, row.entityType])).toEqual([
      ["denied", "course"],
      ["denied", "course"],
      ["denied", "therapy_session"],
    ]);
    const viewed = await prisma.auditEvent.count({
      where: { actorId: stranger.id, action: { in: ["course.viewed", "session.viewed"] } },
    });
    expect(viewed).toBe(0);
  });

  it("removing the assignment ends access at once", async () => {
    const { course, sessionId, supervisor, unassign } = await supervisedCourse();
    ok(await supervisor.get(`/api/courses/${course.id}`), courseDetail);
    ok(await supervisor.get(`/api/sessions/${sessionId}`), sessionDetail);

    await unassign();

    expectApiError(await supervisor.get(`/api/courses/${course.id}`), 404, "not_found");
    expectApiError(await supervisor.get(`/api/sessions/${sessionId}`), 404, "not_found");
    expect((await deniedRows(supervisor.id)).map((row) => row.entityId)).toEqual([course.id, sessionId]);
  });

  it("an admin is refused both reads with 403", async () => {
    const { course, sessionId } = await supervisedCourse();
    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await admin.get(`/api/courses/${course.id}`), 403, "forbidden");
    expectApiError(await admin.get(`/api/sessions/${sessionId}`), 403, "forbidden");
  });

  it("every clinical write stays the therapist's: an assigned supervisor gets 403 and nothing changes", async () => {
    const { therapist, course, sessionId, riskFlagId, supervisor } = await supervisedCourse();
    const detail = asCourse(await therapist.get(`/api/courses/${course.id}`));
    const next = sessionNumbered(detail, 2);
    const c = `/api/clients/${detail.client.id}`;
    const k = `/api/courses/${course.id}`;
    const writes: [Method, string, object?][] = [
      ["PATCH", c, { version: detail.client.version, displayName: "Renamed" }],
      ["POST", `${c}/inventory/people`, { label: "Friend", relationship: "friend", ring: "middle" }],
      ["PATCH", `${k}/initial-tasks`, { version: detail.version, sickRoleGiven: true }],
      ["PUT", `${k}/problem-area`, { version: detail.version, primaryArea: "grief", reason: "Review." }],
      ["PUT", `${k}/contract`, contract(detail.version, { plannedSessions: 16 })],
      ["POST", `${k}/plan/sessions`, { version: detail.version }],
      ["POST", `${k}/termination`, { version: detail.version }],
      ["POST", `${k}/measures`, { sessionId, instrument: "hamd17", total: 10 }],
      ["PATCH", `/api/sessions/${next.id}`, { version: next.version, notes: "A supervisor's notes." }],
      ["POST", `/api/sessions/${next.id}/sign`, { version: next.version }],
      ["POST", `/api/sessions/${sessionId}/amendments`, { reason: "Review.", text: "A supervisor's text." }],
      ["POST", `/api/risk-flags/${riskFlagId}/resolve`, { version: 2, reason: "Reviewed." }],
    ];
    const snapshot = () =>
      Promise.all([
        prisma.client.findUniqueOrThrow({ where: { id: detail.client.id } }),
        prisma.course.findUniqueOrThrow({ where: { id: course.id } }),
        prisma.therapySession.findMany({ where: { courseId: course.id }, orderBy: { createdOrder: "asc" } }),
        prisma.sessionAmendment.count({ where: { sessionId } }),
        prisma.measureScore.count({ where: { courseId: course.id } }),
        prisma.riskFlag.findUniqueOrThrow({ where: { id: riskFlagId } }),
        prisma.inventoryPerson.count({ where: { clientId: detail.client.id } }),
      ]);
    const before = await snapshot();

    for (const [method, url, body] of writes) {
      const error = expectApiError(await supervisor.call(method, url, body), 403, "forbidden");
      expect(error.code, `${method} ${url}`).toBe("forbidden");
    }

    expect(await snapshot()).toEqual(before);
  });
});
