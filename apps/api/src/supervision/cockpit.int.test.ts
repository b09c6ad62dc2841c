// The supervisor's cockpit: every active client of every therapist assigned to the supervisor, most
// urgent first (unresolved risk, then non-response, then overdue items, then the rest), filterable,
// audited, a fixed number of queries whatever the size, and nothing of anyone else's supervisees.
import { cockpitResponse, type CockpitResponse, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  asSession,
  courseFor,
  newClient,
  ok,
  signedInAs,
  type Clinician,
  type CourseOptions,
} from "../../test/helpers/clinical";
import { heldSession, recordGad7, recordPhq9 } from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();
const URL = "/api/supervision/cockpit";
const admin = await signedInAs(app, prisma, "admin");

const cockpitOf = async (who: Clinician, query = "") => ok(await who.get(`${URL}${query}`), cockpitResponse);
const namesOf = (page: CockpitResponse) => page.items.map((row) => row.client.displayName);

async function assign(supervisor: Clinician, therapist: Clinician) {
  const response = await admin.put(`/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`, {});
  expect(response.statusCode, response.body).toBe(200);
}

async function unassign(supervisor: Clinician, therapist: Clinician) {
  const response = await admin.delete(`/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`);
  expect(response.statusCode, response.body).toBeLessThan(300);
}

/** A client named `displayName` with a course set up as `options` say (the middle phase by default). */
async function clientWithCourse(who: Clinician, displayName: string, options: CourseOptions = {}) {
  const client = await newClient(who, { displayName });
  return courseFor(who, { phase: "middle", ...options, client });
}

/** A client whose PHQ-9 at session 1 answered item 9 above 0: an open risk flag. */
async function atRisk(who: Clinician, displayName: string) {
  const course = await clientWithCourse(who, displayName);
  const session = await heldSession(who, course, 1);
  await recordPhq9(who, course.id, session.id, 14, 1);
  await recordGad7(who, course.id, session.id, 8);
  return course;
}

/** PHQ-9 from 10 to 17 by session 2: reliable deterioration (non-response). */
async function deteriorating(who: Clinician, displayName: string) {
  const course = await clientWithCourse(who, displayName);
  const one = await heldSession(who, course, 1);
  await recordPhq9(who, course.id, one.id, 10);
  await recordGad7(who, course.id, one.id, 5);
  const two = await heldSession(who, course, 2);
  await recordPhq9(who, course.id, two.id, 17);
  return course;
}

/** Session 1 held, with no scores and not signed: measures overdue and an unsigned session. */
async function overdue(who: Clinician, displayName: string) {
  const course = await clientWithCourse(who, displayName);
  await heldSession(who, course, 1);
  return course;
}

async function discontinue(who: Clinician, course: CourseDetail) {
  asCourse(
    await who.post(`/api/courses/${course.id}/completion`, {
      version: course.version,
      outcome: "discontinued",
      reason: "Moved away.",
      endedOn: "2026-02-01",
    }),
  );
}

/**
 * Two supervised therapists and one who is not. Created oldest first: the quiet client, then overdue,
 * then non-response, then the risk clients (B's flag raised before A's), so only the urgency rule
 * (never creation order or name) can produce the expected order.
 */
async function supervisedPractice() {
  const supervisor = await signedInAs(app, prisma, "supervisor");
  const a = await signedInAs(app, prisma);
  const b = await signedInAs(app, prisma);
  const other = await signedInAs(app, prisma);
  await assign(supervisor, a);
  await assign(supervisor, b);

  const quiet = await clientWithCourse(a, "Quinn Quiet", { phase: "initial" });
  const late = await overdue(a, "Olive Overdue");
  const worse = await deteriorating(b, "Nina Nonresponse");
  const riskB = await atRisk(b, "Zara Risk");
  const riskA = await atRisk(a, "Abel Risk");
  // Not active: no course yet, a discontinued course; and a client of an unassigned therapist.
  await newClient(a, { displayName: "Ian Intake" });
  await discontinue(a, await clientWithCourse(a, "Dana Discontinued"));
  await overdue(other, "Oscar Elsewhere");
  return { supervisor, a, b, other, courses: { quiet, late, worse, riskA, riskB } };
}

const practice = await supervisedPractice();

const counting = await queryCountingApp(databaseUrl);

describe("the supervisor's cockpit", () => {
  it("lists every active client of the assigned therapists, most urgent first, and audits the view", async () => {
    const { supervisor } = practice;
    const page = await cockpitOf(supervisor);

    expect(namesOf(page)).toEqual([
      "Zara Risk", // the risk flag raised first comes first, whatever the names
      "Abel Risk",
      "Nina Nonresponse",
      "Olive Overdue",
      "Quinn Quiet",
    ]);
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 25 });
    expect(page.items.map((row) => [row.risk, row.nonResponse])).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [false, false],
      [false, false],
    ]);
    expect(page.items[0]!.therapist).toEqual({
      id: practice.b.id,
      name: practice.b.name,
      email: practice.b.email,
    });
    expect(page.items[0]!.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
    expect(page.items[2]!.flags.map((flag) => flag.code)).toContain("reliable_deterioration");
    expect(page.items[3]!.overdue).toEqual({
      measures: true,
      unsignedSessions: 1,
      terminationNotRaised: false,
    });
    expect(page.items[4]).toMatchObject({
      course: { phase: "initial", sessionsHeld: 0, plannedSessions: 12 },
      overdue: { measures: false, unsignedSessions: 0, terminationNotRaised: false },
      measures: { latestPhq9: null, status: "no_scores", openRiskFlags: 0 },
      flags: [],
    });

    const rows = await prisma.auditEvent.findMany({
      where: { actorId: supervisor.id, action: "cockpit.viewed" },
    });
    expect(rows.map((row) => [row.outcome, row.details])).toEqual([["success", { count: 5 }]]);
  });

  it("filters by therapist, phase and flag, and pages after sorting", async () => {
    const { supervisor, a, b } = practice;
    expect(namesOf(await cockpitOf(supervisor, `?therapistId=${a.id}`))).toEqual([
      "Abel Risk",
      "Olive Overdue",
      "Quinn Quiet",
    ]);
    expect(namesOf(await cockpitOf(supervisor, `?therapistId=${b.id}&flag=risk`))).toEqual(["Zara Risk"]);
    expect(namesOf(await cockpitOf(supervisor, "?phase=initial"))).toEqual(["Quinn Quiet"]);
    expect(namesOf(await cockpitOf(supervisor, "?phase=middle&flag=risk"))).toEqual([
      "Zara Risk",
      "Abel Risk",
    ]);
    expect(namesOf(await cockpitOf(supervisor, "?flag=non_response"))).toEqual(["Nina Nonresponse"]);
    // Held, unsigned sessions make every client with a held session overdue; the quiet one has none.
    expect(namesOf(await cockpitOf(supervisor, "?flag=overdue"))).toEqual([
      "Zara Risk",
      "Abel Risk",
      "Nina Nonresponse",
      "Olive Overdue",
    ]);
    // A completed course is never an active client.
    expect(await cockpitOf(supervisor, "?phase=completed")).toMatchObject({ items: [], total: 0 });

    const second = await cockpitOf(supervisor, "?pageSize=2&page=2");
    expect(namesOf(second)).toEqual(["Nina Nonresponse", "Olive Overdue"]);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });

    const details = (
      await prisma.auditEvent.findMany({
        where: { actorId: supervisor.id, action: "cockpit.viewed" },
        orderBy: { id: "asc" },
      })
    ).map((row) => row.details);
    expect(details).toContainEqual({ count: 3, therapistId: a.id });
  });

  it("a therapist not assigned to the supervisor answers 404, audited as denied", async () => {
    const { supervisor, other } = practice;
    for (const therapistId of [other.id, crypto.randomUUID()]) {
      const error = expectApiError(
        await supervisor.get(`${URL}?therapistId=${therapistId}`),
        404,
        "not_found",
      );
      expect(error.message).toBe("The therapist was not found.");
      const [row] = await auditRows(prisma, { entityId: therapistId, action: "client.access_denied" });
      expect(row).toMatchObject({
        actorId: supervisor.id,
        action: "client.access_denied",
        outcome: "denied",
        entityType: "user",
      });
    }
  });

  it("refuses a bad query with 400 naming each field", async () => {
    const response = await practice.supervisor.get(
      `${URL}?flag=urgent&phase=ending&therapistId=x&pageSize=500`,
    );
    const error = expectApiError(response, 400, "validation_failed");
    expect(fieldNames(error)).toEqual(["query.flag", "query.pageSize", "query.phase", "query.therapistId"]);
  });

  it("shows session n of N, the latest PHQ-9 and its change, the status, overdue items and the last activity", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const therapist = await signedInAs(app, prisma);
    await assign(supervisor, therapist);
    // IPT-B: 9 sessions, ending to be raised 4 before the end (at session 5).
    const course = await clientWithCourse(therapist, "Rita Row", { format: "ipt_b", terminationLead: 4 });
    const one = await heldSession(therapist, course, 1);
    await recordPhq9(therapist, course.id, one.id, 16);
    await recordGad7(therapist, course.id, one.id, 12);
    asSession(await therapist.post(`/api/sessions/${one.id}/sign`, { version: one.version }));
    await heldSession(therapist, course, 2);
    await heldSession(therapist, course, 3);
    const four = await heldSession(therapist, course, 4);
    await recordPhq9(therapist, course.id, four.id, 8);
    await recordGad7(therapist, course.id, four.id, 6);

    const [row] = (await cockpitOf(supervisor)).items;
    const [lastSession, lastScore] = await Promise.all([
      prisma.therapySession.aggregate({ where: { courseId: course.id }, _max: { updatedAt: true } }),
      prisma.measureScore.aggregate({ where: { courseId: course.id }, _max: { enteredAt: true } }),
    ]);
    const lastActivity = [lastSession._max.updatedAt!, lastScore._max.enteredAt!].sort((x, y) => +y - +x)[0]!;

    expect(row).toEqual({
      client: { id: course.client.id, displayName: "Rita Row" },
      therapist: { id: therapist.id, name: therapist.name, email: therapist.email },
      course: { id: course.id, format: "ipt_b", phase: "middle", sessionsHeld: 4, plannedSessions: 9 },
      measures: {
        latestPhq9: { total: 8, sessionNumber: 4, band: { key: "mild", label: "Mild" } },
        latestGad7: { total: 6, sessionNumber: 4, band: { key: "mild", label: "Mild" } },
        phq9Change: -8,
        phq9ReductionPercent: 50,
        status: "response",
        statusLabel: "Response",
        openRiskFlags: 0,
      },
      risk: false,
      nonResponse: false,
      overdue: { measures: false, unsignedSessions: 3, terminationNotRaised: true },
      flags: [expect.objectContaining({ code: "termination_not_raised", severity: "amber" })],
      lastActivityAt: lastActivity.toISOString(),
    });
  });
});

describe("who sees the cockpit", () => {
  it("a supervisor with no assignment sees an empty cockpit; another supervisor's supervisees never appear", async () => {
    const stranger = await signedInAs(app, prisma, "supervisor");
    expect(await cockpitOf(stranger)).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 25,
      riskFlagsAwaitingAcknowledgement: 0,
    });
    const [row] = await prisma.auditEvent.findMany({
      where: { actorId: stranger.id, action: "cockpit.viewed" },
    });
    expect(row?.details).toEqual({ count: 0 });
    // The practice's "Oscar Elsewhere" belongs to a therapist nobody assigned.
    expect(namesOf(await cockpitOf(practice.supervisor))).not.toContain("Oscar Elsewhere");
  });

  it("removing an assignment ends visibility at once", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const therapist = await signedInAs(app, prisma);
    await assign(supervisor, therapist);
    await overdue(therapist, "Gone Soon");
    expect(namesOf(await cockpitOf(supervisor))).toEqual(["Gone Soon"]);
    await unassign(supervisor, therapist);
    expect(await cockpitOf(supervisor)).toMatchObject({ items: [], total: 0 });
    expectApiError(await supervisor.get(`${URL}?therapistId=${therapist.id}`), 404, "not_found");
  });

  it.each(["therapist", "admin"] as const)(
    "%s accounts are refused with 403, and nothing is audited as viewed",
    async (role) => {
      const other = role === "therapist" ? practice.a : await signedInAs(app, prisma, role);
      for (const url of [URL, "/api/supervision/therapists"]) {
        expectApiError(await other.get(url), 403, "forbidden");
      }
      const viewed = await prisma.auditEvent.count({
        where: { actorId: other.id, action: { in: ["cockpit.viewed", "supervision.summary_viewed"] } },
      });
      expect(viewed).toBe(0);
    },
  );

  it("without a session answers 401", async () => {
    expectApiError(await app.inject({ method: "GET", url: URL }), 401, "unauthenticated");
  });
});

describe("cockpit queries", () => {
  /** The queries one request makes (sign-in excluded), and its body. */
  async function counted(email: string, url: string) {
    const { queries, response } = await counting.countedGet(email, url);
    expect(response.statusCode, response.body).toBe(200);
    return { queries, body: response.json<unknown>() };
  }

  /** A supervisor of `therapists` therapists with `clients` clients each, every client scored and at risk. */
  async function practiceOf(therapists: number, clients: number) {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    for (let t = 0; t < therapists; t++) {
      const therapist = await signedInAs(app, prisma);
      await assign(supervisor, therapist);
      for (let c = 0; c < clients; c++) await atRisk(therapist, `Client ${t}.${c}`);
    }
    return supervisor;
  }

  it("do not grow with the number of therapists and clients", async () => {
    const small = await practiceOf(1, 1);
    const large = await practiceOf(3, 4);

    for (const url of [URL, "/api/supervision/therapists"]) {
      const one = await counted(small.email, url);
      const twelve = await counted(large.email, url);
      // At least the session, the assignments, the data and the audit row.
      expect(one.queries, url).toBeGreaterThan(3);
      expect(twelve.queries, url).toBe(one.queries);
    }
    const page = cockpitResponse.parse((await counted(large.email, URL)).body);
    expect(page.total).toBe(12);
    expect(page.items.every((row) => row.risk && row.measures.latestPhq9?.total === 14)).toBe(true);
    // Its setup makes about a hundred writes, each refreshing its course summary.
  }, 120_000);
});
