// Proves, by property (fast-check, fixed seed, real PostgreSQL), that the course summaries the
// cockpit reads are kept current on write: after every step of a random history of a course, sent
// through the real API (sessions held, missed, reset to planned, signed, cancelled with or without a
// replacement; scores entered and corrected, risk raised, followed up and resolved; life events; the
// client renamed; the middle phase begun, the ending raised, the course discontinued; the measurement
// thresholds changed), every stored row equals what the rules compute from scratch
// (computeCourseSummaries, the computation course-facts.int.test.ts proves equal to the full rows).
// Many steps are refused (a score at a planned session, a resolve before its follow-up...): a refused
// write must leave the summary as it was, which the same check proves.
// A history may run on a maintenance course after a completed acute course (docs/decisions/026): then
// the row must follow the maintenance course's own measurement points and alerts. So after every step
// the row is also compared with what the course page shows (phase, session n of N, measures, flags),
// which reads the course's kind on its own path: a summary that computed a maintenance course with the
// acute schedule would differ (another point overdue, acute response alerts).
// The caseload reads the same rows (docs/decisions/024): after every step the client's caseload entry
// must equal the one the general rules compute from every session, score and flag
// (test/helpers/caseload-reference.ts), and the phase and flags filters must find the client by what
// its entry shows.
import {
  caseloadResponse,
  cockpitRow,
  defaultMeasurementSettings,
  endpointPath,
  endpoints,
  type CourseDetail,
} from "@ipt/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  courseFor,
  newClient,
  ok,
  outreachAttempted,
  signedInAs,
  type Clinician,
} from "../../test/helpers/clinical";
import { referenceCaseload } from "../../test/helpers/caseload-reference";
import { completedAcuteCourse, startMaintenance } from "../../test/helpers/maintenance";
import { followUpBody, gad7, phq9 } from "../../test/helpers/measures";
import { verifyCourseSummaries } from "./course-summary";

const { app, prisma } = await createTestApp();
const therapist = await signedInAs(app, prisma);
const admin = await signedInAs(app, prisma, "admin");
const SETTINGS_URL = "/api/admin/settings/measurement";

type Step =
  | { kind: "status"; n: number; status: "held" | "no_show" | "planned" }
  | { kind: "sign"; n: number }
  | { kind: "score"; n: number; instrument: "phq9" | "gad7" | "hamd17"; total: number; item9: number }
  | { kind: "correct"; pick: number; total: number }
  | { kind: "followUp"; pick: number }
  | { kind: "resolve"; pick: number }
  | { kind: "lifeEvent"; event: "death" | "dispute" | "transition" | "other" }
  | { kind: "rename"; name: string }
  | { kind: "cancel"; n: number; replace: boolean }
  | { kind: "middle" }
  | { kind: "ending" }
  | { kind: "discontinue" }
  | { kind: "settings"; noShowsInARow: number; measureEverySessions: number };

const session = fc.integer({ min: 1, max: 8 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("status"),
      n: session,
      status: fc.constantFrom("held", "no_show", "planned"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sign"), n: session }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("score"),
      n: session,
      instrument: fc.constantFrom("phq9", "gad7", "hamd17"),
      total: fc.integer({ min: 0, max: 21 }),
      item9: fc.constantFrom(0, 0, 1, 3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("correct"),
      pick: fc.nat(),
      total: fc.integer({ min: 0, max: 21 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("followUp"), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("resolve"), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("lifeEvent"),
      event: fc.constantFrom("death", "dispute", "transition", "other"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("rename"),
      name: fc.constantFrom("Ann Example", "bob Example", "Émile 2", "Émile 10"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel"), n: session, replace: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("middle") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("ending") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("discontinue") }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("settings"),
      noShowsInARow: fc.integer({ min: 2, max: 3 }),
      measureEverySessions: fc.constantFrom(1, 4),
    }),
  },
);

const courseOf = async (courseId: string) =>
  asCourse(await therapist.get(endpointPath(endpoints.courses.get, { courseId })));

/** The session numbered `n` now (numbers move when a session is cancelled), or undefined. */
const numbered = (course: CourseDetail, n: number) => course.sessions.find((s) => s.number === n);

const pickOf = <T>(list: readonly T[], pick: number): T | undefined =>
  list.length === 0 ? undefined : list[pick % list.length];

/** Sends one step; a refusal (4xx) is part of the history. A 5xx fails the run. */
async function apply(who: Clinician, courseId: string, clientId: string, step: Step): Promise<number> {
  const course = await courseOf(courseId);
  const sessionRoute = (sessionId: string) => endpointPath(endpoints.sessions.update, { sessionId });
  const target = "n" in step ? numbered(course, step.n) : undefined;
  switch (step.kind) {
    case "status":
      if (!target) return 0;
      return (await who.patch(sessionRoute(target.id), { version: target.version, status: step.status }))
        .statusCode;
    case "sign": {
      if (!target) return 0;
      let version = target.version;
      const tick = await who.patch(sessionRoute(target.id), { version, riskReviewDone: true });
      if (tick.statusCode === 200) version = tick.json<{ version: number }>().version;
      return (await who.post(`${sessionRoute(target.id)}/sign`, { version })).statusCode;
    }
    case "score": {
      if (!target) return 0;
      const body =
        step.instrument === "hamd17"
          ? { sessionId: target.id, instrument: "hamd17", total: step.total }
          : step.instrument === "phq9"
            ? {
                sessionId: target.id,
                instrument: "phq9",
                items: phq9(Math.max(step.total, step.item9), step.item9),
              }
            : { sessionId: target.id, instrument: "gad7", items: gad7(step.total) };
      return (await who.post(endpointPath(endpoints.measures.record, { courseId }), body)).statusCode;
    }
    case "correct": {
      const scores = await prisma.measureScore.findMany({
        where: { courseId, correctedBy: { is: null } },
        orderBy: { enteredAt: "asc" },
        select: { id: true, instrument: true },
      });
      const score = pickOf(scores, step.pick);
      if (!score) return 0;
      const change =
        score.instrument === "hamd17"
          ? { total: step.total }
          : { items: score.instrument === "phq9" ? phq9(step.total) : gad7(step.total) };
      return (
        await who.post(`/api/measures/${score.id}/corrections`, { ...change, reason: "Re-read the form." })
      ).statusCode;
    }
    case "followUp":
    case "resolve": {
      const flags = await prisma.riskFlag.findMany({
        where: { courseId },
        orderBy: { raisedAt: "asc" },
        select: { id: true, version: true },
      });
      const flag = pickOf(flags, step.pick);
      if (!flag) return 0;
      if (step.kind === "followUp") {
        return (await who.post(`/api/risk-flags/${flag.id}/follow-ups`, followUpBody())).statusCode;
      }
      return (
        await who.post(`/api/risk-flags/${flag.id}/resolve`, {
          version: flag.version,
          reason: "Assessed: no current risk.",
        })
      ).statusCode;
    }
    case "lifeEvent":
      return (
        await who.post(endpointPath(endpoints.inventory.addLifeEvent, { clientId }), {
          occurredOn: "2025-06-01",
          kind: step.event,
          description: "An event",
        })
      ).statusCode;
    case "rename": {
      const client = await prisma.client.findUniqueOrThrow({
        where: { id: clientId },
        select: { version: true },
      });
      return (
        await who.patch(`/api/clients/${clientId}`, { version: client.version, displayName: step.name })
      ).statusCode;
    }
    case "cancel":
      if (!target) return 0;
      return (
        await who.post(endpointPath(endpoints.courses.cancelSession, { courseId }), {
          version: course.version,
          sessionId: target.id,
          reason: "Client unwell",
          replace: step.replace,
        })
      ).statusCode;
    case "middle":
      return (
        await who.post(endpointPath(endpoints.courses.beginMiddlePhase, { courseId }), {
          version: course.version,
        })
      ).statusCode;
    case "ending":
      return (
        await who.post(endpointPath(endpoints.courses.raiseEnding, { courseId }), {
          version: course.version,
          earlyReason: "The client asked to end early.",
        })
      ).statusCode;
    case "discontinue": {
      // Discontinuing with recent risk needs an outreach attempt first.
      const current =
        (await prisma.riskFlag.count({ where: { courseId } })) > 0 && course.phase !== "completed"
          ? await outreachAttempted(who, courseId)
          : course;
      return (
        await who.post(endpointPath(endpoints.courses.complete, { courseId }), {
          version: current.version,
          outcome: "discontinued",
          reason: "Moved away.",
          endedOn: "2026-02-01",
        })
      ).statusCode;
    }
    case "settings": {
      const read = (await admin.get(SETTINGS_URL)).json<{
        version: number;
        supervision: object;
        service: object;
        safety: object;
      }>();
      return (
        await admin.put(SETTINGS_URL, {
          version: read.version,
          settings: {
            ...defaultMeasurementSettings,
            noShowsInARow: step.noShowsInARow,
            measureEverySessions: step.measureEverySessions,
          },
          supervision: read.supervision,
          service: read.service,
          safety: read.safety,
        })
      ).statusCode;
    }
  }
}

/** The course a history runs on: a new acute course in its initial or middle phase, or maintenance. */
async function startingCourse(kind: "initial" | "middle" | "maintenance", name: string) {
  if (kind === "maintenance") {
    const acute = await completedAcuteCourse(therapist);
    const course = asCourse(await startMaintenance(therapist, acute.id), 201);
    return { course, courseIds: [acute.id, course.id] };
  }
  const client = await newClient(therapist, { displayName: name });
  const course = await courseFor(therapist, { phase: kind, client });
  return { course, courseIds: [course.id] };
}

/** The stored row of the course agrees with the course page, which reads the course's kind itself. */
async function expectRowAsCoursePage(courseId: string, step: string) {
  const [stored] = await prisma.$queryRaw<{ row: unknown }[]>`
    SELECT row FROM course_summaries WHERE course_id = ${courseId}::uuid`;
  const row = cockpitRow.omit({ client: true, therapist: true }).parse(stored?.row);
  const page = await courseOf(courseId);
  expect(
    {
      phase: row.course.phase,
      sessionsHeld: row.course.sessionsHeld,
      plannedSessions: row.course.plannedSessions,
      measures: row.measures,
      flags: row.flags,
    },
    step,
  ).toEqual({
    phase: page.phase,
    sessionsHeld: page.sessions.filter((session) => session.status === "held").length,
    plannedSessions: page.plannedSessions,
    measures: page.measures,
    flags: page.flags,
  });
}

/** The client's caseload entry equals the general rules' one, and the filters find it by it. */
async function expectCaseloadAsRules(clientId: string, step: string) {
  const [expected] = await referenceCaseload(prisma, therapist.id, { clientIds: [clientId] });
  if (!expected) throw new Error(`client ${clientId} is not in the caseload`);
  const filters = new URLSearchParams({
    q: expected.displayName,
    pageSize: "100",
    flagged: String(expected.flags.length > 0),
    ...(expected.course ? { phase: expected.course.phase } : {}),
  });
  const page = ok(await therapist.get(`/api/clients?${filters.toString()}`), caseloadResponse);
  expect(
    page.items.find((item) => item.id === clientId),
    step,
  ).toEqual(expected);
}

describe("course summaries", () => {
  it("equal the rules computed from scratch after every step of a random history", async () => {
    const statuses = new Map<number, number>();
    const kinds = new Set<string>();
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("initial" as const, "middle" as const, "maintenance" as const),
        fc.array(stepArbitrary, { minLength: 3, maxLength: 10 }),
        async (start, steps) => {
          const { course, courseIds } = await startingCourse(start, `Prop Client ${++counter}`);
          kinds.add(course.kind);
          expect((await verifyCourseSummaries(prisma, { courseIds })).mismatches).toEqual([]);
          await expectCaseloadAsRules(course.client.id, "start");
          for (const step of steps) {
            const status = await apply(therapist, course.id, course.client.id, step);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(status, JSON.stringify(step)).toBeLessThan(500);
            const { mismatches } = await verifyCourseSummaries(prisma, { courseIds });
            expect(mismatches, JSON.stringify(step)).toEqual([]);
            await expectRowAsCoursePage(course.id, JSON.stringify(step));
            await expectCaseloadAsRules(course.client.id, JSON.stringify(step));
          }
        },
      ),
      { numRuns: 30, seed: 2312, endOnFailure: true },
    );
    // Acute and maintenance courses both had histories.
    expect([...kinds].sort()).toEqual(["acute", "maintenance"]);
    // The histories had both accepted and refused writes.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
    // And every course written so far agrees, not only each run's own.
    const all = await verifyCourseSummaries(prisma);
    expect(all.mismatches).toEqual([]);
    expect(all.checked).toBeGreaterThanOrEqual(30);
  }, 600_000);
});
