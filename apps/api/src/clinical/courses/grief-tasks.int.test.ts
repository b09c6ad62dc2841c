// The grief tasks on real PostgreSQL through the API: saved in one transaction with the course's
// version, read back with the course, cleared with "", refused with a 4xx naming the field or the
// reason, reachable by the course's therapist only, and audited with the field names, never the words.
import { endpointPath, endpoints, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  addLifeEvent,
  asCourse,
  courseFor,
  signedInAs,
  type Clinician,
} from "../../../test/helpers/clinical";
import { supervisorOf } from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const url = (course: CourseDetail) =>
  endpointPath(endpoints.courses.updateGriefTasks, { courseId: course.id });

/** A course of a new client of `who` whose primary area is grief (middle phase). */
async function griefCourse(who: Clinician): Promise<CourseDetail> {
  const course = await courseFor(who, { phase: "middle" });
  return asCourse(
    await who.put(endpointPath(endpoints.courses.setProblemArea, { courseId: course.id }), {
      version: course.version,
      primaryArea: "grief",
      reason: "Invented: the death of the client's brother came up in session 4.",
    }),
  );
}

const NOTES = {
  deathEvents: "Invented: the brother was ill for a month; the client was abroad when he died.",
  relationshipPositive: "Invented: they spoke every Sunday.",
  relationshipNegative: "Invented: he never repaid a loan.",
  avoidedGrief: "Invented: the client has not visited the grave.",
};

describe("the grief tasks", () => {
  it("are saved with the course's version, read back with the course, and audited by field name only", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    expect(course.griefTasks).toEqual({
      deathEvents: null,
      relationshipPositive: null,
      relationshipNegative: null,
      avoidedGrief: null,
    });

    const saved = asCourse(await therapist.patch(url(course), { version: course.version, ...NOTES }));
    expect(saved.version).toBe(course.version + 1);
    expect(saved.griefTasks).toEqual(NOTES);

    const read = asCourse(await therapist.get(endpointPath(endpoints.courses.get, { courseId: course.id })));
    expect(read.griefTasks).toEqual(NOTES);

    const audit = await auditRows(prisma, { entityId: course.id, action: "course.grief_tasks_updated" });
    expect(audit.map((row) => [row.outcome, row.actorId, row.details])).toEqual([
      [
        "success",
        therapist.id,
        { fields: ["deathEvents", "relationshipPositive", "relationshipNegative", "avoidedGrief"] },
      ],
    ]);
    const details = JSON.stringify(
      (await auditRows(prisma, { entityId: course.id })).map((row) => row.details),
    );
    for (const note of Object.values(NOTES)) expect(details).not.toContain(note.slice(10, 30));
  });

  it("keep a note left out, and clear one sent empty", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    const first = asCourse(await therapist.patch(url(course), { version: course.version, ...NOTES }));

    const second = asCourse(
      await therapist.patch(url(first), {
        version: first.version,
        avoidedGrief: "",
        deathEvents: "  Invented: changed.  ",
      }),
    );
    expect(second.griefTasks).toEqual({ ...NOTES, deathEvents: "Invented: changed.", avoidedGrief: null });
  });

  it("answer 400 naming the field of a note that is too long, and change nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    const error = expectApiError(
      await therapist.patch(url(course), {
        version: course.version,
        deathEvents: "Invented: kept.",
        relationshipNegative: "x".repeat(5001),
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.relationshipNegative"]);
    const stored = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect([stored.version, stored.griefDeathEvents]).toEqual([course.version, null]);
  });

  it("answer 400 naming an unknown field", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    const error = expectApiError(
      await therapist.patch(url(course), { version: course.version, griefDeathEvents: "Invented." }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error).join(" ")).toContain("body");
    expect(error.message + JSON.stringify(error.fields)).toContain("griefDeathEvents");
  });

  it("answer 409 on a stale version, and 409 when grief is not the course's area", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    asCourse(await therapist.patch(url(course), { version: course.version, deathEvents: "Invented." }));
    expectApiError(
      await therapist.patch(url(course), { version: course.version, deathEvents: "Invented: lost update." }),
      409,
      "conflict",
    );

    const transition = await courseFor(therapist, { phase: "ready" });
    const refused = expectApiError(
      await therapist.patch(url(transition), { version: transition.version, deathEvents: "Invented." }),
      409,
      "conflict",
    );
    expect(refused.message).toMatch(/grief is the course's problem area/);
    const stored = await prisma.course.findUniqueOrThrow({ where: { id: transition.id } });
    expect([stored.version, stored.griefDeathEvents]).toEqual([transition.version, null]);
  });

  it("come with the grief timing warning when the death is not close before the onset", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    await addLifeEvent(therapist, course.client.id, "death", "2019-04-01");
    const onset = asCourse(
      await therapist.put(endpointPath(endpoints.courses.setFormulation, { courseId: course.id }), {
        version: course.version,
        formulation: "Invented: the low mood began after the brother's death.",
        agreedOn: "2026-01-05",
        episodeOnsetOn: "2025-12-01",
      }),
    );
    const saved = asCourse(
      await therapist.patch(url(onset), { version: onset.version, deathEvents: "Invented." }),
    );
    expect(saved.warnings.map((warning) => warning.code)).toContain("grief_timing");
  });

  it("are refused to another therapist (404, audited as denied) and to the supervisor (403), changing nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await griefCourse(therapist);
    const intruder = await signedInAs(app, prisma);
    const { supervisor } = await supervisorOf(app, prisma, therapist);

    expectApiError(
      await intruder.patch(url(course), { version: course.version, ...NOTES }),
      404,
      "not_found",
    );
    expectApiError(
      await supervisor.patch(url(course), { version: course.version, ...NOTES }),
      403,
      "forbidden",
    );

    const stored = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect([stored.version, stored.griefDeathEvents, stored.griefAvoidedGrief]).toEqual([
      course.version,
      null,
      null,
    ]);
    const denied = await auditRows(prisma, { entityId: course.id, action: "client.access_denied" });
    expect(denied.map((row) => [row.actorId, row.outcome])).toEqual([[intruder.id, "denied"]]);
    expect(await auditRows(prisma, { entityId: course.id, action: "course.grief_tasks_updated" })).toEqual(
      [],
    );
  });
});
