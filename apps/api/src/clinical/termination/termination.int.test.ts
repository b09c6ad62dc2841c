import type { Flag } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { recordPhq9 } from "../../../test/helpers/measures";
import {
  asCourse,
  holdSessions,
  sessionNumbered,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

/** Raises the ending; a course whose next session is more than 4 before the end needs `earlyReason`. */
const raise = (therapist: Clinician, courseId: string, version: number, earlyReason?: string) =>
  therapist.post(`/api/courses/${courseId}/termination`, {
    version,
    ...(earlyReason ? { earlyReason } : {}),
  });
const EARLY = "Invented: the client moves away.";
const checklist = (therapist: Clinician, courseId: string, body: object) =>
  therapist.patch(`/api/courses/${courseId}/termination-checklist`, body);
const complete = (therapist: Clinician, courseId: string, body: object) =>
  therapist.post(`/api/courses/${courseId}/completion`, body);

const fullChecklist = {
  progressReviewed: true,
  gainsCredited: true,
  feelingsDiscussed: true,
  relapseWarningSigns: "Early waking and withdrawing from friends.",
  relapsePlan: "Call the clinic; come back if it lasts two weeks.",
  nextStep: "maintenance_offered",
};

/** A 12-session course in the middle phase with sessions 1–9 held. */
async function courseBeforeTheEnding() {
  const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
  const course = await holdSessions(setup.therapist, setup.course.id, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  return { ...setup, course };
}

describe("raising the ending", () => {
  it("is refused from the initial phase, saying the middle phase has not started (422, audited)", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    expect(course.phase).toBe("initial");
    const error = expectApiError(await raise(therapist, course.id, course.version), 422, "rule_unmet");
    expect(error).toMatchObject({
      message: "The ending can be raised only in the middle phase.",
      fields: [
        {
          field: "phase",
          message:
            "The middle phase has not started: finish the initial phase (formulation and contract) and start it first.",
        },
      ],
    });
    const row = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(row).toMatchObject({ phase: "initial", terminationRaisedAt: null, version: course.version });
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused).toMatchObject({
      actorId: therapist.id,
      outcome: "failure",
      details: { rule: "termination_raised", missing: ["phase"] },
    });
  });

  it("the course is flagged at session N − lead until the ending is raised, then it moves to termination", async () => {
    const { therapist, course } = await courseBeforeTheEnding();
    // Held sessions without scores also raise measures_overdue (clinical/measures); this is about the ending.
    const termination = (flags: Flag[]) => flags.filter((f) => f.code === "termination_not_raised");
    expect(course.terminationStartNumber).toBe(10);
    expect(termination(course.flags)).toEqual([
      {
        code: "termination_not_raised",
        severity: "amber",
        message: "Raise the ending at the next session (session 10); it has not been raised yet.",
        sources: ["S4"],
      },
    ]);
    const overdue = await holdSessions(therapist, course.id, [10]);
    expect(termination(overdue.flags).map((f) => f.message)).toEqual([
      "Termination was due to be raised at session 10 and has not been recorded.",
    ]);

    const raised = asCourse(await raise(therapist, course.id, overdue.version));

    expect(raised).toMatchObject({ phase: "termination", version: overdue.version + 1 });
    expect(termination(raised.flags)).toEqual([]);
    expect(Date.now() - Date.parse(raised.terminationRaisedAt!)).toBeLessThan(60_000);
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.termination_raised" });
    expect(event).toMatchObject({ actorId: therapist.id, outcome: "success", details: { early: false } });
    expect(raised.terminationEarlyReason).toBeNull();
    const again = expectApiError(await raise(therapist, course.id, raised.version), 409, "conflict");
    expect(again.message).toBe("The ending has already been raised for this course.");
  });

  it("more than 4 sessions before the end asks for the reason (422), then keeps it on the course, not in the audit", async () => {
    const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
    // Sessions 1–5 held: the next is session 6 of 12, 6 sessions before the end.
    const course = await holdSessions(setup.therapist, setup.course.id, [1, 2, 3, 4, 5]);
    const refused = expectApiError(
      await raise(setup.therapist, course.id, course.version),
      422,
      "rule_unmet",
    );
    expect(fieldNames(refused)).toEqual(["early_reason"]);
    expect(refused.fields?.[0]?.message).toMatch(/^Session 6 is 6 sessions before the end/);
    expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      phase: "middle",
      version: course.version,
    });

    const blank = await setup.therapist.post(`/api/courses/${course.id}/termination`, {
      version: course.version,
      earlyReason: "  ",
    });
    expect(fieldNames(expectApiError(blank, 400, "validation_failed"))).toEqual(["body.earlyReason"]);

    const reason = "Invented: the client moves abroad in three weeks.";
    const raised = asCourse(
      await setup.therapist.post(`/api/courses/${course.id}/termination`, {
        version: course.version,
        earlyReason: reason,
      }),
    );
    expect(raised).toMatchObject({ phase: "termination", terminationEarlyReason: reason });
    const events = await auditRows(prisma, { entityId: course.id, action: "course.termination_raised" });
    expect(events.map((event) => event.details)).toEqual([{ early: true }]);
    const details = (await auditRows(prisma, { entityId: course.id })).map((event) => event.details);
    expect(JSON.stringify(details)).not.toContain("abroad");
  });

  it("a stale version answers 409 and the course stays in the middle phase", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    expectApiError(await raise(therapist, course.id, course.version - 1), 409, "conflict");
    const row = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(row).toMatchObject({ phase: "middle", terminationRaisedAt: null, version: course.version });
  });
});

describe("the termination checklist", () => {
  it("is kept only in the termination phase: 409 before", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const error = expectApiError(
      await checklist(therapist, course.id, { version: course.version, progressReviewed: true }),
      409,
      "conflict",
    );
    expect(error.message).toBe("The termination checklist is kept once the ending has been raised.");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).progressReviewed).toBe(
      false,
    );
  });

  it("records the items given and audits their names only", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const raised = asCourse(await raise(therapist, course.id, course.version, EARLY));
    const first = asCourse(
      await checklist(therapist, course.id, {
        version: raised.version,
        progressReviewed: true,
        relapsePlan: "Call the clinic if sleep goes.",
      }),
    );
    expect(first.termination).toEqual({
      progressReviewed: true,
      gainsCredited: false,
      feelingsDiscussed: false,
      relapsePlan: "Call the clinic if sleep goes.",
      relapseWarningSigns: null,
      relapseWhatHelped: null,
      relapsePeople: null,
      nextStep: null,
      noFinalScoreReason: null,
      nonResponseOffer: null,
      finalScoreRecorded: false,
      nonResponding: false,
    });
    const second = asCourse(
      await checklist(therapist, course.id, {
        version: first.version,
        gainsCredited: true,
        nextStep: "referral_offered",
      }),
    );
    expect(second.termination).toMatchObject({
      progressReviewed: true,
      gainsCredited: true,
      relapsePlan: "Call the clinic if sleep goes.",
      nextStep: "referral_offered",
    });
    expect(second.version).toBe(raised.version + 2);
    const events = await auditRows(prisma, {
      entityId: course.id,
      action: "course.termination_checklist_updated",
    });
    expect(events.map((e) => [e.actorId, e.details])).toEqual([
      [therapist.id, { fields: ["progressReviewed", "relapsePlan"] }],
      [therapist.id, { fields: ["gainsCredited", "nextStep"] }],
    ]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("sleep");
    expectApiError(
      await checklist(therapist, course.id, { version: first.version, feelingsDiscussed: true }),
      409,
      "conflict",
    );
  });
});

describe("completing a course", () => {
  it("is refused listing exactly the missing items, then succeeds once they are done", async () => {
    const { therapist, course } = await courseBeforeTheEnding();
    const raised = asCourse(await raise(therapist, course.id, course.version));
    const partial = asCourse(
      await checklist(therapist, course.id, {
        version: raised.version,
        progressReviewed: true,
        relapsePlan: "  ",
      }),
    );

    const error = expectApiError(
      await complete(therapist, course.id, {
        version: partial.version,
        outcome: "completed",
        endedOn: "2026-03-23",
      }),
      422,
      "rule_unmet",
    );
    expect(error.message).toBe("The course cannot be completed yet.");
    expect(fieldNames(error)).toEqual(
      [
        "gainsCredited",
        "feelingsDiscussed",
        "relapseWarningSigns",
        "relapsePlan",
        "nextStep",
        "plannedSessions",
        "finalScore",
      ].sort(),
    );
    expect(error.fields?.find((f) => f.field === "plannedSessions")?.message).toBe(
      "3 planned sessions are not yet recorded as held or no-show, or cancelled.",
    );
    const unchanged = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(unchanged).toMatchObject({ phase: "termination", outcome: null, version: partial.version });
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused?.details).toEqual({
      rule: "course_completed",
      missing: [
        "gainsCredited",
        "feelingsDiscussed",
        "relapseWarningSigns",
        "relapsePlan",
        "nextStep",
        "plannedSessions",
        "finalScore",
      ],
    });

    const done = asCourse(
      await checklist(therapist, course.id, { version: partial.version, ...fullChecklist }),
    );
    const held = await holdSessions(therapist, course.id, [10, 11, 12]);
    expect(held.version).toBe(done.version);
    // The final score, at the last session: remission from a baseline of 16.
    await recordPhq9(therapist, course.id, sessionNumbered(held, 1).id, 16);
    await recordPhq9(therapist, course.id, sessionNumbered(held, 12).id, 4);
    const completed = asCourse(
      await complete(therapist, course.id, {
        version: held.version,
        outcome: "completed",
        endedOn: "2026-03-23",
      }),
    );

    expect(completed).toMatchObject({
      phase: "completed",
      outcome: "completed",
      outcomeReason: null,
      endedOn: "2026-03-23",
      version: held.version + 1,
      flags: [],
    });
    const client = await prisma.client.findUniqueOrThrow({ where: { id: course.client.id } });
    expect(client.status).toBe("completed");
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.completed" });
    expect(event).toMatchObject({ actorId: therapist.id, details: { outcome: "completed" } });
    const message = "This course is completed: its plan and records can no longer be changed.";
    for (const response of [
      await complete(therapist, course.id, {
        version: completed.version,
        outcome: "completed",
        endedOn: "2026-03-23",
      }),
      await checklist(therapist, course.id, { version: completed.version, progressReviewed: false }),
      await raise(therapist, course.id, completed.version),
    ]) {
      expect(expectApiError(response, 409, "conflict").message).toBe(message);
    }
  });

  it("from the middle phase lists the phase too", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const error = expectApiError(
      await complete(therapist, course.id, {
        version: course.version,
        outcome: "completed",
        endedOn: "2026-03-23",
      }),
      422,
      "rule_unmet",
    );
    expect(error.fields?.map((f) => f.field)).toEqual([
      "phase",
      "progressReviewed",
      "gainsCredited",
      "feelingsDiscussed",
      "relapseWarningSigns",
      "relapsePlan",
      "nextStep",
      "plannedSessions",
      "finalScore",
    ]);
  });

  it("cannot end before the course started: 400 naming body.endedOn", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const error = expectApiError(
      await complete(therapist, course.id, {
        version: course.version,
        outcome: "discontinued",
        reason: "Moved",
        endedOn: "2025-12-01",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.endedOn"]);
  });
});

describe("discontinuing a course", () => {
  it("needs a reason: 400 naming body.reason, nothing changed", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    for (const body of [{}, { reason: "   " }]) {
      const error = expectApiError(
        await complete(therapist, course.id, {
          version: course.version,
          outcome: "discontinued",
          endedOn: "2026-02-01",
          ...body,
        }),
        400,
        "validation_failed",
      );
      expect(error.fields).toEqual([
        { field: "body.reason", message: "Give the reason the course was discontinued." },
      ]);
    }
    expect(await prisma.therapySession.count({ where: { courseId: course.id, status: "cancelled" } })).toBe(
      0,
    );
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).phase).toBe("middle");
  });

  it("cancels every remaining planned session in the same write and ends the course", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const held = await holdSessions(therapist, course.id, [1, 2, 3, 4]);

    const ended = asCourse(
      await complete(therapist, course.id, {
        version: held.version,
        outcome: "discontinued",
        reason: "Client moved to another city",
        endedOn: "2026-02-01",
      }),
    );

    expect(ended).toMatchObject({
      phase: "completed",
      outcome: "discontinued",
      outcomeReason: "Client moved to another city",
      endedOn: "2026-02-01",
      nextSession: null,
    });
    expect(ended.sessions.map((s) => [s.number, s.status])).toEqual([
      [1, "held"],
      [2, "held"],
      [3, "held"],
      [4, "held"],
      ...Array.from({ length: 8 }, () => [null, "cancelled"]),
    ]);
    const cancelled = await prisma.therapySession.findMany({
      where: { courseId: course.id, status: "cancelled" },
    });
    expect(new Set(cancelled.map((s) => s.cancelReason))).toEqual(new Set(["Course discontinued"]));
    expect((await prisma.client.findUniqueOrThrow({ where: { id: course.client.id } })).status).toBe(
      "discontinued",
    );
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.completed" });
    expect(event).toMatchObject({
      actorId: therapist.id,
      details: { outcome: "discontinued", sessionsCancelled: 8 },
    });
    expect(JSON.stringify(event?.details)).not.toContain("city");
  });

  it("is allowed from the initial phase", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const ended = asCourse(
      await complete(therapist, course.id, {
        version: course.version,
        outcome: "discontinued",
        reason: "Declined",
        endedOn: "2026-01-06",
      }),
    );
    expect(ended.phase).toBe("completed");
    expect(ended.sessions.every((s) => s.status === "cancelled")).toBe(true);
  });

  it("a stale version answers 409 and cancels nothing", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const one = sessionNumbered(course, 1);
    await holdSessions(therapist, course.id, [1]);
    expectApiError(
      await complete(therapist, course.id, {
        version: course.version - 1,
        outcome: "discontinued",
        reason: "x",
        endedOn: "2026-02-01",
      }),
      409,
      "conflict",
    );
    expect(await prisma.therapySession.count({ where: { courseId: course.id, status: "cancelled" } })).toBe(
      0,
    );
    expect((await prisma.therapySession.findUniqueOrThrow({ where: { id: one.id } })).status).toBe("held");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).phase).toBe("middle");
  });
});

describe("the completion guard on measures [S12b][S18][S3][S16]", () => {
  /** A course in termination, checklist done, sessions 1–12 held, PHQ-9 `baseline` at session 1. */
  async function readyToComplete(baseline: number) {
    const { therapist, course } = await courseBeforeTheEnding();
    const raised = asCourse(await raise(therapist, course.id, course.version));
    asCourse(await checklist(therapist, course.id, { version: raised.version, ...fullChecklist }));
    const held = await holdSessions(therapist, course.id, [10, 11, 12]);
    await recordPhq9(therapist, course.id, sessionNumbered(held, 1).id, baseline);
    return { therapist, course: held };
  }
  const current = async (therapist: Clinician, courseId: string) =>
    asCourse(await therapist.get(`/api/courses/${courseId}`));
  const completeNow = async (therapist: Clinician, courseId: string) =>
    complete(therapist, courseId, {
      version: (await current(therapist, courseId)).version,
      outcome: "completed",
      endedOn: "2026-03-23",
    });

  it("without a final score, completes once the reason none was obtained is recorded", async () => {
    const { therapist, course } = await readyToComplete(16);
    const refused = expectApiError(await completeNow(therapist, course.id), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["finalScore"]);
    expect(refused.fields?.[0]?.message).toMatch(/write why no final score was obtained/);
    const before = await current(therapist, course.id);
    expect(before.termination).toMatchObject({ finalScoreRecorded: false, nonResponding: false });
    asCourse(
      await checklist(therapist, course.id, {
        version: before.version,
        noFinalScoreReason: "The client declined the questionnaire at the last session.",
      }),
    );
    expect(asCourse(await completeNow(therapist, course.id)).outcome).toBe("completed");
  });

  it("a non-responding course records whether further treatment or a referral was offered", async () => {
    const { therapist, course } = await readyToComplete(16);
    await recordPhq9(therapist, course.id, sessionNumbered(course, 12).id, 15);
    const before = await current(therapist, course.id);
    expect(before.measures.status).toBe("non_response");
    expect(before.termination).toMatchObject({ finalScoreRecorded: true, nonResponding: true });
    const refused = expectApiError(await completeNow(therapist, course.id), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["nonResponseOffer"]);
    const bad = expectApiError(
      await checklist(therapist, course.id, { version: before.version, nonResponseOffer: "maybe" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(bad)).toEqual(["body.nonResponseOffer"]);
    asCourse(
      await checklist(therapist, course.id, {
        version: before.version,
        nonResponseOffer: "referral_offered",
      }),
    );
    const completed = asCourse(await completeNow(therapist, course.id));
    expect(completed.termination.nonResponseOffer).toBe("referral_offered");
  });

  it("discontinuing needs neither (the reason for discontinuing says why it ended)", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const ended = asCourse(
      await complete(therapist, course.id, {
        version: course.version,
        outcome: "discontinued",
        reason: "Moved away.",
        endedOn: "2026-02-01",
      }),
    );
    expect(ended.outcome).toBe("discontinued");
  });
});
