// Each supervisee at a glance: caseload, response and remission shares over measured courses (open or
// completed), open risk flags, clients with overdue items and the supervisors' fidelity average.
// (Refusals for other roles and the query count are in cockpit.int.test.ts, with the cockpit's.)
import { fidelityItemKeys, therapistSummariesResponse, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  asSession,
  courseFor,
  newClient,
  ok,
  signedInAs,
  type Clinician,
  outreachAttempted,
} from "../../test/helpers/clinical";
import { heldSession, recordGad7, recordPhq9 } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();
const URL = "/api/supervision/therapists";
const admin = await signedInAs(app, prisma, "admin");

const summariesOf = async (who: Clinician) => ok(await who.get(URL), therapistSummariesResponse).items;

async function assign(supervisor: Clinician, therapist: Clinician) {
  const response = await admin.put(`/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`, {});
  expect(response.statusCode, response.body).toBe(200);
}

/** A client in the middle phase with PHQ-9 `totals` at sessions 1, 2, … (item 9 of the first: `item9`). */
async function scored(who: Clinician, totals: number[], item9 = 0) {
  const course = await courseFor(who, { phase: "middle", client: await newClient(who) });
  const sessionIds: string[] = [];
  for (const [index, total] of totals.entries()) {
    const session = await heldSession(who, course, index + 1);
    await recordPhq9(who, course.id, session.id, total, index === 0 ? item9 : 0);
    sessionIds.push(session.id);
  }
  return { course, sessionIds };
}

async function discontinue(who: Clinician, courseId: string) {
  // Discontinuing with recent risk needs a recorded outreach attempt first (safety/outreach).
  await outreachAttempted(who, courseId);
  const course = asCourse(await who.get(`/api/courses/${courseId}`));
  asCourse(
    await who.post(`/api/courses/${course.id}/completion`, {
      version: course.version,
      outcome: "discontinued",
      reason: "Moved away.",
      endedOn: "2026-02-01",
    }),
  );
}

/** Every item rated `score` (null: not applicable), as the fidelity form stores it. */
const scoresOf = (score: number | null) => Object.fromEntries(fidelityItemKeys.map((key) => [key, score]));

/** A fidelity rating row, as the fidelity service stores one (therapist copied from the course). */
function rating(
  sessionId: string,
  therapist: Clinician,
  rater: Clinician,
  raterRole: "self" | "supervisor",
  score: number | null,
) {
  return prisma.fidelityRating.create({
    data: {
      sessionId,
      therapistId: therapist.id,
      raterId: rater.id,
      raterRole,
      scores: scoresOf(score),
      average: score,
    },
  });
}

/** Signs every held session of the course, and records a GAD-7 at session 1 so no measure is overdue. */
async function upToDate(who: Clinician, course: CourseDetail, sessionIds: string[]) {
  await recordGad7(who, course.id, sessionIds[0]!, 5);
  for (const id of sessionIds) {
    const session = asSession(await who.get(`/api/sessions/${id}`));
    asSession(await who.post(`/api/sessions/${id}/sign`, { version: session.version }));
  }
}

describe("the per-therapist summary", () => {
  it("gives each assigned therapist's caseload, shares, risk, overdue items and fidelity, even with no clients", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const colleague = await signedInAs(app, prisma, "supervisor");
    const busy = await signedInAs(app, prisma);
    const idle = await signedInAs(app, prisma);
    const elsewhere = await signedInAs(app, prisma);
    await assign(supervisor, busy);
    await assign(supervisor, idle);

    // Measured (baseline ≥ 10 and a later PHQ-9): response, remission (on a discontinued course), none.
    const response = await scored(busy, [16, 8]);
    const remission = await scored(busy, [15, 3], 1);
    await discontinue(busy, remission.course.id);
    await scored(busy, [16, 15]);
    // Not measured: baseline below 10; baseline only (with an open risk flag).
    const low = await scored(busy, [8, 4]);
    await upToDate(busy, low.course, low.sessionIds);
    await scored(busy, [12], 2);
    // Not active and not theirs: a therapist nobody here supervises.
    const theirs = await scored(elsewhere, [20, 4]);

    await rating(response.sessionIds[0]!, busy, supervisor, "supervisor", 3);
    await rating(response.sessionIds[1]!, busy, colleague, "supervisor", 4.5);
    await rating(low.sessionIds[0]!, busy, supervisor, "supervisor", null);
    await rating(response.sessionIds[0]!, busy, busy, "self", 1);
    await rating(theirs.sessionIds[0]!, elsewhere, supervisor, "supervisor", 1);

    expect(await summariesOf(supervisor)).toEqual([
      {
        therapist: { id: busy.id, name: busy.name, email: busy.email },
        activeClients: 4,
        measuredCourses: 3,
        responseShare: 0.67,
        remissionShare: 0.33,
        // One on the active baseline-only course, one left open on the discontinued course.
        openRiskFlags: 2,
        // Every active client but the one whose sessions are signed and measures recorded.
        overdueItems: 3,
        // Supervisor ratings only (3 and 4.5; one rated every item "not applicable"); not the self-rating.
        fidelityAverage: 3.75,
        fidelityRatings: 3,
      },
      {
        therapist: { id: idle.id, name: idle.name, email: idle.email },
        activeClients: 0,
        measuredCourses: 0,
        responseShare: null,
        remissionShare: null,
        openRiskFlags: 0,
        overdueItems: 0,
        fidelityAverage: null,
        fidelityRatings: 0,
      },
    ]);
    const rows = await prisma.auditEvent.findMany({
      where: { actorId: supervisor.id, action: "supervision.summary_viewed" },
    });
    expect(rows.map((row) => [row.outcome, row.details])).toEqual([["success", { count: 2 }]]);
  });

  it("removing an assignment drops the therapist at once; no assignment, no rows", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const therapist = await signedInAs(app, prisma);
    await assign(supervisor, therapist);
    await scored(therapist, [14]);
    expect((await summariesOf(supervisor)).map((item) => [item.therapist.id, item.activeClients])).toEqual([
      [therapist.id, 1],
    ]);

    const removed = await admin.delete(`/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`);
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect(await summariesOf(supervisor)).toEqual([]);
  });
});
