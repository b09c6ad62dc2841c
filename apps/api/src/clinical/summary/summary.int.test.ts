// The end-of-treatment summary: course facts, sessions, the change on each measure from baseline to the
// latest current score with the outcome definitions it meets, techniques, the ending and risk. Read by
// the client's therapist or an assigned supervisor; anyone else gets the audited 404.
import {
  endOfTreatmentSummary,
  type CourseDetail,
  type EndOfTreatmentSummary,
  type Technique,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";
import {
  followedUp,
  gad7,
  phq9,
  recordGad7,
  recordPhq9,
  recorded,
  supervisorOf,
} from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const summaryUrl = (courseId: string) => `/api/courses/${courseId}/end-of-treatment-summary`;
const summaryOf = async (who: Clinician, courseId: string): Promise<EndOfTreatmentSummary> =>
  ok(await who.get(summaryUrl(courseId)), endOfTreatmentSummary);

/** Marks a session held (or a no-show) with the techniques used, and returns the course. */
async function hold(
  who: Clinician,
  courseId: string,
  number: number,
  techniques: Technique[] = [],
  status: "held" | "no_show" = "held",
): Promise<CourseDetail> {
  const course = asCourse(await who.get(`/api/courses/${courseId}`));
  const session = sessionNumbered(course, number);
  asSession(await who.patch(`/api/sessions/${session.id}`, { version: session.version, status, techniques }));
  return asCourse(await who.get(`/api/courses/${courseId}`));
}

const idAt = (course: CourseDetail, number: number) => sessionNumbered(course, number).id;

/** A 12-session course held to the end with scores at the measurement points, then completed. */
async function completedCourse() {
  const { therapist, course: opened } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const id = opened.id;
  let course = opened;
  for (let number = 1; number <= 9; number += 1) {
    // Session 5 was a no-show; a technique ticked on it by mistake is not work done.
    const techniques: Technique[] =
      number === 5
        ? ["directive_techniques"]
        : number % 2 === 0
          ? ["communication_analysis", "role_play"]
          : ["communication_analysis"];
    course = await hold(therapist, id, number, techniques, number === 5 ? "no_show" : "held");
  }
  await recordPhq9(therapist, id, idAt(course, 1), 20);
  await recordGad7(therapist, id, idAt(course, 1), 12);
  await recorded(therapist, id, { sessionId: idAt(course, 1), instrument: "hamd17", total: 22 });
  await recordPhq9(therapist, id, idAt(course, 4), 15);
  await recordPhq9(therapist, id, idAt(course, 6), 12);
  await recordPhq9(therapist, id, idAt(course, 8), 8);
  course = asCourse(await therapist.post(`/api/courses/${id}/termination`, { version: course.version }));
  for (const number of [10, 11, 12]) course = await hold(therapist, id, number, ["decision_analysis"]);
  await recordPhq9(therapist, id, idAt(course, 12), 3);
  await recordGad7(therapist, id, idAt(course, 12), 4);
  await recorded(therapist, id, { sessionId: idAt(course, 12), instrument: "hamd17", total: 7 });
  course = asCourse(
    await therapist.patch(`/api/courses/${id}/termination-checklist`, {
      version: course.version,
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: true,
      relapseWarningSigns: "Early waking and withdrawing from friends.",
      relapsePlan: "Early waking and withdrawing from friends: call the clinic.",
      nextStep: "maintenance_offered",
    }),
  );
  course = asCourse(
    await therapist.post(`/api/courses/${id}/completion`, {
      version: course.version,
      outcome: "completed",
      endedOn: "2026-03-23",
    }),
  );
  return { therapist, course };
}

const indicator = (summary: EndOfTreatmentSummary, code: string) =>
  summary.outcome.indicators.find((i) => i.code === code)?.met;

describe("the end-of-treatment summary", () => {
  it("of a completed course: facts, sessions, baseline → final on each measure, outcome, work done and ending", async () => {
    const { therapist, course } = await completedCourse();

    const summary = await summaryOf(therapist, course.id);

    expect(summary.course).toMatchObject({
      id: course.id,
      sequence: 1,
      format: "standard",
      phase: "completed",
      plannedSessions: 12,
      startDate: "2026-01-05",
      endedOn: "2026-03-23",
      outcome: "completed",
      primaryArea: "role_transition",
    });
    expect(summary.client).toEqual({ id: course.client.id, displayName: course.client.displayName });
    expect(summary.therapist).toEqual({ id: therapist.id, name: therapist.name, email: therapist.email });
    expect(summary.sessions).toEqual({ held: 11, noShow: 1, cancelled: 0, planned: 0 });
    expect([summary.firstHeldOn, summary.lastHeldOn]).toEqual(["2026-01-05", "2026-03-23"]);

    expect(summary.measures.phq9).toEqual({
      instrument: "phq9",
      baseline: { sessionNumber: 1, total: 20 },
      latest: { sessionNumber: 12, total: 3 },
      change: -17,
      reductionPercent: 85,
      count: 5,
    });
    expect(summary.measures.gad7).toMatchObject({ baseline: { total: 12 }, latest: { total: 4 }, count: 2 });
    expect(summary.measures.hamd17).toMatchObject({
      baseline: { total: 22 },
      latest: { total: 7 },
      change: -15,
    });
    expect(summary.baselineBands).toEqual({
      phq9: { key: "severe", label: "Severe" },
      gad7: { key: "moderate", label: "Moderate" },
      hamd17: { key: "severe", label: "Severe" },
    });
    expect(summary.finalBands).toEqual({
      phq9: { key: "minimal", label: "Minimal" },
      gad7: { key: "minimal", label: "Minimal" },
      hamd17: { key: "normal", label: "Normal" },
    });
    expect(summary.outcome.status).toBe("remission");
    for (const code of [
      "response",
      "remission",
      "nhs_tt_recovery",
      "nhs_tt_reliable_recovery",
      "hamd17_remission",
    ]) {
      expect(indicator(summary, code), code).toBe(true);
    }
    expect(indicator(summary, "partial_response")).toBe(false);
    expect(indicator(summary, "phq9_reliable_deterioration")).toBe(false);
    // Every indicator names its source.
    expect(summary.outcome.indicators.every((i) => i.sources.length > 0)).toBe(true);

    // Held sessions only (session 5 was a no-show), most used first.
    expect(summary.techniques).toEqual([
      { technique: "communication_analysis", sessions: 8 },
      { technique: "role_play", sessions: 4 },
      { technique: "decision_analysis", sessions: 3 },
    ]);
    expect(summary.termination).toMatchObject({
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: true,
      relapsePlan: "Early waking and withdrawing from friends: call the clinic.",
      nextStep: "maintenance_offered",
    });
    expect(summary.termination.raisedAt).not.toBeNull();
    expect(summary.riskFlags).toEqual({ raised: 0, open: 0 });
    expect(Math.abs(Date.parse(summary.generatedAt) - Date.now())).toBeLessThan(60_000);

    const [row] = await auditRows(prisma, { entityId: course.id, action: "course.summary_viewed" });
    expect(row).toMatchObject({
      actorId: therapist.id,
      entityType: "course",
      outcome: "success",
      details: null,
    });
  });

  it("of a course still running: the summary so far, on current scores only (a corrected score no longer counts)", async () => {
    const { therapist, course: opened } = await therapistWithCourse(app, prisma, { phase: "middle" });
    let course = opened;
    for (const number of [1, 2, 3, 4]) course = await hold(therapist, opened.id, number);
    await recordPhq9(therapist, course.id, idAt(course, 1), 14);
    await recordGad7(therapist, course.id, idAt(course, 1), 10);
    // Session 4's PHQ-9 entered as 9, then corrected to 12 with item 9 answered 1: a risk flag.
    const { score: mistaken } = await recordPhq9(therapist, course.id, idAt(course, 4), 9);
    const corrected = await therapist.post(`/api/measures/${mistaken.id}/corrections`, {
      items: phq9(12, 1),
      reason: "Transcribed from the paper form incorrectly.",
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    await recorded(therapist, course.id, { sessionId: idAt(course, 4), instrument: "gad7", items: gad7(9) });

    const summary = await summaryOf(therapist, course.id);

    expect(summary.course).toMatchObject({ phase: "middle", endedOn: null, outcome: null });
    expect(summary.sessions).toEqual({ held: 4, noShow: 0, cancelled: 0, planned: 8 });
    expect(summary.measures.phq9).toMatchObject({
      baseline: { sessionNumber: 1, total: 14 },
      latest: { sessionNumber: 4, total: 12 },
      count: 2,
    });
    expect(summary.measures.hamd17).toBeNull();
    expect(summary.baselineBands.hamd17).toBeNull();
    expect(summary.finalBands.phq9).toEqual({ key: "moderate", label: "Moderate" });
    expect(summary.outcome.status).toBe("non_response");
    expect(summary.riskFlags).toEqual({ raised: 1, open: 1 });
    expect(summary.termination).toMatchObject({ raisedAt: null, relapsePlan: null, nextStep: null });
  });

  it("of a course with nothing held yet: no scores, nothing held", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma);
    const summary = await summaryOf(therapist, course.id);
    expect(summary.course.phase).toBe("initial");
    expect(summary.sessions).toEqual({ held: 0, noShow: 0, cancelled: 0, planned: 12 });
    expect([summary.firstHeldOn, summary.lastHeldOn]).toEqual([null, null]);
    expect(summary.measures).toEqual({ phq9: null, gad7: null, hamd17: null });
    expect(summary.finalBands).toEqual({ phq9: null, gad7: null, hamd17: null });
    expect(summary.outcome.status).toBe("no_scores");
    expect(summary.techniques).toEqual([]);
  });
});

/** A running course with an open risk flag (followed up), for the access tests. */
const { therapist: owner, course: shared } = await therapistWithCourse(app, prisma, { phase: "middle" });
const held = await hold(owner, shared.id, 1);
const { riskFlag } = await recordPhq9(owner, shared.id, idAt(held, 1), 16, 1);
await followedUp(owner, riskFlag!.id);

describe("who may read the summary", () => {
  it("a supervisor assigned to the therapist reads the same summary, audited as theirs", async () => {
    const { supervisor } = await supervisorOf(app, prisma, owner);
    const own = await summaryOf(owner, shared.id);
    const theirs = await summaryOf(supervisor, shared.id);
    expect({ ...theirs, generatedAt: null }).toEqual({ ...own, generatedAt: null });
    expect(theirs.riskFlags).toEqual({ raised: 1, open: 1 });
    const rows = await auditRows(prisma, { entityId: shared.id, action: "course.summary_viewed" });
    expect(rows.map((row) => row.actorId)).toContain(supervisor.id);
  });

  it("another therapist, or a supervisor not assigned, gets the same 404 as a missing course, audited as denied", async () => {
    const missing = expectApiError(await owner.get(summaryUrl(crypto.randomUUID())), 404, "not_found");
    for (const role of ["therapist", "supervisor"] as const) {
      const intruder = await signedInAs(app, prisma, role);
      const error = expectApiError(await intruder.get(summaryUrl(shared.id)), 404, "not_found");
      expect(error.message).toBe(missing.message);
      const rows = await prisma.auditEvent.findMany({ where: { actorId: intruder.id, entityId: shared.id } });
      expect(rows.map((row) => [row.action, row.outcome])).toEqual([["client.access_denied", "denied"]]);
    }
  });

  it("removing the supervisor's assignment ends their access at once", async () => {
    const assignment = await supervisorOf(app, prisma, owner);
    const { supervisor } = assignment;
    expect((await supervisor.get(summaryUrl(shared.id))).statusCode).toBe(200);
    await assignment.unassign();
    expectApiError(await supervisor.get(summaryUrl(shared.id)), 404, "not_found");
  });

  it("an admin is refused with 403, and nothing is read", async () => {
    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await admin.get(summaryUrl(shared.id)), 403, "forbidden");
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id, entityId: shared.id } })).toBe(0);
  });
});
