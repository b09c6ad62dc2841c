// Import on real PostgreSQL: a Bundle of ours is refused whole with each problem's path (nothing
// written), and export → import into an empty database → export gives the same content, ids aside,
// for every demo course (supervisors' co-signatures and acknowledgements aside: they are not imported,
// docs/decisions/018).
import { endpoints, endpointPath, fhirImportResponse } from "@ipt/shared";
import type { Bundle } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { ok, signedInAs } from "../../test/helpers/clinical";
import { idsAside, importable } from "../../test/helpers/fhir-compare";
import { demoActor, seedDemoAccounts } from "../seed/demo-accounts";
import { seedDemoCaseloads } from "../seed/demo-caseload";
import { live as liveRows, removal } from "../clinical/live";
import { exportCourse } from "./export-service";
import { isLifeEvent } from "./inventory";

const source = await createTestApp();
await seedDemoAccounts(source.prisma);
await seedDemoCaseloads(source.prisma);

const target = await createTestApp();
const admin = await signedInAs(target.app, target.prisma, "admin");
const therapist = await signedInAs(target.app, target.prisma, "therapist");
const IMPORT = endpointPath(endpoints.fhir.importCourse);

async function exportFrom(prisma: typeof source.prisma, courseId: string, therapistId: string) {
  return (await exportCourse(prisma, demoActor(therapistId, "therapist"), courseId, {})) as Bundle;
}

describe("FHIR import", () => {
  it("gives back the same content for every demo course (ids aside)", async () => {
    const courses = await source.prisma.course.findMany({
      select: { id: true, client: { select: { therapistId: true } } },
    });
    expect(courses.length).toBeGreaterThanOrEqual(6);
    for (const course of courses) {
      const first = await exportFrom(source.prisma, course.id, course.client.therapistId);
      const imported = ok(
        await admin.post(IMPORT, { therapistId: therapist.id, bundle: first }),
        fhirImportResponse,
        201,
      );
      const second = await exportFrom(target.prisma, imported.courseId, therapist.id);
      expect(idsAside(second)).toEqual(idsAside(importable(first)));
    }
    const audited = await target.prisma.auditEvent.count({
      where: { action: "fhir.course_imported", actorId: admin.id },
    });
    expect(audited).toBe(courses.length);
  });

  it("refuses an invalid Bundle whole, naming each problem's path, and writes nothing", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { measureScores: { some: { instrument: "phq9" } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const entries = bundle.entry ?? [];
    const planIndex = entries.findIndex((e) => e.resource?.resourceType === "CarePlan");
    const itemIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Observation" && e.resource.code.coding?.[0]?.code === "44250-9",
    );
    const broken = structuredClone(bundle);
    const plan = broken.entry?.[planIndex]?.resource;
    const item = broken.entry?.[itemIndex]?.resource;
    if (plan?.resourceType !== "CarePlan" || item?.resourceType !== "Observation") throw new Error("shape");
    delete (plan as { status?: string }).status;
    item.valueCodeableConcept = {
      coding: [{ system: "http://loinc.org", code: "LA6575-0", display: "Very difficult" }],
    };

    const before = await Promise.all([target.prisma.client.count(), target.prisma.course.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle: broken });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual(
      expect.arrayContaining([
        `bundle.entry[${String(planIndex)}].resource.status`,
        `bundle.entry[${String(itemIndex)}].resource.valueCodeableConcept`,
      ]),
    );
    expect(await Promise.all([target.prisma.client.count(), target.prisma.course.count()])).toEqual(before);
  });

  it("refuses a therapist who is not one of this instance, and a caller who is not an admin", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const wrong = await admin.post(IMPORT, { therapistId: admin.id, bundle });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual(
      ["therapistId"],
    );
    expect((await therapist.post(IMPORT, { therapistId: therapist.id, bundle })).statusCode).toBe(403);
  });

  it("leaves removed inventory rows out, and imports the live ones with their links", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { client: { people: { some: {} } } },
      select: { id: true, clientId: true, client: { select: { therapistId: true } } },
    });
    const kept = await source.prisma.inventoryPerson.create({
      data: { clientId: course.clientId, label: "Invented aunt", relationship: "Aunt", ring: "middle" },
    });
    const removed = await source.prisma.inventoryPerson.create({
      data: { clientId: course.clientId, label: "Invented removed", relationship: "Friend", ring: "outer" },
    });
    const event = (personId: string | null, description: string) =>
      source.prisma.lifeEvent.create({
        data: {
          clientId: course.clientId,
          personId,
          occurredOn: new Date("2025-10-01"),
          kind: "other",
          description,
        },
      });
    await event(kept.id, "Invented: the aunt fell ill.");
    await event(removed.id, "Invented: about the removed friend.");
    const gone = await event(null, "Invented: removed event.");
    await source.prisma.inventoryPerson.update({ where: { id: removed.id }, data: removal() });
    await source.prisma.lifeEvent.update({ where: { id: gone.id }, data: removal() });

    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(removed.id);
    expect(text).not.toContain("Invented removed");
    expect(text).not.toContain("Invented: removed event.");
    const events = (bundle.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === "Observation" && isLifeEvent(e.resource) ? [e.resource] : [],
    );
    const about = (description: string) => events.find((e) => e.valueString === description);
    expect(about("Invented: the aunt fell ill.")?.focus).toEqual([{ reference: `urn:uuid:${kept.id}` }]);
    expect(about("Invented: about the removed friend.")?.focus).toBeUndefined();

    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    const live = await source.prisma.inventoryPerson.count({
      where: { clientId: course.clientId, ...liveRows },
    });
    expect(await target.prisma.inventoryPerson.count({ where: { clientId: imported.clientId } })).toBe(live);
    const aunt = await target.prisma.inventoryPerson.findFirstOrThrow({
      where: { clientId: imported.clientId, label: "Invented aunt" },
      select: { id: true, lifeEvents: { select: { description: true } } },
    });
    expect(aunt.lifeEvents).toEqual([{ description: "Invented: the aunt fell ill." }]);
  });

  it("refuses a malformed inventory person whole, naming its path, and writes nothing", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { client: { people: { some: {} } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const index = (bundle.entry ?? []).findIndex((e) => e.resource?.resourceType === "RelatedPerson");
    const person = bundle.entry?.[index]?.resource;
    if (person?.resourceType !== "RelatedPerson") throw new Error("shape");
    person.relationship = [{ text: "x".repeat(81) }];
    const before = await Promise.all([target.prisma.client.count(), target.prisma.inventoryPerson.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual([
      `bundle.entry[${String(index)}].resource.relationship[0].text`,
    ]);
    expect(await Promise.all([target.prisma.client.count(), target.prisma.inventoryPerson.count()])).toEqual(
      before,
    );
  });
});
