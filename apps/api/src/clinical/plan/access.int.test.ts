// Plan, session and termination routes are for the course's own therapist only (a supervisor may read
// a session record of a therapist assigned to them; see supervision/supervisor-review.int.test.ts).
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { asSession, sessionNumbered, signedInAs, therapistWithCourse } from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

/** A course in the middle phase with session 1 held and signed, and the calls to every route. */
async function ownedCourseAndCalls() {
  const owner = await therapistWithCourse(app, prisma, { phase: "middle" });
  const { course, therapist } = owner;
  const one = sessionNumbered(course, 1);
  const five = sessionNumbered(course, 5);
  const held = asSession(await therapist.patch(`/api/sessions/${one.id}`, { version: 1, status: "held" }));
  asSession(await therapist.post(`/api/sessions/${one.id}/sign`, { version: held.version }));
  const v = course.version;
  const calls = [
    ["POST", `/api/courses/${course.id}/plan/sessions`, { version: v }],
    ["POST", `/api/courses/${course.id}/plan/drop`, { version: v, sessionId: five.id, reason: "x" }],
    [
      "POST",
      `/api/courses/${course.id}/plan/cancel`,
      { version: v, sessionId: five.id, reason: "x", replace: true },
    ],
    [
      "POST",
      `/api/courses/${course.id}/plan/reschedule`,
      { version: v, sessionId: five.id, plannedDate: "2026-02-03" },
    ],
    ["POST", `/api/courses/${course.id}/termination`, { version: v }],
    ["PATCH", `/api/courses/${course.id}/termination-checklist`, { version: v, progressReviewed: true }],
    [
      "POST",
      `/api/courses/${course.id}/completion`,
      { version: v, outcome: "discontinued", reason: "x", endedOn: "2026-02-01" },
    ],
    ["GET", `/api/sessions/${five.id}`, undefined],
    ["PATCH", `/api/sessions/${five.id}`, { version: 1, notes: "Intruder notes." }],
    ["POST", `/api/sessions/${one.id}/sign`, { version: 3 }],
    ["POST", `/api/sessions/${one.id}/amendments`, { reason: "x", text: "Intruder amendment." }],
  ] as const;
  return { owner, calls, sessionIds: [one.id, five.id] };
}

async function snapshot(courseId: string) {
  return {
    course: await prisma.course.findUniqueOrThrow({ where: { id: courseId } }),
    client: await prisma.client.findFirst({ where: { courses: { some: { id: courseId } } } }),
    sessions: await prisma.therapySession.findMany({ where: { courseId }, orderBy: { createdOrder: "asc" } }),
    amendments: await prisma.sessionAmendment.count({ where: { session: { courseId } } }),
    planChanges: await prisma.planChange.count({ where: { courseId } }),
  };
}

describe("another therapist", () => {
  it("reaches none of these routes: 404 each, nothing changed, and each attempt is audited as denied", async () => {
    const { owner, calls, sessionIds } = await ownedCourseAndCalls();
    const intruder = await signedInAs(app, prisma);
    const before = await snapshot(owner.course.id);
    const successBefore = await prisma.auditEvent.count({
      where: { actorId: intruder.id, outcome: "success" },
    });

    for (const [method, url, body] of calls) {
      const error = expectApiError(await intruder.call(method, url, body), 404, "not_found");
      expect(error.message, `${method} ${url}`).toMatch(/^The (course|session) was not found\.$/);
    }

    expect(await snapshot(owner.course.id)).toEqual(before);
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: intruder.id, action: "client.access_denied" },
      orderBy: { id: "asc" },
    });
    expect(denied.map((e) => [e.outcome, e.entityType, e.entityId])).toEqual([
      ...Array.from({ length: 7 }, () => ["denied", "course", owner.course.id]),
      ["denied", "therapy_session", sessionIds[1]],
      ["denied", "therapy_session", sessionIds[1]],
      ["denied", "therapy_session", sessionIds[0]],
      ["denied", "therapy_session", sessionIds[0]],
    ]);
    // Sign-in aside, the intruder left no successful audit row.
    expect(await prisma.auditEvent.count({ where: { actorId: intruder.id, outcome: "success" } })).toBe(
      successBefore,
    );
  });

  it("an unknown id answers the same 404", async () => {
    const { owner } = await ownedCourseAndCalls();
    const unknown = crypto.randomUUID();
    expectApiError(await owner.therapist.get(`/api/sessions/${unknown}`), 404, "not_found");
    expectApiError(
      await owner.therapist.post(`/api/courses/${unknown}/termination`, { version: 1 }),
      404,
      "not_found",
    );
  });
});

describe("supervisors and admins", () => {
  it.each(["supervisor", "admin"] as const)(
    "%s accounts get 403 on every write (an unassigned supervisor 404 on the read), and nothing changes",
    async (role) => {
      const { owner, calls } = await ownedCourseAndCalls();
      const other = await signedInAs(app, prisma, role);
      const before = await snapshot(owner.course.id);
      for (const [method, url, body] of calls) {
        // A supervisor may read session records, but not this one (no assignment): 404.
        if (role === "supervisor" && method === "GET") {
          expectApiError(await other.call(method, url, body), 404, "not_found");
        } else {
          expectApiError(await other.call(method, url, body), 403, "forbidden");
        }
      }
      expect(await snapshot(owner.course.id)).toEqual(before);
    },
  );
});
