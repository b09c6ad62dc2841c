import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  holdSessions,
  planOf,
  sessionNumbered,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const plan = (
  therapist: Clinician,
  courseId: string,
  edit: "sessions" | "drop" | "cancel" | "reschedule",
  body: object,
) => therapist.post(`/api/courses/${courseId}/plan/${edit}`, body);

/** A 12-session standard course from Monday 2026-01-05, weekly, termination raised 2 before the end. */
const WEEKLY_12 = [
  "2026-01-05",
  "2026-01-12",
  "2026-01-19",
  "2026-01-26",
  "2026-02-02",
  "2026-02-09",
  "2026-02-16",
  "2026-02-23",
  "2026-03-02",
  "2026-03-09",
  "2026-03-16",
  "2026-03-23",
];

async function planChangesOf(courseId: string) {
  return prisma.planChange.findMany({ where: { courseId }, orderBy: { changedAt: "asc" } });
}

/** What must not move when an edit is refused: the course row and every session row. */
async function snapshot(courseId: string) {
  const course = await prisma.course.findUniqueOrThrow({ where: { id: courseId } });
  const sessions = await prisma.therapySession.findMany({
    where: { courseId },
    orderBy: { createdOrder: "asc" },
  });
  const changes = await prisma.planChange.count({ where: { courseId } });
  return { course, sessions, changes };
}

describe("adding a session", () => {
  it("appends one interval after the last session and re-flows phases, slots and agendas", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const oldTen = sessionNumbered(course, 10);

    const after = asCourse(await plan(therapist, course.id, "sessions", { version: course.version }));

    expect(after.version).toBe(course.version + 1);
    expect(after.plannedSessions).toBe(13);
    expect(after.terminationStartNumber).toBe(11);
    expect(planOf(after).slice(8)).toEqual([
      [9, "2026-03-02", "middle", "middle", "planned"],
      [10, "2026-03-09", "middle", "middle", "planned"],
      [11, "2026-03-16", "termination", "raise-ending", "planned"],
      [12, "2026-03-23", "termination", "termination", "planned"],
      [13, "2026-03-30", "termination", "final", "planned"],
    ]);
    // Session 10 was the raise-ending session: it now carries the middle template, and its version moved.
    const ten = asSession(await therapist.get(`/api/sessions/${oldTen.id}`));
    expect(ten.version).toBe(oldTen.version + 1);
    expect(ten.agenda.some((item) => item.key.startsWith("raise-ending."))).toBe(false);
    expect(ten.agenda[0]?.key).toBe("middle.since-last");
    const added = sessionNumbered(after, 13);
    const final = asSession(await therapist.get(`/api/sessions/${added.id}`));
    expect(final.agenda.map((item) => item.key)).toContain("final.relapse-plan");

    const [generated, change] = await planChangesOf(course.id);
    expect(generated?.kind).toBe("generated");
    expect(change).toMatchObject({
      kind: "session_added",
      changedById: therapist.id,
      summary: "Session 13 added on 2026-03-30 at 09:00; the plan now has 13 sessions",
    });
    expect(after.planChanges[0]?.summary).toBe(change?.summary);
    const [event] = await auditRows(prisma, { entityId: course.id, action: "plan.session_added" });
    expect(event).toMatchObject({ actorId: therapist.id, outcome: "success" });
    expect(event?.details).toEqual({ sessionId: added.id, plannedSessions: 13 });
  });

  it("takes a date of its own and is numbered by date among the others", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const after = asCourse(
      await plan(therapist, course.id, "sessions", { version: course.version, plannedDate: "2026-02-04" }),
    );
    expect(planOf(after).slice(3, 7)).toEqual([
      [4, "2026-01-26", "middle", "middle", "planned"],
      [5, "2026-02-02", "middle", "middle", "planned"],
      [6, "2026-02-04", "middle", "middle", "planned"],
      [7, "2026-02-09", "middle", "middle", "planned"],
    ]);
    expect(after.planChanges[0]?.summary).toBe(
      "Session 6 added on 2026-02-04 at 09:00; the plan now has 13 sessions",
    );
  });

  it("is refused above 16 sessions for standard IPT: 422 naming plannedSessions, nothing changed", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { plannedSessions: 16 });
    const before = await snapshot(course.id);

    const error = expectApiError(
      await plan(therapist, course.id, "sessions", { version: course.version }),
      422,
      "rule_unmet",
    );

    expect(error.fields).toEqual([
      { field: "plannedSessions", message: "Standard IPT has 12–16 sessions; this plan has 17." },
    ]);
    expect(await snapshot(course.id)).toEqual(before);
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused).toMatchObject({
      actorId: therapist.id,
      outcome: "failure",
      details: { rule: "plan.session_added", missing: ["plannedSessions"] },
    });
  });

  it("may not be dated before a session already held: 400 naming body.plannedDate", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const held = await holdSessions(therapist, course.id, [1, 2, 3]);
    const error = expectApiError(
      await plan(therapist, course.id, "sessions", { version: held.version, plannedDate: "2026-01-18" }),
      400,
      "validation_failed",
    );
    expect(error.fields).toEqual([
      {
        field: "body.plannedDate",
        message:
          "A session was already held (or missed) on 2026-01-19: plan this session on or after that date.",
      },
    ]);
  });
});

describe("dropping a session", () => {
  it("deletes the planned session and renumbers the later ones", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { plannedSessions: 13 });
    const seven = sessionNumbered(course, 7);

    const after = asCourse(
      await plan(therapist, course.id, "drop", {
        version: course.version,
        sessionId: seven.id,
        reason: "Client moving house",
      }),
    );

    expect(after.plannedSessions).toBe(12);
    expect(after.sessions).toHaveLength(12);
    expect(after.sessions.map((s) => s.plannedDate)).toEqual(
      WEEKLY_12.filter((d) => d !== "2026-02-16").concat("2026-03-30"),
    );
    expect(planOf(after).slice(5, 8)).toEqual([
      [6, "2026-02-09", "middle", "middle", "planned"],
      [7, "2026-02-23", "middle", "middle", "planned"],
      [8, "2026-03-02", "middle", "middle", "planned"],
    ]);
    expect(
      planOf(after)
        .slice(9)
        .map(([n, , phase, slot]) => [n, phase, slot]),
    ).toEqual([
      [10, "termination", "raise-ending"],
      [11, "termination", "termination"],
      [12, "termination", "final"],
    ]);
    // Removed, not deleted: the row stays without its number (security/no-hard-delete.int.test.ts).
    const removed = await prisma.therapySession.findUniqueOrThrow({ where: { id: seven.id } });
    expect(removed.number).toBeNull();
    expect(removed.deletedAt).toBeInstanceOf(Date);
    expect(after.sessions.map((s) => s.id)).not.toContain(seven.id);
    expect(after.planChanges[0]).toMatchObject({
      kind: "session_dropped",
      summary: "Session 7 on 2026-02-16 at 09:00 dropped (Client moving house); the plan now has 12 sessions",
    });
    const [event] = await auditRows(prisma, { entityId: course.id, action: "plan.session_dropped" });
    expect(event?.details).toEqual({ sessionId: seven.id, plannedSessions: 12 });
  });

  it("is refused below 12 sessions for standard IPT, and the session stays", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const five = sessionNumbered(course, 5);
    const before = await snapshot(course.id);
    const error = expectApiError(
      await plan(therapist, course.id, "drop", {
        version: course.version,
        sessionId: five.id,
        reason: "Not needed",
      }),
      422,
      "rule_unmet",
    );
    expect(error.fields).toEqual([
      { field: "plannedSessions", message: "Standard IPT has 12–16 sessions; this plan has 11." },
    ]);
    expect(await snapshot(course.id)).toEqual(before);
  });

  it("only a planned session can be dropped: 400 naming body.sessionId", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { plannedSessions: 13 });
    const held = await holdSessions(therapist, course.id, [1]);
    const one = sessionNumbered(held, 1);
    const error = expectApiError(
      await plan(therapist, course.id, "drop", { version: held.version, sessionId: one.id, reason: "Wrong" }),
      400,
      "validation_failed",
    );
    expect(error.fields).toEqual([
      {
        field: "body.sessionId",
        message: "Only a planned session can be changed this way; this one is held.",
      },
    ]);
    const other = await therapistWithCourse(app, prisma);
    const foreign = sessionNumbered(other.course, 3);
    expect(
      fieldNames(
        expectApiError(
          await plan(therapist, course.id, "drop", {
            version: held.version,
            sessionId: foreign.id,
            reason: "Wrong",
          }),
          400,
          "validation_failed",
        ),
      ),
    ).toEqual(["body.sessionId"]);
    expect(await prisma.therapySession.count({ where: { courseId: other.course.id } })).toBe(12);
  });
});

describe("cancelling a session", () => {
  it("without a replacement: the session keeps its row, loses its number, and the plan shrinks", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { plannedSessions: 13 });
    const five = sessionNumbered(course, 5);

    const after = asCourse(
      await plan(therapist, course.id, "cancel", {
        version: course.version,
        sessionId: five.id,
        reason: "client unwell",
        replace: false,
      }),
    );

    expect(after.plannedSessions).toBe(12);
    expect(after.sessions).toHaveLength(13);
    const cancelled = after.sessions.find((s) => s.id === five.id);
    expect(cancelled).toMatchObject({
      number: null,
      phase: null,
      status: "cancelled",
      plannedDate: "2026-02-02",
    });
    expect(planOf(after).slice(3, 6)).toEqual([
      [4, "2026-01-26", "middle", "middle", "planned"],
      [5, "2026-02-09", "middle", "middle", "planned"],
      [6, "2026-02-16", "middle", "middle", "planned"],
    ]);
    expect(planOf(after).at(-1)).toEqual([12, "2026-03-30", "termination", "final", "planned"]);
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: five.id } });
    expect(row).toMatchObject({
      status: "cancelled",
      cancelReason: "client unwell",
      number: null,
      phase: null,
    });
    expect(after.planChanges[0]?.summary).toBe(
      "Session 5 on 2026-02-02 at 09:00 cancelled (client unwell); the plan now has 12 sessions",
    );
    const [event] = await auditRows(prisma, { entityId: course.id, action: "plan.session_cancelled" });
    expect(event).toMatchObject({ actorId: therapist.id });
    expect(event?.details).toEqual({ sessionId: five.id, replacementId: null, plannedSessions: 12 });
  });

  it("with a replacement: a session is added one interval after the last, so the total is kept", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const five = sessionNumbered(course, 5);

    const after = asCourse(
      await plan(therapist, course.id, "cancel", {
        version: course.version,
        sessionId: five.id,
        reason: "client unwell",
        replace: true,
      }),
    );

    expect(after.plannedSessions).toBe(12);
    expect(after.sessions).toHaveLength(13);
    expect(planOf(after).map(([n, date]) => [n, date])).toEqual(
      WEEKLY_12.filter((d) => d !== "2026-02-02")
        .concat("2026-03-30")
        .map((date, index) => [index + 1, date]),
    );
    expect(
      planOf(after)
        .slice(-3)
        .map(([n, , phase, slot]) => [n, phase, slot]),
    ).toEqual([
      [10, "termination", "raise-ending"],
      [11, "termination", "termination"],
      [12, "termination", "final"],
    ]);
    expect(after.planChanges[0]?.summary).toBe(
      "Session 5 on 2026-02-02 at 09:00 cancelled (client unwell); replacement session added on 2026-03-30 at 09:00",
    );
    const replacement = sessionNumbered(after, 12);
    const [event] = await auditRows(prisma, { entityId: course.id, action: "plan.session_cancelled" });
    expect(event?.details).toEqual({
      sessionId: five.id,
      replacementId: replacement.id,
      plannedSessions: 12,
    });
  });

  it("without a replacement is refused when it would leave fewer than 12 sessions", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const before = await snapshot(course.id);
    const error = expectApiError(
      await plan(therapist, course.id, "cancel", {
        version: course.version,
        sessionId: sessionNumbered(course, 5).id,
        reason: "client unwell",
        replace: false,
      }),
      422,
      "rule_unmet",
    );
    expect(fieldNames(error)).toEqual(["plannedSessions"]);
    expect(await snapshot(course.id)).toEqual(before);
  });
});

describe("IPT-B keeps exactly 9 sessions", () => {
  it("refuses adding, dropping and cancelling without a replacement, and allows a replaced cancellation", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { format: "ipt_b" });
    expect(planOf(course).map(([n, , phase, slot]) => [n, phase, slot])).toEqual([
      [1, "initial", "engagement"],
      [2, "initial", "initial-1"],
      [3, "initial", "initial-2"],
      [4, "middle", "middle"],
      [5, "middle", "middle"],
      [6, "middle", "middle"],
      [7, "termination", "raise-ending"],
      [8, "termination", "termination"],
      [9, "termination", "final"],
    ]);
    const four = sessionNumbered(course, 4).id;
    const message = (total: number) => `Brief IPT (IPT-B) has exactly 9 sessions; this plan has ${total}.`;
    for (const [edit, body, total] of [
      ["sessions", {}, 10],
      ["drop", { sessionId: four, reason: "Not needed" }, 8],
      ["cancel", { sessionId: four, reason: "client unwell", replace: false }, 8],
    ] as const) {
      const error = expectApiError(
        await plan(therapist, course.id, edit, { version: course.version, ...body }),
        422,
        "rule_unmet",
      );
      expect(error.fields, edit).toEqual([{ field: "plannedSessions", message: message(total) }]);
    }
    const after = asCourse(
      await plan(therapist, course.id, "cancel", {
        version: course.version,
        sessionId: four,
        reason: "client unwell",
        replace: true,
      }),
    );
    expect(after.plannedSessions).toBe(9);
    expect(planOf(after).at(-1)).toEqual([9, "2026-03-09", "termination", "final", "planned"]);
  });
});

describe("rescheduling a session", () => {
  it("moves one session; the others keep their dates", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const five = sessionNumbered(course, 5);
    const after = asCourse(
      await plan(therapist, course.id, "reschedule", {
        version: course.version,
        sessionId: five.id,
        plannedDate: "2026-02-04",
      }),
    );
    expect(after.sessions.map((s) => s.plannedDate)).toEqual(
      WEEKLY_12.map((d) => (d === "2026-02-02" ? "2026-02-04" : d)),
    );
    expect(sessionNumbered(after, 5).id).toBe(five.id);
    expect(after.planChanges[0]).toMatchObject({
      kind: "session_rescheduled",
      summary: "Session 5 on 2026-02-02 at 09:00 moved to 2026-02-04 at 09:00",
    });
    const [event] = await auditRows(prisma, { entityId: course.id, action: "plan.session_rescheduled" });
    expect(event?.details).toEqual({ sessionId: five.id, movedLater: 0 });
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: five.id } });
    expect(row.version).toBe(five.version + 1);
  });

  it("moved past the next session, it takes the later number and the other moves up", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const nine = sessionNumbered(course, 9);
    const ten = sessionNumbered(course, 10);
    const after = asCourse(
      await plan(therapist, course.id, "reschedule", {
        version: course.version,
        sessionId: nine.id,
        plannedDate: "2026-03-11",
      }),
    );
    expect(planOf(after).slice(8, 10)).toEqual([
      [9, "2026-03-09", "middle", "middle", "planned"],
      [10, "2026-03-11", "termination", "raise-ending", "planned"],
    ]);
    expect(sessionNumbered(after, 9).id).toBe(ten.id);
    expect(sessionNumbered(after, 10).id).toBe(nine.id);
    const moved = asSession(await therapist.get(`/api/sessions/${nine.id}`));
    expect(moved.agenda[0]?.key).toMatch(/^raise-ending\./);
  });

  it("with moveLater, every later planned session moves by the same number of days", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const eight = sessionNumbered(course, 8);
    const after = asCourse(
      await plan(therapist, course.id, "reschedule", {
        version: course.version,
        sessionId: eight.id,
        plannedDate: "2026-03-02",
        moveLater: true,
      }),
    );
    expect(planOf(after).map(([n, date]) => [n, date])).toEqual([
      [1, "2026-01-05"],
      [2, "2026-01-12"],
      [3, "2026-01-19"],
      [4, "2026-01-26"],
      [5, "2026-02-02"],
      [6, "2026-02-09"],
      [7, "2026-02-16"],
      [8, "2026-03-02"],
      [9, "2026-03-09"],
      [10, "2026-03-16"],
      [11, "2026-03-23"],
      [12, "2026-03-30"],
    ]);
    expect(after.planChanges[0]?.summary).toBe(
      "Session 8 on 2026-02-23 at 09:00 moved to 2026-03-02 at 09:00; 4 later sessions moved by 7 days",
    );
  });

  it("may not move before the latest held session: 400 naming body.plannedDate, nothing changed", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const held = await holdSessions(therapist, course.id, [1, 2, 3]);
    const before = await snapshot(course.id);
    const error = expectApiError(
      await plan(therapist, course.id, "reschedule", {
        version: held.version,
        sessionId: sessionNumbered(held, 4).id,
        plannedDate: "2026-01-15",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.plannedDate"]);
    expect(error.fields?.[0]?.message).toContain("2026-01-19");
    expect(await snapshot(course.id)).toEqual(before);
  });

  it("a held session cannot be rescheduled", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const held = await holdSessions(therapist, course.id, [1]);
    const error = expectApiError(
      await plan(therapist, course.id, "reschedule", {
        version: held.version,
        sessionId: sessionNumbered(held, 1).id,
        plannedDate: "2026-01-06",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.sessionId"]);
  });
});

describe("when a plan edit is refused before it starts", () => {
  it("a stale course version answers 409 and changes nothing", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { plannedSessions: 13 });
    asCourse(await plan(therapist, course.id, "sessions", { version: course.version }));
    const before = await snapshot(course.id);
    const five = sessionNumbered(course, 5).id;
    for (const [edit, body] of [
      ["sessions", {}],
      ["drop", { sessionId: five, reason: "Not needed" }],
      ["cancel", { sessionId: five, reason: "client unwell", replace: true }],
      ["reschedule", { sessionId: five, plannedDate: "2026-02-03" }],
    ] as const) {
      const error = expectApiError(
        await plan(therapist, course.id, edit, { version: course.version, ...body }),
        409,
        "conflict",
      );
      expect(error.message, edit).toContain("has changed since you opened it");
    }
    expect(await snapshot(course.id)).toEqual(before);
  });

  it("a course without an agreed contract has no plan to edit: 409", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const client = await therapist.post("/api/clients", {
      displayName: "Client B",
      referralReason: "Low mood.",
    });
    const fresh = asCourse(
      await therapist.post(`/api/clients/${client.json<{ id: string }>().id}/courses`, {
        format: "standard",
        lineage: "weissman",
      }),
      201,
    );
    const error = expectApiError(
      await plan(therapist, fresh.id, "sessions", { version: fresh.version }),
      409,
      "conflict",
    );
    expect(error.message).toBe("There is no session plan yet: agree the treatment contract first.");
    expect(await prisma.therapySession.count({ where: { courseId: fresh.id } })).toBe(0);
    expect(course.contractAgreedOn).toBe("2026-01-05");
  });

  it("a completed course takes no plan edits: 409", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const ended = asCourse(
      await therapist.post(`/api/courses/${course.id}/completion`, {
        version: course.version,
        outcome: "discontinued",
        reason: "Client moved away",
        endedOn: "2026-01-10",
      }),
    );
    const before = await snapshot(course.id);
    const error = expectApiError(
      await plan(therapist, course.id, "sessions", { version: ended.version }),
      409,
      "conflict",
    );
    expect(error.message).toBe("This course is completed: its plan and records can no longer be changed.");
    expect(await snapshot(course.id)).toEqual(before);
  });
});
