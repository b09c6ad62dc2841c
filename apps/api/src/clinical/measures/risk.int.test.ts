// PHQ-9 item 9 above 0 raises a risk flag at once: red on the caseload, the course page, the session
// record and the measures view. The session cannot be signed before a safety follow-up; the flag stays
// until the therapist resolves it with a reason. Every change is audited with ids only.
import { caseloadResponse, courseMeasures, recordMeasureResponse, riskFlagDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { refreshCourseSummary } from "../../supervision/course-summary";
import {
  asCourse,
  asSession,
  ok,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";
import {
  followUpBody,
  followedUp,
  heldSession,
  measuresOf,
  phq9,
  recordFollowUp,
  recordPhq9,
  recorded,
  supervisorOf,
} from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

/** A therapist's course with session 1 held and a PHQ-9 whose item 9 was answered `item9` there. */
async function flaggedCourse(item9 = 2) {
  const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
  const session = await heldSession(setup.therapist, setup.course, 1);
  const recordedScore = await recordPhq9(setup.therapist, setup.course.id, session.id, 14, item9);
  return { ...setup, session, ...recordedScore };
}

const resolve = (who: Clinician, riskFlagId: string, body: object) =>
  who.post(`/api/risk-flags/${riskFlagId}/resolve`, body);
const sign = (who: Clinician, sessionId: string, version: number) =>
  who.post(`/api/sessions/${sessionId}/sign`, { version });

async function caseloadEntry(who: Clinician, clientId: string) {
  const page = caseloadResponse.parse((await who.get("/api/clients?pageSize=100")).json());
  return page.items.find((item) => item.id === clientId);
}

const auditText = async (entityIds: string[]) =>
  JSON.stringify(
    (await prisma.auditEvent.findMany({ where: { entityId: { in: entityIds } } })).map((e) => e.details),
  );

describe("raising a risk flag", () => {
  it("item 9 above 0 raises a red flag at once, shown everywhere the client is, and audited", async () => {
    const { therapist, course, session, score, riskFlag } = await flaggedCourse(2);

    expect(riskFlag).toMatchObject({
      courseId: course.id,
      sessionId: session.id,
      sessionNumber: 1,
      scoreId: score.id,
      itemValue: 2,
      resolvedAt: null,
      version: 1,
      followUps: [],
    });

    const view = await measuresOf(therapist, course.id);
    expect(view.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
    expect(view.riskFlags.map((f) => f.id)).toEqual([riskFlag!.id]);
    expect(view.summary.openRiskFlags).toBe(1);

    const detail = asCourse(await therapist.get(`/api/courses/${course.id}`));
    expect(detail.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
    expect(detail.measures).toMatchObject({ openRiskFlags: 1, latestPhq9: { total: 14, sessionNumber: 1 } });

    const entry = await caseloadEntry(therapist, course.client.id);
    expect(entry?.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
    expect(entry?.measures).toMatchObject({ openRiskFlags: 1, status: "baseline_only" });

    const record = asSession(await therapist.get(`/api/sessions/${session.id}`));
    expect(record.riskFlags.map((f) => [f.id, f.itemValue])).toEqual([[riskFlag!.id, 2]]);
    expect(record.scores.map((s) => s.id)).toEqual([score.id]);

    const [raised] = await auditRows(prisma, { entityId: riskFlag!.id, action: "risk_flag.raised" });
    expect(raised).toMatchObject({ actorId: therapist.id, entityType: "risk_flag" });
    expect(raised?.details).toEqual({ scoreId: score.id, sessionId: session.id });
  });

  it("item 9 answered 0, and any GAD-7 or HAM-D-17, raise no flag", async () => {
    const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
    const session = await heldSession(setup.therapist, setup.course, 1);
    const none = await recordPhq9(setup.therapist, setup.course.id, session.id, 27 - 3, 0);
    const gad = await recorded(setup.therapist, setup.course.id, {
      sessionId: session.id,
      instrument: "gad7",
      items: [3, 3, 3, 3, 3, 3, 3],
    });
    expect(none.riskFlag).toBeNull();
    expect(gad.riskFlag).toBeNull();
    expect(await prisma.riskFlag.count({ where: { courseId: setup.course.id } })).toBe(0);
    const view = await measuresOf(setup.therapist, setup.course.id);
    expect(view.flags.map((f) => f.code)).not.toContain("risk_item9");
  });

  it("a correction never removes a flag, and raises a new one only when item 9 was 0 before", async () => {
    const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
    const session = await heldSession(setup.therapist, setup.course, 1);
    const { score } = await recordPhq9(setup.therapist, setup.course.id, session.id, 10, 0);
    const correct = async (scoreId: string, items: number[]) =>
      ok(
        await setup.therapist.post(`/api/measures/${scoreId}/corrections`, {
          items,
          reason: "Re-read the form.",
        }),
        recordMeasureResponse,
        201,
      );

    const raised = await correct(score.id, phq9(10, 1));
    expect(raised.riskFlag).toMatchObject({ scoreId: raised.score.id, itemValue: 1 });
    const higher = await correct(raised.score.id, phq9(12, 3));
    expect(higher.riskFlag).toBeNull();
    const cleared = await correct(higher.score.id, phq9(9, 0));
    expect(cleared.riskFlag).toBeNull();

    const view = await measuresOf(setup.therapist, setup.course.id);
    expect(view.riskFlags.map((f) => [f.id, f.resolvedAt])).toEqual([[raised.riskFlag!.id, null]]);
    expect(view.flags[0]?.code).toBe("risk_item9");
  });
});

describe("the safety follow-up", () => {
  it("the session cannot be signed until the follow-up is recorded; then it can", async () => {
    const { therapist, session, riskFlag } = await flaggedCourse(1);
    const held = asSession(await therapist.get(`/api/sessions/${session.id}`));

    const refused = expectApiError(await sign(therapist, session.id, held.version), 422, "rule_unmet");
    expect(refused.message).toBe("This session cannot be signed until the safety follow-up is recorded.");
    expect(fieldNames(refused)).toEqual(["safety_follow_up"]);
    expect(
      (await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).signedAt,
    ).toBeNull();

    await followedUp(therapist, riskFlag!.id);

    const signed = asSession(await sign(therapist, session.id, held.version));
    expect(signed.signedAt).not.toBeNull();
    // Signing does not resolve the flag: that needs its own decision and reason.
    expect(signed.riskFlags[0]).toMatchObject({ resolvedAt: null, followUps: [{ riskLevel: "low" }] });
  });

  it("a form entered after its session was signed still raises a flag that stays open until resolved", async () => {
    const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
    const held = await heldSession(setup.therapist, setup.course, 1);
    asSession(await sign(setup.therapist, held.id, held.version));

    const { riskFlag } = await recordPhq9(setup.therapist, setup.course.id, held.id, 12, 1);

    expect(riskFlag).toMatchObject({ sessionId: held.id, resolvedAt: null });
    expect(asCourse(await setup.therapist.get(`/api/courses/${setup.course.id}`)).flags[0]?.code).toBe(
      "risk_item9",
    );
    expectApiError(
      await resolve(setup.therapist, riskFlag!.id, { version: 1, reason: "Signed already." }),
      422,
      "rule_unmet",
    );
  });

  it("records who, when, risk level, actions, safety plan and the supervisor informed; audits ids only", async () => {
    const { therapist, riskFlag } = await flaggedCourse(3);
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const followedUpAt = new Date(Date.now() - 2 * 3_600_000).toISOString();

    const detail = await followedUp(
      therapist,
      riskFlag!.id,
      followUpBody({
        riskLevel: "moderate",
        actionsTaken: "Private safety wording: crisis line number given.",
        safetyPlan: "made",
        supervisorInformed: true,
        supervisorId: supervisor.id,
        followedUpAt,
      }),
    );

    expect(detail).toMatchObject({ id: riskFlag!.id, version: 2, resolvedAt: null });
    expect(detail.followUps).toHaveLength(1);
    expect(detail.followUps[0]).toMatchObject({
      riskAssessed: true,
      riskLevel: "moderate",
      actionsTaken: "Private safety wording: crisis line number given.",
      safetyPlan: "made",
      supervisorInformed: true,
      supervisor: { id: supervisor.id, name: supervisor.name, email: supervisor.email, external: null },
      followedUpAt,
      recordedBy: { id: therapist.id, name: therapist.name, email: therapist.email },
    });
    const [event] = await auditRows(prisma, {
      entityId: riskFlag!.id,
      action: "risk_flag.follow_up_recorded",
    });
    expect(event?.details).toEqual({ followUpId: detail.followUps[0]!.id });
    expect(await auditText([riskFlag!.id])).not.toContain("Private");
    // The supervisor sees the follow-up in the measures view.
    const view = ok(await supervisor.get(`/api/courses/${detail.courseId}/measures`), courseMeasures);
    expect(view.riskFlags[0]?.followUps).toHaveLength(1);
  });

  it("refuses a follow-up in the future, before the form, without assessing risk, or with a supervisor who is not the therapist's", async () => {
    const { therapist, riskFlag } = await flaggedCourse(1);
    const stranger = await signedInAs(app, prisma, "supervisor");
    const refused = async (body: object) =>
      fieldNames(
        expectApiError(await recordFollowUp(therapist, riskFlag!.id, body), 400, "validation_failed"),
      );

    expect(
      await refused(followUpBody({ followedUpAt: new Date(Date.now() + 3_600_000).toISOString() })),
    ).toEqual(["body.followedUpAt"]);
    expect(await refused(followUpBody({ followedUpAt: "2026-01-04T23:00:00+00:00" }))).toEqual([
      "body.followedUpAt",
    ]);
    // Written as 5 January in UTC+2, but 22:30 on 4 January in the service's zone (Europe/London).
    expect(await refused(followUpBody({ followedUpAt: "2026-01-05T00:30:00+02:00" }))).toEqual([
      "body.followedUpAt",
    ]);
    expect(await refused({ ...followUpBody(), riskAssessed: false })).toEqual(["body.riskAssessed"]);
    expect(await refused({ ...followUpBody(), actionsTaken: "  " })).toEqual(["body.actionsTaken"]);
    expect(await refused(followUpBody({ supervisorInformed: true, supervisorId: stranger.id }))).toEqual([
      "body.supervisorId",
    ]);
    expect(await refused(followUpBody({ supervisorInformed: true, supervisorId: therapist.id }))).toEqual([
      "body.supervisorId",
    ]);
    expect(await refused(followUpBody({ supervisorInformed: false, supervisorId: stranger.id }))).toEqual([
      "body.supervisorId",
    ]);
    expect(await prisma.safetyFollowUp.count({ where: { riskFlagId: riskFlag!.id } })).toBe(0);
    expect((await prisma.riskFlag.findUniqueOrThrow({ where: { id: riskFlag!.id } })).version).toBe(1);

    // The day the form was filled in on the service's calendar is accepted, whatever the offset written.
    await followedUp(therapist, riskFlag!.id, followUpBody({ followedUpAt: "2026-01-04T23:30:00-05:00" }));
  });

  it("the database itself refuses to rewrite a follow-up", async () => {
    const { therapist, riskFlag } = await flaggedCourse(1);
    const detail = await followedUp(therapist, riskFlag!.id);
    await expect(
      prisma.$executeRaw`UPDATE safety_follow_ups SET risk_level = 'high' WHERE id = ${detail.followUps[0]!.id}::uuid`,
    ).rejects.toThrow(/append-only/);
  });
});

describe("resolving a risk flag", () => {
  it("needs a follow-up and a reason, refuses a stale version, and then clears the flag everywhere", async () => {
    const { therapist, course, session, riskFlag } = await flaggedCourse(2);

    const early = expectApiError(
      await resolve(therapist, riskFlag!.id, { version: 1, reason: "Seen." }),
      422,
      "rule_unmet",
    );
    expect(fieldNames(early)).toEqual(["safety_follow_up"]);
    expect(
      fieldNames(
        expectApiError(await resolve(therapist, riskFlag!.id, { version: 1 }), 400, "validation_failed"),
      ),
    ).toEqual(["body.reason"]);

    const followed = await followedUp(therapist, riskFlag!.id);
    expectApiError(await resolve(therapist, riskFlag!.id, { version: 1, reason: "Seen." }), 409, "conflict");
    expect((await prisma.riskFlag.findUniqueOrThrow({ where: { id: riskFlag!.id } })).resolvedAt).toBeNull();

    const resolved = ok(
      await resolve(therapist, riskFlag!.id, {
        version: followed.version,
        reason: "Private reason: risk reassessed as low at two sessions.",
      }),
      riskFlagDetail,
    );
    expect(resolved).toMatchObject({
      resolvedBy: { id: therapist.id },
      resolutionReason: "Private reason: risk reassessed as low at two sessions.",
      version: followed.version + 1,
    });
    expect(resolved.resolvedAt).not.toBeNull();

    const again = expectApiError(
      await resolve(therapist, riskFlag!.id, { version: resolved.version, reason: "Again." }),
      409,
      "conflict",
    );
    expect(again.message).toMatch(/already resolved/);
    expectApiError(await recordFollowUp(therapist, riskFlag!.id), 409, "conflict");

    const detail = asCourse(await therapist.get(`/api/courses/${course.id}`));
    expect(detail.flags.map((f) => f.code)).not.toContain("risk_item9");
    expect(detail.measures.openRiskFlags).toBe(0);
    expect((await caseloadEntry(therapist, course.client.id))?.flags.map((f) => f.code)).not.toContain(
      "risk_item9",
    );
    const record = asSession(await therapist.get(`/api/sessions/${session.id}`));
    expect(record.riskFlags[0]?.resolvedAt).toBe(resolved.resolvedAt);

    const events = await auditRows(prisma, { entityId: riskFlag!.id });
    expect(events.map((e) => e.action)).toEqual([
      "risk_flag.raised",
      "risk_flag.follow_up_recorded",
      "risk_flag.resolved",
    ]);
    expect(await auditText([riskFlag!.id])).not.toContain("Private");
  });

  it("the flag outlives the course: a completed course shows only the open risk flag, and it can still be followed up and resolved", async () => {
    const { therapist, course, riskFlag } = await flaggedCourse(1);
    // Sessions 2–4 held without scores would be overdue on an open course. Written past the
    // services, so the course's summary (what the caseload shows) is refreshed as they would.
    await prisma.$transaction(async (tx) => {
      await tx.therapySession.updateMany({
        where: { courseId: course.id, number: { in: [2, 3, 4] } },
        data: { status: "held" },
      });
      await tx.course.update({
        where: { id: course.id },
        data: { phase: "completed", outcome: "discontinued" },
      });
      await refreshCourseSummary(tx, course.id);
    });

    const detail = asCourse(await therapist.get(`/api/courses/${course.id}`));
    expect(detail.flags.map((f) => f.code)).toEqual(["risk_item9"]);
    expect((await caseloadEntry(therapist, course.client.id))?.flags.map((f) => f.code)).toEqual([
      "risk_item9",
    ]);
    expect((await measuresOf(therapist, course.id)).flags.map((f) => f.code)).toEqual(["risk_item9"]);

    const followed = await followedUp(therapist, riskFlag!.id);
    ok(
      await resolve(therapist, riskFlag!.id, { version: followed.version, reason: "Reviewed at discharge." }),
      riskFlagDetail,
    );
    expect(asCourse(await therapist.get(`/api/courses/${course.id}`)).flags).toEqual([]);
  });
});
