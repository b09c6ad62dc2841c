import {
  addDays,
  agendaItem,
  type CourseDetail,
  courseDetail,
  DEFAULT_TIME_ZONE,
  nextWorkingDay,
  TEMPLATE_VERSION,
  todayIn,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  addLifeEvent,
  addPerson,
  contract,
  courseFor,
  asCourse,
  newClient,
  newCourse,
  signedInAs,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const problemArea = (who: Clinician, course: CourseDetail, body: Record<string, unknown>) =>
  who.put(`/api/courses/${course.id}/problem-area`, { version: course.version, ...body });

const storedAgenda = z.array(agendaItem);

describe("opening a course", () => {
  it("opens the first course with the format's defaults, starting the next working day, with every initial task open", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);

    const response = await therapist.post(`/api/clients/${client.id}/courses`, {
      format: "standard",
      lineage: "weissman",
    });

    expect(response.statusCode).toBe(201);
    const course = courseDetail.parse(response.json());
    expect(course).toMatchObject({
      client: { id: client.id, displayName: client.displayName },
      sequence: 1,
      format: "standard",
      lineage: "weissman",
      phase: "initial",
      plannedSessions: 12,
      sessionMinutes: 50,
      startDate: nextWorkingDay(todayIn(DEFAULT_TIME_ZONE, new Date())),
      sessionTime: "09:00",
      version: 1,
      sessions: [],
      nextSession: null,
      planChanges: [],
    });
    expect(course.initialPhaseGaps.map((gap) => gap.item)).toEqual([
      "diagnosis_named",
      "sick_role",
      "inventory",
      "problem_area",
      "formulation_agreed",
      "contract",
    ]);
    const events = await auditRows(prisma, { entityId: course.id });
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["course.created", { clientId: client.id, sequence: 1 }],
    ]);
  });

  it("records the initial tasks already done when the course is opened, audited by name", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id, {
      format: "standard",
      lineage: "weissman",
      diagnosisNamed: true,
      sickRoleGiven: true,
    });
    expect(course).toMatchObject({ diagnosisNamed: true, sickRoleGiven: true, version: 1 });
    const events = await auditRows(prisma, { entityId: course.id });
    expect(events.map((e) => [e.action, e.details])).toEqual([
      [
        "course.created",
        { clientId: client.id, sequence: 1, initialTasks: ["diagnosisNamed", "sickRoleGiven"] },
      ],
    ]);
    const refused = await therapist.post(`/api/clients/${(await newClient(therapist)).id}/courses`, {
      format: "standard",
      lineage: "weissman",
      sickRoleGiven: "yes",
    });
    expect(fieldNames(expectApiError(refused, 400, "validation_failed"))).toEqual(["body.sickRoleGiven"]);
  });

  it("warns on an IPT-A course for a client who cannot be 12–18, and not for an adolescent", async () => {
    const therapist = await signedInAs(app, prisma);
    const ipta = { format: "ipt_a", lineage: "weissman", startDate: "2026-03-02" } as const;
    const adult = await newCourse(therapist, (await newClient(therapist, { yearOfBirth: 1990 })).id, ipta);
    expect(adult.warnings.map((w) => w.code)).toEqual(["ipt_a_age"]);
    expect(adult.warnings[0]?.message).toMatch(/this client is at least 35/);
    const teen = await newCourse(therapist, (await newClient(therapist, { yearOfBirth: 2011 })).id, ipta);
    expect(teen.warnings).toEqual([]);
  });

  it("takes IPT-A and IPT-B defaults from the format presets", async () => {
    const therapist = await signedInAs(app, prisma);
    const adolescent = await newCourse(therapist, (await newClient(therapist)).id, {
      format: "ipt_a",
      lineage: "weissman",
      startDate: "2026-03-02",
    });
    expect(adolescent).toMatchObject({ plannedSessions: 12, sessionMinutes: 45, startDate: "2026-03-02" });
    const brief = await newCourse(therapist, (await newClient(therapist)).id, {
      format: "ipt_b",
      lineage: "stuart",
    });
    expect(brief).toMatchObject({ plannedSessions: 9, sessionMinutes: 50, lineage: "stuart" });
  });

  it("refuses a second course while one is open; after it is completed the next is course 2", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const first = await newCourse(therapist, client.id);

    expectApiError(
      await therapist.post(`/api/clients/${client.id}/courses`, {
        format: "standard",
        lineage: "weissman",
      }),
      409,
      "conflict",
    );
    expect(await prisma.course.count({ where: { clientId: client.id } })).toBe(1);

    await prisma.course.update({
      where: { id: first.id },
      data: { phase: "completed", outcome: "completed" },
    });
    const maintenance = await newCourse(therapist, client.id);
    expect(maintenance).toMatchObject({ sequence: 2, phase: "initial" });
  });

  it("reading a course is audited as course.viewed; writes answer the course without a second row", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const read = await therapist.get(`/api/courses/${course.id}`);
    expect(courseDetail.parse(read.json())).toEqual(course);
    asCourse(
      await therapist.patch(`/api/courses/${course.id}/initial-tasks`, {
        version: 1,
        sickRoleGiven: true,
      }),
    );
    const events = await auditRows(prisma, { entityId: course.id });
    expect(events.map((e) => e.action)).toEqual([
      "course.created",
      "course.viewed",
      "course.initial_tasks_updated",
    ]);
  });
});

describe("initial tasks and formulation", () => {
  it("records the initial tasks with the course version and audits the field names", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);

    const updated = asCourse(
      await therapist.patch(`/api/courses/${course.id}/initial-tasks`, {
        version: 1,
        diagnosisNamed: true,
        sickRoleGiven: true,
      }),
    );

    expect(updated).toMatchObject({ diagnosisNamed: true, sickRoleGiven: true, version: 2 });
    expect(updated.initialPhaseGaps.map((gap) => gap.item)).not.toContain("sick_role");
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.initial_tasks_updated" });
    expect(event?.details).toEqual({ fields: ["diagnosisNamed", "sickRoleGiven"] });
  });

  it("saves the formulation and the date it was agreed; the audit row holds no formulation text", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const formulation = "Low mood since the divorce; the role transition is the focus.";

    const updated = asCourse(
      await therapist.put(`/api/courses/${course.id}/formulation`, {
        version: 1,
        formulation,
        agreedOn: "2026-01-19",
      }),
    );

    expect(updated).toMatchObject({ formulation, formulationAgreedOn: "2026-01-19", version: 2 });
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.formulation_set" });
    expect(JSON.stringify(event?.details)).not.toContain("divorce");
  });

  it("records the episode onset with the formulation, keeps it when left out and clears it with null", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const today = todayIn(DEFAULT_TIME_ZONE, new Date());
    const put = (version: number, extra: Record<string, unknown>) =>
      therapist.put(`/api/courses/${course.id}/formulation`, {
        version,
        formulation: "Draft",
        agreedOn: null,
        ...extra,
      });

    const set = asCourse(await put(1, { episodeOnsetOn: today }));
    expect(set).toMatchObject({ episodeOnsetOn: today, version: 2 });
    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.formulation_set" });
    expect(event?.details).toMatchObject({
      fields: ["formulation", "formulationAgreedOn", "episodeOnsetOn"],
    });

    const kept = asCourse(await put(2, {}));
    expect(kept.episodeOnsetOn).toBe(today);
    const cleared = asCourse(await put(3, { episodeOnsetOn: null }));
    expect(cleared.episodeOnsetOn).toBeNull();
  });

  it("refuses an onset after the service's today with 400 naming the field, and changes nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const before = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    const tomorrow = addDays(todayIn(DEFAULT_TIME_ZONE, new Date()), 1);

    const error = expectApiError(
      await therapist.put(`/api/courses/${course.id}/formulation`, {
        version: 1,
        formulation: "Draft",
        agreedOn: null,
        episodeOnsetOn: tomorrow,
      }),
      400,
      "validation_failed",
    );

    expect(fieldNames(error)).toEqual(["body.episodeOnsetOn"]);
    expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toEqual(before);
  });

  it("a stale version answers 409 for every course write and the course is unchanged", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    asCourse(
      await therapist.patch(`/api/courses/${course.id}/initial-tasks`, {
        version: 1,
        diagnosisNamed: true,
      }),
    );
    const before = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });

    const stale = [
      therapist.patch(`/api/courses/${course.id}/initial-tasks`, { version: 1, sickRoleGiven: true }),
      therapist.put(`/api/courses/${course.id}/problem-area`, { version: 1, primaryArea: "grief" }),
      therapist.put(`/api/courses/${course.id}/formulation`, {
        version: 1,
        formulation: "Draft",
        agreedOn: null,
      }),
      therapist.put(`/api/courses/${course.id}/contract`, contract(1)),
      therapist.post(`/api/courses/${course.id}/middle-phase`, { version: 1 }),
    ];
    for (const response of await Promise.all(stale)) expectApiError(response, 409, "conflict");

    expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toEqual(before);
    expect(await prisma.therapySession.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("the problem area", () => {
  it("a role dispute needs its stage: 400 naming body.disputeStage", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);

    const error = expectApiError(
      await problemArea(therapist, course, { primaryArea: "role_dispute" }),
      400,
      "validation_failed",
    );

    expect(fieldNames(error)).toEqual(["body.disputeStage"]);
    expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      primaryArea: null,
      version: 1,
    });
    const staged = courseDetail.parse(
      (await problemArea(therapist, course, { primaryArea: "role_dispute", disputeStage: "impasse" })).json(),
    );
    expect(staged).toMatchObject({ primaryArea: "role_dispute", disputeStage: "impasse", version: 2 });
  });

  it("grief without a recorded death is allowed with a warning that suggests a role transition", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id);
    await addLifeEvent(therapist, client.id, "transition");

    const response = await problemArea(therapist, course, { primaryArea: "grief" });

    expect(response.statusCode).toBe(200);
    const updated = courseDetail.parse(response.json());
    expect(updated.warnings.map((w) => w.code)).toEqual(["grief_without_death"]);
    expect(updated.warnings[0]?.message).toMatch(/role transition/);
    expect(updated.flags.map((f) => f.code)).toContain("grief_without_death");

    await addLifeEvent(therapist, client.id, "death");
    const read = courseDetail.parse((await therapist.get(`/api/courses/${course.id}`)).json());
    expect(read.warnings).toEqual([]);
  });

  it("grief warns when the recorded death is not close before the episode's onset", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id);
    await addLifeEvent(therapist, client.id, "death", "2025-06-01");
    const graded = courseDetail.parse(
      (await problemArea(therapist, course, { primaryArea: "grief" })).json(),
    );
    const withOnset = (version: number, episodeOnsetOn: string) =>
      therapist
        .put(`/api/courses/${course.id}/formulation`, {
          version,
          formulation: "Draft",
          agreedOn: null,
          episodeOnsetOn,
        })
        .then((response) => courseDetail.parse(response.json()));

    // The death after the onset.
    const early = await withOnset(graded.version, "2024-01-10");
    expect(early.warnings.map((w) => w.code)).toEqual(["grief_timing"]);
    expect(early.warnings[0]?.message).toContain("after the episode began (2024-01-10)");
    // The onset two months after the death: no warning.
    const close = await withOnset(early.version, "2025-08-01");
    expect(close.warnings).toEqual([]);
  });

  it("interpersonal deficits warns when the inventory records a dispute", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id);
    await addLifeEvent(therapist, client.id, "dispute");

    const updated = courseDetail.parse(
      (await problemArea(therapist, course, { primaryArea: "interpersonal_deficits" })).json(),
    );

    expect(updated.warnings.map((w) => w.code)).toEqual(["deficits_with_other_events"]);
    expect(updated.warnings[0]?.message).toMatch(/a dispute/);
  });

  it("the Stuart lineage has no interpersonal deficits area; Weissman has no sensitivity modifier", async () => {
    const therapist = await signedInAs(app, prisma);
    const stuart = await newCourse(therapist, (await newClient(therapist)).id, {
      format: "standard",
      lineage: "stuart",
    });
    const deficits = expectApiError(
      await problemArea(therapist, stuart, { primaryArea: "interpersonal_deficits" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(deficits)).toEqual(["body.primaryArea"]);
    const withModifier = await problemArea(therapist, stuart, {
      primaryArea: "role_transition",
      sensitivityModifier: true,
    });
    expect(courseDetail.parse(withModifier.json())).toMatchObject({ sensitivityModifier: true });

    const weissman = await newCourse(therapist, (await newClient(therapist)).id);
    const modifier = expectApiError(
      await problemArea(therapist, weissman, { primaryArea: "grief", sensitivityModifier: true }),
      400,
      "validation_failed",
    );
    expect(fieldNames(modifier)).toEqual(["body.sensitivityModifier"]);
  });

  it("after the initial phase a change needs a reason, is recorded, and rebuilds the planned middle agendas", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist, { phase: "middle" });
    expect(course.primaryArea).toBe("role_transition");
    const session4 = course.sessions.find((s) => s.number === 4)!;
    const session5 = course.sessions.find((s) => s.number === 5)!;
    // Session 4 is held; session 5 is still planned and carries a custom item.
    await prisma.therapySession.update({ where: { id: session4.id }, data: { status: "held" } });
    const session5Row = await prisma.therapySession.findUniqueOrThrow({ where: { id: session5.id } });
    const custom = {
      key: "custom.1",
      text: "Ask about the new flat",
      kind: "custom",
      sources: [],
      done: false,
    };
    await prisma.therapySession.update({
      where: { id: session5.id },
      data: { agenda: [...storedAgenda.parse(session5Row.agenda), custom] },
    });
    const heldAgendaBefore = (await prisma.therapySession.findUniqueOrThrow({ where: { id: session4.id } }))
      .agenda;

    const noReason = expectApiError(
      await problemArea(therapist, course, { primaryArea: "role_dispute", disputeStage: "renegotiation" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(noReason)).toEqual(["body.reason"]);
    expect(await prisma.problemAreaChange.count({ where: { courseId: course.id } })).toBe(0);

    const response = await problemArea(therapist, course, {
      primaryArea: "role_dispute",
      disputeStage: "renegotiation",
      reason: "The conflict with the partner is what matters most to the client.",
    });

    expect(response.statusCode, response.body).toBe(200);
    const updated = courseDetail.parse(response.json());
    expect(updated.problemAreaChanges).toEqual([
      expect.objectContaining({
        fromPrimary: "role_transition",
        toPrimary: "role_dispute",
        fromStage: null,
        toStage: "renegotiation",
        reason: "The conflict with the partner is what matters most to the client.",
      }),
    ]);
    expect(updated.problemAreaChanges[0]?.changedBy).toMatchObject({
      id: therapist.id,
      email: therapist.email,
    });
    expect(updated.planChanges[0]).toMatchObject({
      kind: "agendas_rebuilt",
      changedBy: { id: therapist.id },
    });

    const rebuilt = storedAgenda.parse(
      (await prisma.therapySession.findUniqueOrThrow({ where: { id: session5.id } })).agenda,
    );
    expect(rebuilt.some((item) => item.key.startsWith("middle.area.role_dispute"))).toBe(true);
    expect(rebuilt.some((item) => item.key.startsWith("middle.area.role_transition"))).toBe(false);
    expect(rebuilt.at(-1)).toEqual(custom);
    const held = await prisma.therapySession.findUniqueOrThrow({ where: { id: session4.id } });
    expect(held.agenda).toEqual(heldAgendaBefore);

    const [event] = await auditRows(prisma, { entityId: course.id, action: "course.problem_area_set" });
    expect(JSON.stringify(event?.details)).not.toContain("partner");
  });

  it("a completed course takes no problem-area change: 409", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    await prisma.course.update({ where: { id: course.id }, data: { phase: "completed" } });
    expectApiError(await problemArea(therapist, course, { primaryArea: "grief" }), 409, "conflict");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).primaryArea).toBeNull();
  });
});

describe("the contract and the plan", () => {
  const setContract = (who: Clinician, course: CourseDetail, overrides = {}) =>
    who.put(`/api/courses/${course.id}/contract`, contract(course.version, overrides));

  it.each([1, 5])(
    "keeps the ending lead a setting of 2 to 4 sessions [S4]: %i is refused naming body.terminationLead (400)",
    async (lead) => {
      const therapist = await signedInAs(app, prisma);
      const course = await newCourse(therapist, (await newClient(therapist)).id);
      const refused = expectApiError(
        await setContract(therapist, course, { terminationLead: lead }),
        400,
        "validation_failed",
      );
      expect(fieldNames(refused)).toEqual(["body.terminationLead"]);
      expect(await prisma.therapySession.count({ where: { courseId: course.id } })).toBe(0);
    },
  );

  it.each([
    [12, { initial: [1, 2, 3], middle: [4, 5, 6, 7, 8], termination: [9, 10, 11, 12] }],
    [16, { initial: [1, 2, 3], middle: [4, 5, 6, 7, 8, 9, 10, 11, 12], termination: [13, 14, 15, 16] }],
  ])("a %i-session contract generates that many weekly sessions with the right phases", async (n, phases) => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id);

    const response = await setContract(therapist, course, { plannedSessions: n, terminationLead: 3 });

    expect(response.statusCode, response.body).toBe(200);
    const updated = courseDetail.parse(response.json());
    expect(updated).toMatchObject({
      plannedSessions: n,
      terminationLead: 3,
      terminationStartNumber: n - 3,
      contractAgreedOn: "2026-01-05",
      templateVersion: TEMPLATE_VERSION,
      version: 2,
    });
    expect(updated.sessions.map((s) => s.number)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const phase of ["initial", "middle", "termination"] as const) {
      expect(updated.sessions.filter((s) => s.phase === phase).map((s) => s.number)).toEqual(phases[phase]);
    }
    expect(updated.sessions[1]?.plannedDate).toBe("2026-01-12");
    expect(updated.sessions.find((s) => s.number === n - 3)?.slot).toBe("raise-ending");
    expect(updated.sessions.at(-1)?.slot).toBe("final");
    expect(
      updated.sessions.every((s) => s.status === "planned" && s.agendaTotal > 0 && s.agendaDone === 0),
    ).toBe(true);
    expect(updated.nextSession).toMatchObject({
      number: 1,
      plannedDate: "2026-01-05",
      phase: "initial",
      focus: "",
    });
    expect(updated.planChanges).toEqual([
      expect.objectContaining({
        kind: "generated",
        summary: `Plan of ${n} weekly sessions from 2026-01-05 at 09:00`,
      }),
    ]);
    const rows = await prisma.therapySession.findMany({
      where: { courseId: course.id },
      orderBy: { number: "asc" },
    });
    expect(rows.map((r) => r.createdOrder)).toEqual(rows.map((r) => r.number));

    const events = await auditRows(prisma, { entityId: course.id });
    expect(events.map((e) => e.action)).toEqual(["course.created", "course.contract_set", "plan.generated"]);
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).status).toBe("active");
  });

  it.each([11, 17])(
    "refuses %i standard sessions: 400 naming body.plannedSessions with the bounds",
    async (n) => {
      const therapist = await signedInAs(app, prisma);
      const course = await newCourse(therapist, (await newClient(therapist)).id);

      const error = expectApiError(
        await setContract(therapist, course, { plannedSessions: n }),
        400,
        "validation_failed",
      );

      expect(fieldNames(error)).toEqual(["body.plannedSessions"]);
      expect(error.fields?.[0]?.message).toMatch(/12 to 16/);
      expect(await prisma.therapySession.count({ where: { courseId: course.id } })).toBe(0);
      expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
        version: 1,
        contractAgreedOn: null,
      });
    },
  );

  it("refuses session lengths outside the format's minutes and IPT-B plans other than 9 sessions", async () => {
    const therapist = await signedInAs(app, prisma);
    const standard = await newCourse(therapist, (await newClient(therapist)).id);
    const minutes = expectApiError(
      await setContract(therapist, standard, { sessionMinutes: 60 }),
      400,
      "validation_failed",
    );
    expect(fieldNames(minutes)).toEqual(["body.sessionMinutes"]);
    expect(minutes.fields?.[0]?.message).toMatch(/45 to 50 minutes/);

    const brief = await newCourse(therapist, (await newClient(therapist)).id, {
      format: "ipt_b",
      lineage: "weissman",
    });
    const both = expectApiError(
      await setContract(therapist, brief, { plannedSessions: 12, sessionMinutes: 30 }),
      400,
      "validation_failed",
    );
    expect(fieldNames(both)).toEqual(["body.plannedSessions", "body.sessionMinutes"]);
    const nine = courseDetail.parse(
      (await setContract(therapist, brief, { plannedSessions: 9, terminationLead: 2 })).json(),
    );
    expect(nine.sessions.map((s) => s.slot)).toEqual([
      "engagement",
      "initial-1",
      "initial-2",
      "middle",
      "middle",
      "middle",
      "raise-ending",
      "termination",
      "final",
    ]);
  });

  it("a new contract before any session is held replaces the plan; once one is held it is refused", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const first = courseDetail.parse((await setContract(therapist, course)).json());

    const second = courseDetail.parse(
      (
        await setContract(therapist, first, {
          plannedSessions: 14,
          frequency: "fortnightly",
          startDate: "2026-02-02",
        })
      ).json(),
    );
    expect(second.sessions).toHaveLength(14);
    expect(second.sessions[1]?.plannedDate).toBe("2026-02-16");
    // The 12 it replaced are removed, not deleted (security/no-hard-delete.int.test.ts).
    const live = { courseId: course.id, deletedAt: null };
    expect(await prisma.therapySession.count({ where: live })).toBe(14);
    expect(await prisma.therapySession.count({ where: { courseId: course.id } })).toBe(26);
    expect(second.planChanges.map((c) => c.summary)).toEqual([
      "Plan of 14 fortnightly sessions from 2026-02-02 at 09:00",
      "Plan of 12 weekly sessions from 2026-01-05 at 09:00",
    ]);

    await prisma.therapySession.updateMany({
      where: { courseId: course.id, number: 1 },
      data: { status: "held" },
    });
    const refused = expectApiError(await setContract(therapist, second), 409, "conflict");
    expect(refused.message).toBe("The plan has started; add, drop or reschedule sessions instead.");
    expect(await prisma.therapySession.count({ where: live })).toBe(14);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).version).toBe(
      second.version,
    );
  });

  it("a signed session also means the plan has started", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const planned = courseDetail.parse((await setContract(therapist, course)).json());
    await prisma.therapySession.updateMany({
      where: { courseId: course.id, number: 1 },
      data: { signedAt: new Date(), signedById: therapist.id },
    });
    expectApiError(await setContract(therapist, planned), 409, "conflict");
  });

  it("the course detail shows held progress, the next session and the focus the last held session set", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = courseDetail.parse(
      (await setContract(therapist, await newCourse(therapist, (await newClient(therapist)).id))).json(),
    );
    const [one, two] = course.sessions;
    await prisma.therapySession.update({
      where: { id: one!.id },
      data: { status: "held", nextFocus: "Timeline" },
    });
    await prisma.therapySession.update({
      where: { id: two!.id },
      data: { status: "cancelled", number: null },
    });

    const read = courseDetail.parse((await therapist.get(`/api/courses/${course.id}`)).json());

    expect(read.sessions).toHaveLength(12);
    expect(read.sessions[1]).toMatchObject({ id: two!.id, status: "cancelled", number: null });
    expect(read.nextSession).toMatchObject({ number: 3, focus: "Timeline" });
  });

  it("adding a person keeps the inventory gap closed for the course", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const course = await newCourse(therapist, client.id);
    await addPerson(therapist, client.id);
    const read = courseDetail.parse((await therapist.get(`/api/courses/${course.id}`)).json());
    expect(read.initialPhaseGaps.map((g) => g.item)).not.toContain("inventory");
  });
});
