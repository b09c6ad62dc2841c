// The organisation setting "co-sign before the middle phase": off, the middle phase starts as before;
// on, it also needs a current supervisor co-signature of the formulation and of the plan. The refusal
// and the course page list the missing co-signatures, and a change after co-signing brings the gap back.
import { courseCoSignsResponse, defaultMeasurementSettings, measurementSettingsResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  courseFor,
  newClient,
  newCourse,
  ok,
  completeSteps,
  signedInAs,
  type Clinician,
} from "../../test/helpers/clinical";
import { supervisorOf } from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();
const admin = await signedInAs(app, prisma, "admin");

/** Turns the organisation setting on or off through the admin API. */
async function requireCoSign(on: boolean) {
  const settingsUrl = "/api/admin/settings/measurement";
  const current = ok(await admin.get(settingsUrl), measurementSettingsResponse);
  ok(
    await admin.put(settingsUrl, {
      version: current.version,
      settings: current.settings,
      supervision: { coSignBeforeMiddle: on },
      service: current.service,
      safety: current.safety,
    }),
    measurementSettingsResponse,
  );
}

const startMiddle = (who: Clinician, courseId: string, version: number) =>
  who.post(`/api/courses/${courseId}/middle-phase`, { version });
const courseOf = async (who: Clinician, courseId: string) =>
  asCourse(await who.get(`/api/courses/${courseId}`));
const coSign = async (who: Clinician, courseId: string, target: "formulation" | "plan") =>
  ok(await who.post(`/api/courses/${courseId}/cosignatures`, { target }), courseCoSignsResponse, 201);

/** A course with every initial-phase step done, and a supervisor assigned to its therapist. */
async function readyCourse() {
  const therapist = await signedInAs(app, prisma);
  const course = await courseFor(therapist, { phase: "ready" });
  const { supervisor } = await supervisorOf(app, prisma, therapist);
  return { therapist, course, supervisor };
}

const gapItems = (course: { initialPhaseGaps: { item: string }[] }) =>
  course.initialPhaseGaps.map((g) => g.item);

const counting = await queryCountingApp(databaseUrl);

describe("co-sign before the middle phase", () => {
  // The tests share one organisation row: they run in order, the setting off first.
  it("with the setting off (the default), a ready course starts the middle phase without co-signatures", async () => {
    const { therapist, course } = await readyCourse();
    expect(course.initialPhaseGaps).toEqual([]);
    const started = asCourse(await startMiddle(therapist, course.id, course.version));
    expect(started.phase).toBe("middle");
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("with it on, the course lists the missing co-signatures and the middle phase is refused with 422", async () => {
    await requireCoSign(true);
    const { therapist, course, supervisor } = await readyCourse();

    const detail = await courseOf(therapist, course.id);
    expect(detail.initialPhaseGaps).toEqual([
      {
        item: "formulation_cosign",
        message: expect.stringContaining("co-sign the formulation") as string,
        sources: ["S12b", "S26g"],
      },
      {
        item: "plan_cosign",
        message: expect.stringContaining("co-sign the plan") as string,
        sources: ["S12b", "S26g"],
      },
    ]);
    expect(await courseOf(supervisor, course.id)).toEqual(detail);
    expect(
      ok(await supervisor.get(`/api/courses/${course.id}/cosignatures`), courseCoSignsResponse)
        .requiredBeforeMiddle,
    ).toBe(true);

    const error = expectApiError(await startMiddle(therapist, course.id, detail.version), 422, "rule_unmet");
    expect(error.fields).toEqual(detail.initialPhaseGaps.map((g) => ({ field: g.item, message: g.message })));
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).phase).toBe("initial");
    const [refused] = await auditRows(prisma, { entityId: course.id, action: "course.rule_refused" });
    expect(refused?.details).toEqual({
      rule: "middle_phase",
      missing: ["formulation_cosign", "plan_cosign"],
    });

    // After both co-signatures it starts.
    await coSign(supervisor, course.id, "formulation");
    expect(gapItems(await courseOf(therapist, course.id))).toEqual(["plan_cosign"]);
    await coSign(supervisor, course.id, "plan");
    const ready = await courseOf(therapist, course.id);
    expect(ready.initialPhaseGaps).toEqual([]);
    expect(asCourse(await startMiddle(therapist, course.id, ready.version)).phase).toBe("middle");
  });

  it("a formulation change after co-signing brings the gap back until it is co-signed again", async () => {
    const { therapist, course, supervisor } = await readyCourse();
    await coSign(supervisor, course.id, "formulation");
    await coSign(supervisor, course.id, "plan");

    const changed = asCourse(
      await therapist.put(`/api/courses/${course.id}/problem-area`, {
        version: (await courseOf(therapist, course.id)).version,
        primaryArea: "grief",
      }),
    );
    expect(changed.initialPhaseGaps).toEqual([
      {
        item: "formulation_cosign",
        message: "The formulation changed after it was co-signed: ask a supervisor to co-sign it again.",
        sources: ["S12b", "S26g"],
      },
    ]);
    const error = expectApiError(await startMiddle(therapist, course.id, changed.version), 422, "rule_unmet");
    expect(error.fields?.map((f) => f.field)).toEqual(["formulation_cosign"]);

    await coSign(supervisor, course.id, "formulation");
    const again = await courseOf(therapist, course.id);
    expect(again.initialPhaseGaps).toEqual([]);
    expect(asCourse(await startMiddle(therapist, course.id, again.version)).phase).toBe("middle");
  });

  it("the co-sign gaps come after the initial-phase tasks still missing", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const partial = await completeSteps(therapist, course, ["contract"]);
    expect(gapItems(partial)).toEqual([
      "diagnosis_named",
      "sick_role",
      "inventory",
      "problem_area",
      "formulation_agreed",
      "formulation_cosign",
      "plan_cosign",
    ]);
    const error = expectApiError(await startMiddle(therapist, course.id, partial.version), 422, "rule_unmet");
    expect(error.fields?.map((f) => f.field)).toEqual(gapItems(partial));
  });

  it("the course page's query count does not grow with the co-signatures", async () => {
    const counted = async (email: string, courseId: string) => {
      const { queries, response } = await counting.countedGet(email, `/api/courses/${courseId}`);
      expect(response.statusCode, response.body).toBe(200);
      return queries;
    };
    const bare = await readyCourse();
    const busy = await readyCourse();
    await coSign(busy.supervisor, busy.course.id, "plan");
    for (let round = 0; round < 3; round += 1) {
      await coSign(busy.supervisor, busy.course.id, "formulation");
      const current = await courseOf(busy.therapist, busy.course.id);
      asCourse(
        await busy.therapist.put(`/api/courses/${busy.course.id}/formulation`, {
          version: current.version,
          formulation: `Reworded ${round}: the depression began with the move.`,
          agreedOn: "2026-01-12",
        }),
      );
    }
    const none = await counted(bare.therapist.email, bare.course.id);
    expect(await counted(busy.therapist.email, busy.course.id)).toBe(none);
    expect(await counted(busy.supervisor.email, busy.course.id)).toBe(none);
  });

  it("turning the setting off again lifts the gate", async () => {
    const { therapist, course } = await readyCourse();
    expect(gapItems(await courseOf(therapist, course.id))).toEqual(["formulation_cosign", "plan_cosign"]);
    await requireCoSign(false);
    const detail = await courseOf(therapist, course.id);
    expect(detail.initialPhaseGaps).toEqual([]);
    expect(asCourse(await startMiddle(therapist, course.id, detail.version)).phase).toBe("middle");
    // The measurement settings were saved as they were.
    const saved = ok(await admin.get("/api/admin/settings/measurement"), measurementSettingsResponse);
    expect(saved.settings).toEqual(defaultMeasurementSettings);
  });
});
