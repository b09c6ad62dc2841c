// Maintenance IPT on real PostgreSQL (docs/decisions/026): a maintenance course after a completed acute
// course, its plan at the contract's interval, the guards and their 4xx answers naming the field; the
// caseload, the cockpit and the supervisor summaries follow its own measurement points.
import { caseloadResponse, cockpitResponse, therapistSummariesResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  courseFor,
  holdSessions,
  ok,
  planOf,
  sessionNumbered,
  signedInAs,
} from "../../../test/helpers/clinical";
import {
  ACUTE_ENDED_ON,
  completedAcuteCourse,
  maintenanceContract,
  startMaintenance,
} from "../../../test/helpers/maintenance";
import { recordGad7, recordPhq9, supervisorOf } from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

describe("starting a maintenance course", () => {
  it("opens a linked maintenance course with a monthly plan in the maintenance phase (201, audited)", async () => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);
    const course = asCourse(await startMaintenance(therapist, acute.id), 201);
    expect(course).toMatchObject({
      kind: "maintenance",
      phase: "maintenance",
      sequence: 2,
      acuteCourse: { id: acute.id, sequence: 1 },
      plannedSessions: 6,
      frequency: "monthly",
      format: acute.format,
      primaryArea: acute.primaryArea,
      contractAgreedOn: ACUTE_ENDED_ON,
    });
    // The acute course's relapse-prevention plan comes with it, for the sessions to review.
    expect(course.termination.relapseWarningSigns).toBe(acute.termination.relapseWarningSigns);
    expect(planOf(course)).toEqual([
      [1, "2026-04-01", "maintenance", "maintenance", "planned"],
      [2, "2026-04-29", "maintenance", "maintenance", "planned"],
      [3, "2026-05-27", "maintenance", "maintenance", "planned"],
      [4, "2026-06-24", "maintenance", "maintenance", "planned"],
      [5, "2026-07-22", "maintenance", "maintenance", "planned"],
      [6, "2026-08-19", "maintenance", "maintenance-final", "planned"],
    ]);
    expect(course.sessions.every((session) => session.startTime === "10:00")).toBe(true);
    // A score at every session (project synthesis).
    const linked = asCourse(await therapist.get(`/api/courses/${acute.id}`));
    expect(linked.maintenanceCourses).toEqual([{ id: course.id, sequence: 2, phase: "maintenance" }]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "course.maintenance_started", entityId: course.id },
    });
    expect(audit.details).toMatchObject({ acuteCourseId: acute.id, sequence: 2 });
  });

  it("measures at every maintenance session and has no termination phase to raise", async () => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);
    const course = asCourse(await startMaintenance(therapist, acute.id), 201);
    const measures = await therapist.get(`/api/courses/${course.id}/measures`);
    expect(measures.statusCode).toBe(200);
    const schedule = measures.json<{ schedule: { sessionNumber: number; reasons: string[] }[] }>().schedule;
    expect(schedule.map((point) => point.sessionNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    const raise = expectApiError(
      await therapist.post(`/api/courses/${course.id}/termination`, { version: course.version }),
      422,
      "rule_unmet",
    );
    expect(fieldNames(raise)).toEqual(["phase"]);
    const contract = await therapist.put(`/api/courses/${course.id}/contract`, {
      version: course.version,
      plannedSessions: 12,
      frequency: "weekly",
      sessionMinutes: 50,
      startDate: "2026-05-04",
      weekday: 1,
      startTime: "09:00",
      terminationLead: 2,
      missedSessionPolicy: "Invented.",
      agreedOn: "2026-05-01",
    });
    expectApiError(contract, 409, "conflict");
  });

  it("completes once its sessions are held and a final score is recorded", async () => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);
    const course = asCourse(await startMaintenance(therapist, acute.id), 201);
    const held = await holdSessions(therapist, course.id, [1, 2, 3, 4, 5, 6]);
    await recordPhq9(therapist, course.id, held.sessions[0]!.id, 5);
    await recordPhq9(therapist, course.id, held.sessions[5]!.id, 4);
    const current = asCourse(await therapist.get(`/api/courses/${course.id}`));
    const done = asCourse(
      await therapist.post(`/api/courses/${course.id}/completion`, {
        version: current.version,
        outcome: "completed",
        endedOn: "2026-08-19",
      }),
    );
    expect(done).toMatchObject({ phase: "completed", outcome: "completed", kind: "maintenance" });
  });

  it("is refused while the acute course is not completed, naming the phase (422, audited)", async () => {
    const therapist = await signedInAs(app, prisma);
    const middle = await courseFor(therapist, { phase: "middle" });
    const refused = expectApiError(await startMaintenance(therapist, middle.id), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["phase"]);
    expect(refused.fields?.[0]?.message).toMatch(/not completed/);
    expect(await prisma.course.count({ where: { acuteCourseId: middle.id } })).toBe(0);
    const rule = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "course.rule_refused", entityId: middle.id },
    });
    expect(rule.details).toMatchObject({ rule: "maintenance_started", missing: ["phase"] });
  });

  it("is refused after a discontinued course, naming the outcome (422)", async () => {
    const therapist = await signedInAs(app, prisma);
    const middle = await courseFor(therapist, { phase: "middle" });
    asCourse(
      await therapist.post(`/api/courses/${middle.id}/completion`, {
        version: middle.version,
        outcome: "discontinued",
        reason: "Invented: moved away.",
        endedOn: "2026-02-01",
      }),
    );
    const refused = expectApiError(await startMaintenance(therapist, middle.id), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["outcome"]);
  });

  it("is refused while its maintenance course is open, naming it (409), and from a maintenance course (422)", async () => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);
    const first = asCourse(await startMaintenance(therapist, acute.id), 201);
    const again = expectApiError(await startMaintenance(therapist, acute.id), 409, "conflict");
    expect(fieldNames(again)).toEqual(["maintenanceCourse"]);
    expect(await prisma.course.count({ where: { acuteCourseId: acute.id } })).toBe(1);
    const fromMaintenance = expectApiError(await startMaintenance(therapist, first.id), 422, "rule_unmet");
    expect(fieldNames(fromMaintenance)).toEqual(["kind", "phase"]);
  });

  it.each([
    [{ plannedSessions: 5 }, "body.plannedSessions"],
    [{ plannedSessions: 13 }, "body.plannedSessions"],
    [{ startDate: ACUTE_ENDED_ON }, "body.startDate"],
    [{ sessionMinutes: 20 }, "body.sessionMinutes"],
    [{ frequency: "yearly" }, "body.frequency"],
  ])("refuses a contract with %o, naming %s (400)", async (override, field) => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);
    const refused = expectApiError(
      await startMaintenance(therapist, acute.id, { ...maintenanceContract(), ...override }),
      400,
      "validation_failed",
    );
    expect(fieldNames(refused)).toEqual([field]);
    expect(await prisma.course.count({ where: { acuteCourseId: acute.id } })).toBe(0);
  });

  it("answers 404 for another therapist's course, changing nothing", async () => {
    const owner = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(owner);
    expectApiError(await startMaintenance(other, acute.id), 404, "not_found");
    expect(await prisma.course.count({ where: { acuteCourseId: acute.id } })).toBe(0);
  });
});

describe("a maintenance course in the lists and the supervisor's views", () => {
  it("follows its own measurement points and is not counted as a measured course", async () => {
    const therapist = await signedInAs(app, prisma);
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const acute = await completedAcuteCourse(therapist);
    const course = asCourse(await startMaintenance(therapist, acute.id), 201);
    const held = await holdSessions(therapist, course.id, [1, 2]);
    const one = sessionNumbered(held, 1).id;
    await recordPhq9(therapist, course.id, one, 12);
    await recordGad7(therapist, course.id, one, 8);
    await recordPhq9(therapist, course.id, sessionNumbered(held, 2).id, 5);
    // GAD-7 is due at every maintenance session, so session 2's is overdue. On the acute schedule of a
    // 6-session course (sessions 1, 3, 4 and 6) nothing would be due yet.
    const overdue = { code: "measures_overdue", summary: "GAD-7 not recorded at session 2" };
    const page = asCourse(await therapist.get(`/api/courses/${course.id}`));
    expect(page.flags).toContainEqual(expect.objectContaining(overdue));

    const caseload = ok(await therapist.get("/api/clients"), caseloadResponse);
    expect(caseload.items).toHaveLength(1);
    expect(caseload.items[0]).toMatchObject({
      course: { id: course.id, phase: "maintenance", sessionsHeld: 2, plannedSessions: 6 },
      flags: page.flags,
    });

    const cockpit = ok(await supervisor.get("/api/supervision/cockpit"), cockpitResponse);
    expect(cockpit.items).toHaveLength(1);
    expect(cockpit.items[0]).toMatchObject({
      course: { id: course.id, phase: "maintenance", sessionsHeld: 2, plannedSessions: 6 },
      overdue: { measures: true, unsignedSessions: 2, terminationNotRaised: false },
      nonResponse: false,
      flags: page.flags,
      measures: page.measures,
    });

    // Response and remission are the acute course's (PHQ-9 16 → 4): the maintenance course's own
    // baseline (12 → 5) is not a second measured course.
    const summaries = ok(await supervisor.get("/api/supervision/therapists"), therapistSummariesResponse);
    expect(summaries.items[0]).toMatchObject({
      activeClients: 1,
      measuredCourses: 1,
      responseShare: 1,
      remissionShare: 1,
      overdueItems: 1,
    });
  });
});

describe("an acute course's contract", () => {
  it("refuses monthly sessions, naming the frequency (400)", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist);
    const refused = expectApiError(
      await therapist.put(`/api/courses/${course.id}/contract`, {
        version: course.version,
        plannedSessions: 12,
        frequency: "monthly",
        sessionMinutes: 50,
        startDate: "2026-01-05",
        weekday: 1,
        startTime: "09:00",
        terminationLead: 2,
        missedSessionPolicy: "Invented.",
        agreedOn: "2026-01-05",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(refused)).toEqual(["body.frequency"]);
  });
});
