import { courseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  completeSteps,
  courseFor,
  initialStepNames,
  newClient,
  newCourse,
  signedInAs,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const startMiddle = (who: Clinician, courseId: string, version: number) =>
  who.post(`/api/courses/${courseId}/middle-phase`, { version });

describe("starting the middle phase", () => {
  it("with nothing done it is refused with 422 listing every missing item, audited as a failure", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);

    const error = expectApiError(await startMiddle(therapist, course.id, 1), 422, "rule_unmet");

    const missing = [
      "diagnosis_named",
      "sick_role",
      "inventory",
      "problem_area",
      "formulation_agreed",
      "contract",
    ];
    expect(error.fields?.map((f) => f.field)).toEqual(missing);
    expect(error.fields?.every((f) => f.message.length > 0)).toBe(true);
    expect(await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).toMatchObject({
      phase: "initial",
      middleStartedAt: null,
      version: 1,
    });
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused).toMatchObject({
      actorId: therapist.id,
      outcome: "failure",
      entityType: "course",
      details: { rule: "middle_phase", missing },
    });
  });

  it.each(initialStepNames)("with everything done but %s, exactly that item is missing", async (left) => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const ready = await completeSteps(
      therapist,
      course,
      initialStepNames.filter((step) => step !== left),
    );
    expect(ready.initialPhaseGaps.map((gap) => gap.item)).toEqual([left]);

    const error = expectApiError(await startMiddle(therapist, course.id, ready.version), 422, "rule_unmet");

    expect(error.fields?.map((f) => f.field)).toEqual([left]);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).phase).toBe("initial");
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused?.details).toEqual({ rule: "middle_phase", missing: [left] });
  });

  it("naming the diagnosis needs a working diagnosis on the client as well as the task", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist, { workingDiagnosis: "" });
    const ready = await courseFor(therapist, { phase: "ready", client });
    expect(ready.diagnosisNamed).toBe(true);

    const error = expectApiError(await startMiddle(therapist, ready.id, ready.version), 422, "rule_unmet");
    expect(error.fields?.map((f) => f.field)).toEqual(["diagnosis_named"]);

    const edit = await therapist.patch(`/api/clients/${client.id}`, {
      version: ready.client.version,
      workingDiagnosis: "Major depression",
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await startMiddle(therapist, ready.id, ready.version)).statusCode).toBe(200);
  });

  it("with the initial phase complete the course moves to the middle phase, once", async () => {
    const therapist = await signedInAs(app, prisma);
    const ready = await courseFor(therapist, { phase: "ready" });
    expect(ready.initialPhaseGaps).toEqual([]);

    const response = await startMiddle(therapist, ready.id, ready.version);

    expect(response.statusCode, response.body).toBe(200);
    const moved = courseDetail.parse(response.json());
    expect(moved).toMatchObject({ phase: "middle", version: ready.version + 1, initialPhaseGaps: [] });
    expect(Date.now() - Date.parse(moved.middleStartedAt!)).toBeLessThan(60_000);
    const events = await auditRows(prisma, { entityId: ready.id, action: "course.middle_phase_started" });
    expect(events).toHaveLength(1);
    expect(await auditRows(prisma, { entityId: ready.id, action: "course.rule_refused" })).toEqual([]);

    expectApiError(await startMiddle(therapist, ready.id, moved.version), 409, "conflict");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: ready.id } })).version).toBe(moved.version);
  });

  it("a stale version answers 409 and the course stays in the initial phase", async () => {
    const therapist = await signedInAs(app, prisma);
    const ready = await courseFor(therapist, { phase: "ready" });
    expectApiError(await startMiddle(therapist, ready.id, ready.version - 1), 409, "conflict");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: ready.id } })).phase).toBe("initial");
  });
});
