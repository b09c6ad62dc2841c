// The supervisor's views read sessions, scores, risk flags and life events aggregated in one SQL query
// (course-facts.ts). Here the facts and what the rules make of them must equal what the full rows give
// through the general path (seriesOf, correctedIds, nextPlanned, courseMeasuresOf, flagsOf) — the
// computation the cockpit used before — on courses with held, signed, no-show and cancelled sessions,
// corrected scores, HAM-D-17, open and resolved risk flags with follow-ups, life events and an ending.
import { courseOutcomeOf, recordMeasureResponse, riskFlagDetail, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import {
  addLifeEvent,
  asCourse,
  asSession,
  courseFor,
  newClient,
  ok,
  signedInAs,
  type Clinician,
  outreachAttempted,
} from "../../test/helpers/clinical";
import {
  followedUp,
  heldSession,
  noShowSession,
  recordGad7,
  recorded,
  recordPhq9,
  phq9,
} from "../../test/helpers/measures";
import { flagCourseSelect, flagsOf, nextPlanned } from "../clinical/courses/course-flags";
import { correctedIds } from "../clinical/measures/measure-wire";
import {
  courseMeasureFlags,
  courseMeasuresOf,
  measureSummaryOf,
  seriesOf,
} from "../clinical/measures/measure-state";
import { getMeasurementSettings } from "../clinical/measures/settings-read";
import { loadCourseFacts, type CourseFacts } from "./course-facts";

const { app, prisma } = await createTestApp();
const therapist = await signedInAs(app, prisma);

const courseOf = async (who: Clinician, id: string) => asCourse(await who.get(`/api/courses/${id}`));

/** Signs a session, ticking its risk review first when a flag was raised earlier in the course. */
async function signSession(who: Clinician, sessionId: string) {
  let session = asSession(await who.get(`/api/sessions/${sessionId}`));
  if (session.riskReview.required && !session.riskReview.done) {
    session = asSession(
      await who.patch(`/api/sessions/${sessionId}`, { version: session.version, riskReviewDone: true }),
    );
  }
  asSession(await who.post(`/api/sessions/${sessionId}/sign`, { version: session.version }));
}

/** Every kind of row the facts summarise, in a standard middle-phase course of 12 sessions. */
async function variedCourse() {
  const client = await newClient(therapist, { displayName: "Vera Varied" });
  await addLifeEvent(therapist, client.id, "death");
  await addLifeEvent(therapist, client.id, "dispute");
  await addLifeEvent(therapist, client.id, "dispute", "2025-08-01");
  const course = await courseFor(therapist, { phase: "middle", client });

  // Session 1: risk raised, followed up and resolved; session 2 held and signed.
  const one = await heldSession(therapist, course, 1);
  const first = await recordPhq9(therapist, course.id, one.id, 16, 1);
  await recordGad7(therapist, course.id, one.id, 12);
  const followUp = await followedUp(therapist, first.riskFlag!.id);
  ok(
    await therapist.post(`/api/risk-flags/${first.riskFlag!.id}/resolve`, {
      version: followUp.version,
      reason: "Assessed: no current risk.",
    }),
    riskFlagDetail,
  );
  const two = await heldSession(therapist, course, 2);
  await signSession(therapist, two.id);
  // Session 3 missed; session 4 scored, then the PHQ-9 corrected, and a HAM-D-17.
  await noShowSession(therapist, course, 3);
  const four = await heldSession(therapist, course, 4);
  const wrong = await recordPhq9(therapist, course.id, four.id, 15);
  ok(
    await therapist.post(`/api/measures/${wrong.score.id}/corrections`, {
      items: phq9(13),
      reason: "Re-read the form.",
    }),
    recordMeasureResponse,
    201,
  );
  await recorded(therapist, course.id, { sessionId: four.id, instrument: "hamd17", total: 20 });
  // Session 5: a risk left open; then two no-shows in a row.
  const five = await heldSession(therapist, course, 5);
  await recordPhq9(therapist, course.id, five.id, 12, 2);
  await recordGad7(therapist, course.id, five.id, 10);
  await noShowSession(therapist, course, 6);
  await noShowSession(therapist, course, 7);
  // Session 9 cancelled and replaced at the end of the plan.
  const current = await courseOf(therapist, course.id);
  const nine = current.sessions.find((session) => session.number === 9)!;
  asCourse(
    await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
      version: current.version,
      sessionId: nine.id,
      reason: "Client unwell",
      replace: true,
    }),
  );
  return course;
}

/**
 * IPT-B with the ending due at session 5 and not raised, PHQ-9 barely moving, and a risk flag whose
 * follow-up (without a resolution) is the course's latest write.
 */
async function briefCourse() {
  const client = await newClient(therapist, { displayName: "Bea Brief" });
  const course = await courseFor(therapist, { phase: "middle", client, format: "ipt_b", terminationLead: 4 });
  const one = await heldSession(therapist, course, 1);
  const risky = await recordPhq9(therapist, course.id, one.id, 14, 1);
  for (const number of [2, 3, 4, 5]) {
    const session = await heldSession(therapist, course, number);
    if (number === 4) await recordPhq9(therapist, course.id, session.id, 13);
  }
  await followedUp(therapist, risky.riskFlag!.id);
  return course;
}

/** Discontinued with a risk flag still open. */
async function endedCourse() {
  const course = await courseFor(therapist, {
    phase: "middle",
    client: await newClient(therapist, { displayName: "Enid Ended" }),
  });
  const one = await heldSession(therapist, course, 1);
  await recordPhq9(therapist, course.id, one.id, 10, 1);
  // Discontinuing with recent risk needs a recorded outreach attempt first (safety/outreach).
  await outreachAttempted(therapist, course.id);
  const current = await courseOf(therapist, course.id);
  asCourse(
    await therapist.post(`/api/courses/${course.id}/completion`, {
      version: current.version,
      outcome: "discontinued",
      reason: "Moved away.",
      endedOn: "2026-02-01",
    }),
  );
  return course;
}

const courses: CourseDetail[] = [
  await variedCourse(),
  await briefCourse(),
  await endedCourse(),
  // Only planned sessions: no scores, no risk, no life events.
  await courseFor(therapist, { client: await newClient(therapist, { displayName: "Fay Fresh" }) }),
];

/** What the full rows give through the general path: the computation the cockpit used before. */
async function fromFullRows(courseId: string) {
  const [course, sessions, scores, risks] = await Promise.all([
    prisma.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { ...flagCourseSelect, client: { select: { lifeEvents: { select: { kind: true } } } } },
    }),
    prisma.therapySession.findMany({
      where: { courseId },
      select: { id: true, number: true, status: true, signedAt: true, updatedAt: true },
    }),
    prisma.measureScore.findMany({
      where: { courseId },
      select: { id: true, sessionId: true, instrument: true, total: true, correctsId: true, enteredAt: true },
    }),
    prisma.riskFlag.findMany({
      where: { courseId },
      select: {
        sessionId: true,
        itemValue: true,
        raisedAt: true,
        resolvedAt: true,
        followUps: { select: { createdAt: true } },
      },
      orderBy: { raisedAt: "asc" },
    }),
  ]);
  const corrected = correctedIds(scores);
  const current = scores.filter((score) => !corrected.has(score.id));
  const numberOf = new Map(sessions.map((session) => [session.id, session.number]));
  const open = risks.filter((risk) => !risk.resolvedAt);
  const times = [
    ...sessions.map((session) => session.updatedAt),
    ...scores.map((score) => score.enteredAt),
    ...risks.flatMap((risk) => [risk.raisedAt, risk.resolvedAt, ...risk.followUps.map((f) => f.createdAt)]),
  ].flatMap((time) => (time ? [time.getTime()] : []));
  const facts: CourseFacts = {
    attended: sessions.flatMap((session) =>
      (session.status === "held" || session.status === "no_show") && session.number !== null
        ? [{ number: session.number, status: session.status }]
        : [],
    ),
    sessionsHeld: sessions.filter((session) => session.status === "held").length,
    unsignedSessions: sessions.filter(
      (session) => (session.status === "held" || session.status === "no_show") && !session.signedAt,
    ).length,
    nextPlannedNumber: nextPlanned(sessions)?.number ?? null,
    series: seriesOf(sessions, current),
    openRisks: open.map((risk) => ({
      sessionNumber: numberOf.get(risk.sessionId) ?? null,
      itemValue: risk.itemValue,
    })),
    riskSince: open[0]?.raisedAt ?? null,
    lastActivityAt: times.length > 0 ? new Date(Math.max(...times)) : null,
    lifeEventKinds: [...new Set(course.client.lifeEvents.map((event) => event.kind))],
  };
  return {
    course,
    sessions,
    facts,
    measures: courseMeasuresOf({
      course,
      sessions,
      scores: current,
      openRisks: open.map((risk) => ({ sessionId: risk.sessionId, itemValue: risk.itemValue })),
      settings: (await getMeasurementSettings(prisma)).settings,
    }),
  };
}

/** Facts with the unordered lists sorted, to compare. */
const normalised = (facts: CourseFacts) => ({
  ...facts,
  attended: [...facts.attended].sort((a, b) => a.number - b.number),
  lifeEventKinds: [...facts.lifeEventKinds].sort(),
});

describe("course facts", () => {
  it("equal what the full rows give, course by course", async () => {
    const loaded = await loadCourseFacts(
      prisma,
      courses.map((course) => course.id),
    );
    expect([...loaded.keys()].sort()).toEqual(courses.map((course) => course.id).sort());
    for (const course of courses) {
      const expected = await fromFullRows(course.id);
      expect(normalised(loaded.get(course.id)!), course.client.displayName).toEqual(
        normalised(expected.facts),
      );
    }
  });

  it("give the same flags, outcome and summary as the general path", async () => {
    const loaded = await loadCourseFacts(
      prisma,
      courses.map((course) => course.id),
    );
    const { settings } = await getMeasurementSettings(prisma);
    for (const { id } of courses) {
      const expected = await fromFullRows(id);
      const facts = loaded.get(id)!;
      const outcome = courseOutcomeOf(facts.series);
      const next = facts.nextPlannedNumber;
      const flagSessions =
        next === null ? facts.attended : [...facts.attended, { number: next, status: "planned" as const }];
      expect({
        measureFlags: courseMeasureFlags({
          course: expected.course,
          sessions: facts.attended,
          series: facts.series,
          openRiskFlags: facts.openRisks,
          settings,
        }),
        outcome,
        summary: measureSummaryOf(facts.series, outcome, facts.openRisks.length),
        courseFlags: flagsOf(expected.course, flagSessions, facts.lifeEventKinds),
      }).toEqual({
        measureFlags: expected.measures.flags,
        outcome: expected.measures.outcome,
        summary: expected.measures.summary,
        courseFlags: flagsOf(expected.course, expected.sessions, expected.facts.lifeEventKinds),
      });
    }
  });

  it("cover what the fixture set out to exercise", async () => {
    const loaded = await loadCourseFacts(
      prisma,
      courses.map((course) => course.id),
    );
    const [varied, brief, ended, fresh] = courses.map((course) => loaded.get(course.id)!);
    // No-shows, a signed session, a correction (PHQ-9 13, not 15), HAM-D-17, one open risk of two.
    expect(varied).toMatchObject({
      sessionsHeld: 4,
      unsignedSessions: 6,
      nextPlannedNumber: 8,
      openRisks: [{ sessionNumber: 5, itemValue: 2 }],
    });
    expect(varied!.attended.filter((session) => session.status === "no_show")).toHaveLength(3);
    expect(varied!.series.phq9).toEqual([
      { sessionNumber: 1, total: 16 },
      { sessionNumber: 4, total: 13 },
      { sessionNumber: 5, total: 12 },
    ]);
    expect(varied!.series.hamd17).toEqual([{ sessionNumber: 4, total: 20 }]);
    expect(varied!.lifeEventKinds.sort()).toEqual(["death", "dispute"]);
    const { settings } = await getMeasurementSettings(prisma);
    const codes = (facts: CourseFacts, course: CourseDetail) =>
      courseMeasureFlags({
        course,
        sessions: facts.attended,
        series: facts.series,
        openRiskFlags: facts.openRisks,
        settings,
      }).map((flag) => flag.code);
    expect(codes(varied!, courses[0]!)).toEqual(expect.arrayContaining(["risk_item9", "no_shows_in_a_row"]));
    expect(brief!.nextPlannedNumber).toBe(6);
    const followUp = await prisma.safetyFollowUp.findFirstOrThrow({
      where: { riskFlag: { courseId: courses[1]!.id } },
    });
    expect(brief!.lastActivityAt).toEqual(followUp.createdAt);
    expect(ended).toMatchObject({ openRisks: [{ sessionNumber: 1, itemValue: 1 }], sessionsHeld: 1 });
    expect(fresh).toMatchObject({
      attended: [],
      sessionsHeld: 0,
      unsignedSessions: 0,
      nextPlannedNumber: 1,
      series: { phq9: [], gad7: [], hamd17: [] },
      openRisks: [],
      riskSince: null,
      lifeEventKinds: [],
    });
    expect(fresh!.lastActivityAt).toBeInstanceOf(Date);
  });

  it("are empty for no course, and every course asked for gets its facts", async () => {
    expect((await loadCourseFacts(prisma, [])).size).toBe(0);
    const [only] = courses;
    expect([...(await loadCourseFacts(prisma, [only!.id])).keys()]).toEqual([only!.id]);
  });
});
