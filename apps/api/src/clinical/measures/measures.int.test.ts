// Recording and correcting PHQ-9, GAD-7 and HAM-D-17 scores against a real PostgreSQL: the API
// totals the forms, refuses anything incomplete without storing it, keeps every original (the
// database itself refuses UPDATE), and only the client's therapist writes.
import { courseMeasures, DEFAULT_TIME_ZONE, recordMeasureResponse, todayIn } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asSession,
  courseFor,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";
import {
  followUpBody,
  gad7,
  heldSession,
  measuresOf,
  phq9,
  recordMeasure,
  recordPhq9,
  recorded,
  supervisorOf,
} from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

/** A therapist's middle-phase course (12 weekly sessions from 2026-01-05) with session `held` marked held. */
async function courseWithHeldSession(held = 1) {
  const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
  const session = await heldSession(setup.therapist, setup.course, held);
  return { ...setup, session };
}

const correct = (who: Clinician, scoreId: string, body: object) =>
  who.post(`/api/measures/${scoreId}/corrections`, body);

/** Every string the audit rows about these entities hold, to check no clinical text reached the log. */
const auditText = async (entityIds: string[]) =>
  JSON.stringify(
    (await prisma.auditEvent.findMany({ where: { entityId: { in: entityIds } } })).map((e) => e.details),
  );

describe("recording a score", () => {
  it("totals a PHQ-9 from its items, bands it, ties it to the session and audits ids only", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);

    const { score, riskFlag } = await recorded(therapist, course.id, {
      sessionId: session.id,
      instrument: "phq9",
      items: [2, 2, 1, 1, 1, 1, 1, 0, 0],
      difficulty: "somewhat",
    });

    expect(riskFlag).toBeNull();
    expect(score).toMatchObject({
      instrument: "phq9",
      sessionId: session.id,
      sessionNumber: 1,
      items: [2, 2, 1, 1, 1, 1, 1, 0, 0],
      total: 9,
      band: { key: "mild" },
      difficulty: "somewhat",
      administeredOn: "2026-01-05",
      enteredBy: { id: therapist.id },
      correctsId: null,
      correctionReason: null,
      current: true,
    });
    const row = await prisma.measureScore.findUniqueOrThrow({ where: { id: score.id } });
    expect(row).toMatchObject({ courseId: course.id, total: 9, enteredById: therapist.id });
    const [event] = await auditRows(prisma, { entityId: score.id, action: "measure.recorded" });
    expect(event).toMatchObject({ actorId: therapist.id, entityType: "measure_score", outcome: "success" });
    expect(event?.details).toEqual({ instrument: "phq9", sessionId: session.id });
  });

  it("totals a GAD-7 and takes a HAM-D-17 as an entered total, with no difficulty", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);

    const anxiety = await recorded(therapist, course.id, {
      sessionId: session.id,
      instrument: "gad7",
      items: gad7(12),
      difficulty: null,
    });
    const hamd = await recorded(therapist, course.id, {
      sessionId: session.id,
      instrument: "hamd17",
      total: 20,
    });

    expect(anxiety.score).toMatchObject({ total: 12, band: { key: "moderate" }, difficulty: null });
    expect(hamd.score).toMatchObject({ items: [], total: 20, band: { key: "severe" }, difficulty: null });
  });

  it("refuses the client's own total for a PHQ-9: the API works it out", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const error = expectApiError(
      await recordMeasure(therapist, course.id, {
        sessionId: session.id,
        instrument: "phq9",
        items: phq9(10),
        total: 3,
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.total"]);
  });

  it("refuses missing, out-of-range and extra answers item by item, and stores nothing", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const attempt = (items: unknown[]) =>
      recordMeasure(therapist, course.id, { sessionId: session.id, instrument: "phq9", items });

    const missing = expectApiError(await attempt([1, 1, 1, null, 1, 1, 1, 1]), 400, "validation_failed");
    expect(fieldNames(missing)).toEqual(["body.items.3", "body.items.8"]);
    expect(missing.fields?.find((f) => f.field === "body.items.8")?.message).toBe("Answer item 9.");

    const outOfRange = expectApiError(await attempt([1, 1, 4, 1, 1, 1, 1, 1, -1]), 400, "validation_failed");
    expect(fieldNames(outOfRange)).toEqual(["body.items.2", "body.items.8"]);

    const tooMany = expectApiError(
      await recordMeasure(therapist, course.id, {
        sessionId: session.id,
        instrument: "gad7",
        items: [1, 1, 1, 1, 1, 1, 1, 1],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(tooMany)).toEqual(["body.items"]);

    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
    expect(await prisma.riskFlag.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("takes HAM-D-17 totals from 0 to 52 only, as a total, never as items", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const hamd = (body: object) =>
      recordMeasure(therapist, course.id, { sessionId: session.id, instrument: "hamd17", ...body });

    for (const total of [-1, 53, 7.5]) {
      expect(fieldNames(expectApiError(await hamd({ total }), 400, "validation_failed"))).toEqual([
        "body.total",
      ]);
    }
    expect(fieldNames(expectApiError(await hamd({}), 400, "validation_failed"))).toEqual(["body.total"]);
    expect(
      fieldNames(expectApiError(await hamd({ total: 10, items: [1] }), 400, "validation_failed")),
    ).toEqual(["body.items"]);
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);

    expect((await hamd({ total: 52 })).statusCode).toBe(201);
  });

  it("refuses a session that is not held (422 session_held) and a session of another course (400)", async () => {
    const { therapist, course } = await courseWithHeldSession(1);
    const planned = sessionNumbered(course, 2);
    const other = await therapistWithCourse(app, prisma, { phase: "middle" });
    const othersSession = await heldSession(other.therapist, other.course, 1);
    const mineElsewhere = await heldSession(therapist, await courseFor(therapist, { phase: "middle" }), 1);

    const notHeld = expectApiError(
      await recordMeasure(therapist, course.id, {
        sessionId: planned.id,
        instrument: "phq9",
        items: phq9(5),
      }),
      422,
      "rule_unmet",
    );
    expect(notHeld.fields).toEqual([
      {
        field: "session_held",
        message: "This session is still planned: mark it held before recording a score.",
      },
    ]);

    for (const sessionId of [othersSession.id, mineElsewhere.id, crypto.randomUUID()]) {
      const error = expectApiError(
        await recordMeasure(therapist, course.id, { sessionId, instrument: "phq9", items: phq9(5) }),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["body.sessionId"]);
    }
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("keeps one current score per session and form: a second one is refused with 409", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    await recordPhq9(therapist, course.id, session.id, 12);

    const again = expectApiError(
      await recordMeasure(therapist, course.id, {
        sessionId: session.id,
        instrument: "phq9",
        items: phq9(14),
      }),
      409,
      "conflict",
    );
    expect(again.message).toMatch(/correct it instead/);
    expect(await prisma.measureScore.count({ where: { sessionId: session.id } })).toBe(1);
    // Another form at the same session is its own score.
    await recorded(therapist, course.id, { sessionId: session.id, instrument: "gad7", items: gad7(9) });
  });

  it("dates the score from the session unless told, never in the future or before the course started", async () => {
    const { therapist, course, session } = await courseWithHeldSession(2);
    const body = { sessionId: session.id, instrument: "phq9", items: phq9(5) };

    const future = expectApiError(
      await recordMeasure(therapist, course.id, { ...body, administeredOn: "2999-01-01" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(future)).toEqual(["body.administeredOn"]);
    const early = expectApiError(
      await recordMeasure(therapist, course.id, { ...body, administeredOn: "2025-12-31" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(early)).toEqual(["body.administeredOn"]);

    const { score } = ok(
      await recordMeasure(therapist, course.id, { ...body, administeredOn: "2026-01-13" }),
      recordMeasureResponse,
      201,
    );
    expect(score.administeredOn).toBe("2026-01-13");
    expect(score.administeredOn <= todayIn(DEFAULT_TIME_ZONE, new Date())).toBe(true);
  });

  it("a completed course takes no new scores (409)", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    await prisma.course.update({
      where: { id: course.id },
      data: { phase: "completed", outcome: "discontinued" },
    });
    expectApiError(
      await recordMeasure(therapist, course.id, {
        sessionId: session.id,
        instrument: "phq9",
        items: phq9(5),
      }),
      409,
      "conflict",
    );
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("a session with scores stays held: changing its status is refused with 409", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    await recordPhq9(therapist, course.id, session.id, 12);
    const current = asSession(await therapist.get(`/api/sessions/${session.id}`));

    const error = expectApiError(
      await therapist.patch(`/api/sessions/${session.id}`, { version: current.version, status: "no_show" }),
      409,
      "conflict",
    );
    expect(error.message).toMatch(/stays held/);
    expect(asSession(await therapist.get(`/api/sessions/${session.id}`))).toMatchObject({
      status: "held",
      version: current.version,
    });
    // Other edits of the held record go on as before.
    expect(
      (
        await therapist.patch(`/api/sessions/${session.id}`, {
          version: current.version,
          notes: "Went well.",
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe("correcting a score", () => {
  it("adds a correction and keeps the original row exactly as it was", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score: original } = await recordPhq9(therapist, course.id, session.id, 12);
    const before = await prisma.measureScore.findUniqueOrThrow({ where: { id: original.id } });

    const { score: corrected, riskFlag } = ok(
      await correct(therapist, original.id, {
        items: phq9(15),
        reason: "Item 3 was misread from the paper form.",
      }),
      recordMeasureResponse,
      201,
    );

    expect(riskFlag).toBeNull();
    expect(corrected).toMatchObject({
      total: 15,
      band: { key: "moderately_severe" },
      correctsId: original.id,
      correctionReason: "Item 3 was misread from the paper form.",
      sessionId: session.id,
      administeredOn: original.administeredOn,
      current: true,
    });
    expect(await prisma.measureScore.findUniqueOrThrow({ where: { id: original.id } })).toEqual(before);

    const view = await measuresOf(therapist, course.id);
    expect(view.scores.map((s) => [s.id, s.total, s.current])).toEqual([
      [original.id, 12, false],
      [corrected.id, 15, true],
    ]);
    expect(view.summary.latestPhq9).toMatchObject({ total: 15, sessionNumber: 1 });
    const record = asSession(await therapist.get(`/api/sessions/${session.id}`));
    expect(record.scores.map((s) => s.id)).toEqual([corrected.id]);

    const [event] = await auditRows(prisma, { entityId: corrected.id, action: "measure.corrected" });
    expect(event?.details).toEqual({
      instrument: "phq9",
      sessionId: session.id,
      correctsId: original.id,
      fields: ["items", "total"],
    });
    expect(await auditText([original.id, corrected.id])).not.toContain("misread");
  });

  it("the database itself refuses to rewrite a score", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score } = await recordPhq9(therapist, course.id, session.id, 12);

    await expect(
      prisma.$executeRaw`UPDATE measure_scores SET total = 0 WHERE id = ${score.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    expect((await prisma.measureScore.findUniqueOrThrow({ where: { id: score.id } })).total).toBe(12);
  });

  it("only the latest version of a score is corrected; corrections chain", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score: first } = await recordPhq9(therapist, course.id, session.id, 12);
    const second = ok(
      await correct(therapist, first.id, { items: phq9(13), reason: "Typo." }),
      recordMeasureResponse,
      201,
    ).score;

    const stale = expectApiError(
      await correct(therapist, first.id, { items: phq9(14), reason: "Another typo." }),
      409,
      "conflict",
    );
    expect(stale.message).toMatch(/already been corrected/);
    const third = ok(
      await correct(therapist, second.id, { difficulty: "very", reason: "Difficulty was left out." }),
      recordMeasureResponse,
      201,
    ).score;

    expect(third).toMatchObject({ correctsId: second.id, total: 13, difficulty: "very" });
    const view = await measuresOf(therapist, course.id);
    expect(view.scores.filter((s) => s.current).map((s) => s.id)).toEqual([third.id]);
    expect(view.outcome.phq9).toMatchObject({ count: 1, latest: { total: 13 } });
  });

  it("refuses a correction that is incomplete, changes nothing, or does not fit the form", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score: phq } = await recordPhq9(therapist, course.id, session.id, 12);
    const { score: hamd } = await recorded(therapist, course.id, {
      sessionId: session.id,
      instrument: "hamd17",
      total: 18,
    });
    const refused = async (scoreId: string, body: object, status = 400) =>
      fieldNames(expectApiError(await correct(therapist, scoreId, body), status, "validation_failed"));

    expect(await refused(phq.id, { items: phq9(12) })).toEqual(["body.reason"]);
    expect(await refused(phq.id, { items: [1, 1, 1, 1, 1, 1, 1, null, 1], reason: "x" })).toEqual([
      "body.items.7",
    ]);
    expect(await refused(phq.id, { total: 3, reason: "x" })).toEqual(["body.total"]);
    expect(await refused(phq.id, { items: phq9(12), reason: "Same again." })).toEqual(["body"]);
    expect(await refused(hamd.id, { items: phq9(12), reason: "x" })).toEqual(["body.items"]);
    expect(await refused(hamd.id, { total: 60, reason: "x" })).toEqual(["body.total"]);
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(2);

    const fixed = ok(
      await correct(therapist, hamd.id, { total: 21, reason: "Added up again." }),
      recordMeasureResponse,
      201,
    );
    expect(fixed.score).toMatchObject({ instrument: "hamd17", total: 21, correctsId: hamd.id });
  });

  it("an ended course's scores can still be corrected, like an amendment; the original stays", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score } = await recordPhq9(therapist, course.id, session.id, 12);
    await prisma.course.update({
      where: { id: course.id },
      data: { phase: "completed", outcome: "completed" },
    });

    const fixed = ok(
      await correct(therapist, score.id, { items: phq9(11), reason: "Checked against paper." }),
      recordMeasureResponse,
      201,
    );
    expect(fixed.score.correctsId).toBe(score.id);
  });
});

describe("who may record and read scores", () => {
  it("another therapist gets 404 on every write and on the measures view, changes nothing, and is audited", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score, riskFlag } = await recordPhq9(therapist, course.id, session.id, 12, 2);
    const intruder = await signedInAs(app, prisma);
    const before = await Promise.all([
      prisma.measureScore.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }),
      prisma.riskFlag.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }),
      prisma.safetyFollowUp.count(),
    ]);

    const attempts: [string, () => Promise<{ statusCode: number; body: string }>][] = [
      [
        "record",
        () =>
          recordMeasure(intruder, course.id, { sessionId: session.id, instrument: "gad7", items: gad7(5) }),
      ],
      ["correct", () => correct(intruder, score.id, { items: phq9(3), reason: "Mine now." })],
      ["follow-up", () => intruder.post(`/api/risk-flags/${riskFlag!.id}/follow-ups`, followUpBody())],
      [
        "resolve",
        () => intruder.post(`/api/risk-flags/${riskFlag!.id}/resolve`, { version: 1, reason: "No." }),
      ],
      ["view", () => intruder.get(`/api/courses/${course.id}/measures`)],
    ];
    for (const [name, call] of attempts) {
      const response = await call();
      expect(response.statusCode, name).toBe(404);
    }

    expect(
      await Promise.all([
        prisma.measureScore.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }),
        prisma.riskFlag.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }),
        prisma.safetyFollowUp.count(),
      ]),
    ).toEqual(before);
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: intruder.id, action: { not: "auth.login" } },
      orderBy: { id: "asc" },
    });
    expect(denied.map((row) => [row.action, row.outcome, row.entityType, row.entityId])).toEqual([
      ["client.access_denied", "denied", "course", course.id],
      ["client.access_denied", "denied", "measure_score", score.id],
      ["client.access_denied", "denied", "risk_flag", riskFlag!.id],
      ["client.access_denied", "denied", "risk_flag", riskFlag!.id],
      ["client.access_denied", "denied", "course", course.id],
    ]);
  });

  it("an assigned supervisor reads the measures view (canWrite false) but writes nothing; unassigned, 404 at once", async () => {
    const { therapist, course, session } = await courseWithHeldSession(1);
    const { score, riskFlag } = await recordPhq9(therapist, course.id, session.id, 12, 1);
    const { supervisor, unassign } = await supervisorOf(app, prisma, therapist);

    const view = ok(await supervisor.get(`/api/courses/${course.id}/measures`), courseMeasures);
    expect(view).toMatchObject({ courseId: course.id, canWrite: false, therapist: { id: therapist.id } });
    expect(view.riskFlags.map((f) => f.id)).toEqual([riskFlag!.id]);
    expect((await measuresOf(therapist, course.id)).canWrite).toBe(true);
    const [viewed] = await auditRows(prisma, { entityId: course.id, action: "measures.viewed" });
    expect(viewed).toMatchObject({ actorId: supervisor.id, entityType: "course", details: null });

    for (const response of [
      await recordMeasure(supervisor, course.id, {
        sessionId: session.id,
        instrument: "gad7",
        items: gad7(5),
      }),
      await correct(supervisor, score.id, { items: phq9(3), reason: "No." }),
      await supervisor.post(`/api/risk-flags/${riskFlag!.id}/follow-ups`, followUpBody()),
      await supervisor.post(`/api/risk-flags/${riskFlag!.id}/resolve`, { version: 1, reason: "No." }),
    ]) {
      expectApiError(response, 403, "forbidden");
    }

    await unassign();
    expectApiError(await supervisor.get(`/api/courses/${course.id}/measures`), 404, "not_found");
    const stranger = await signedInAs(app, prisma, "supervisor");
    expectApiError(await stranger.get(`/api/courses/${course.id}/measures`), 404, "not_found");
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: { in: [supervisor.id, stranger.id] }, action: "client.access_denied" },
    });
    expect(denied).toHaveLength(2);
  });

  it("an admin is refused every measures route with 403", async () => {
    const { course } = await courseWithHeldSession(1);
    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await admin.get(`/api/courses/${course.id}/measures`), 403, "forbidden");
    expectApiError(
      await recordMeasure(admin, course.id, {
        sessionId: crypto.randomUUID(),
        instrument: "hamd17",
        total: 3,
      }),
      403,
      "forbidden",
    );
  });
});
