// The FHIR export on real PostgreSQL: every resource of every demo course validates against the FHIR R4
// StructureDefinitions and our code checks; who may export (the therapist, an assigned supervisor,
// nobody else: the audited 404); pseudonymised by default (no client name, no inventory labels);
// audited with ids only. A maintenance course (its Bundle carrying its acute course) and a group
// member's course validate too; an import takes the first with its acute course and refuses the second
// alone, naming the path.
import { endpoints, endpointPath, extensionUrl, fhirBundle, PATIENT_PSEUDONYM_SYSTEM } from "@ipt/shared";
import type { Bundle, Patient, Resource } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createTestApp, signIn } from "../../test/helpers/app";
import { asCourse, ok, signedInAs } from "../../test/helpers/clinical";
import { newGroup, newMember } from "../../test/helpers/groups";
import { completedAcuteCourse, startMaintenance } from "../../test/helpers/maintenance";
import { demoActor, DEMO_PASSWORD, demoEmail, seedDemoAccounts } from "../seed/demo-accounts";
import { seedDemoCaseloads } from "../seed/demo-caseload";
import { codeProblems } from "./code-checks";
import { exportCourse } from "./export-service";
import { isLifeEvent } from "./inventory";
import { isFidelityRating } from "./supervision";
import { structureProblems } from "./structure-validation";

const { app, prisma } = await createTestApp();
await seedDemoAccounts(prisma);
await seedDemoCaseloads(prisma);

const userOf = (key: string) => prisma.user.findUniqueOrThrow({ where: { email: demoEmail(key) } });

async function as(key: string) {
  const session = await signIn(app, demoEmail(key), DEMO_PASSWORD);
  return (url: string) => app.inject({ method: "GET", url, headers: session.headers });
}

const resourcesOf = (bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource as Resource);

describe("FHIR export of the demo courses", () => {
  it("validates every resource of every demo course, with our code checks", async () => {
    const courses = await prisma.course.findMany({
      select: { id: true, client: { select: { therapistId: true } } },
    });
    expect(courses.length).toBeGreaterThanOrEqual(6);
    const seen = new Set<string>();
    for (const course of courses) {
      const bundle = (await exportCourse(
        prisma,
        demoActor(course.client.therapistId, "therapist"),
        course.id,
        {},
      )) as Bundle;
      expect(structureProblems(bundle)).toEqual([]);
      resourcesOf(bundle).forEach((resource, index) => {
        expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
        seen.add(resource.resourceType);
        if (resource.resourceType === "Observation" && isLifeEvent(resource)) seen.add("life event");
        if (resource.resourceType === "Observation" && isFidelityRating(resource))
          seen.add("fidelity rating");
        const extensions = "extension" in resource ? (resource.extension ?? []) : [];
        if (extensions.some((e) => e.url === extensionUrl("plan-change"))) seen.add("plan-change");
      });
      expect(codeProblems(bundle as never)).toEqual([]);
    }
    // The demo caseloads hold every kind of record the export maps.
    expect([...seen].sort()).toEqual(
      [
        "CarePlan",
        "Communication",
        "Condition",
        "Encounter",
        "Flag",
        "Goal",
        "Observation",
        "Patient",
        "Provenance",
        "QuestionnaireResponse",
        "RelatedPerson",
        "Task",
        "fidelity rating",
        "life event",
        // (no demo course changes its problem area after the initial phase: the generated courses do)
        "plan-change",
      ].sort(),
    );
  });

  it("lets the therapist and an assigned supervisor export; others get the audited 404", async () => {
    const tom = await userOf("therapist.tom");
    const course = await prisma.course.findFirstOrThrow({ where: { client: { therapistId: tom.id } } });
    const url = endpointPath(endpoints.fhir.exportCourse, { courseId: course.id });
    const before = (await prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const own = await (await as("therapist.tom"))(url);
    expect(own.statusCode, own.body).toBe(200);
    const bundle = fhirBundle.parse(own.json()) as Bundle;
    const patient = resourcesOf(bundle).find((r): r is Patient => r.resourceType === "Patient");
    // Pseudonymised: an opaque identifier, no name, no birth date, not the client's id.
    expect(patient?.identifier?.[0]?.system).toBe(PATIENT_PSEUDONYM_SYSTEM);
    expect(patient?.identifier?.[0]?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(patient?.name).toBeUndefined();
    expect(patient?.birthDate).toBeUndefined();
    expect(own.body).not.toContain(course.clientId);

    // The same pseudonym in the next export.
    const again = fhirBundle.parse((await (await as("therapist.tom"))(url)).json()) as Bundle;
    const patientAgain = resourcesOf(again).find((r): r is Patient => r.resourceType === "Patient");
    expect(patientAgain?.identifier).toEqual(patient?.identifier);

    expect((await (await as("supervisor.sam"))(url)).statusCode).toBe(200);
    expect((await (await as("supervisor.rina"))(url)).statusCode).toBe(404);
    expect((await (await as("therapist.maya"))(url)).statusCode).toBe(404);
    expect((await (await as("admin"))(url)).statusCode).toBe(403);

    const rows = await prisma.auditEvent.findMany({
      where: {
        id: { gt: before },
        entityId: course.id,
        action: { in: ["fhir.course_exported", "client.access_denied"] },
      },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [row.action, row.outcome])).toEqual([
      ["fhir.course_exported", "success"],
      ["fhir.course_exported", "success"],
      ["fhir.course_exported", "success"],
      ["client.access_denied", "denied"],
      ["client.access_denied", "denied"],
    ]);
    expect(rows[0]?.details).toEqual({ identifying: false });
  });

  it("puts name and year of birth in only when asked, and audits that it was asked", async () => {
    const tom = await userOf("therapist.tom");
    const course = await prisma.course.findFirstOrThrow({
      where: { client: { therapistId: tom.id } },
      include: { client: true },
    });
    const url = endpointPath(endpoints.fhir.exportCourse, { courseId: course.id }, { identifying: "true" });
    const response = await (await as("therapist.tom"))(url);
    expect(response.statusCode, response.body).toBe(200);
    const patient = resourcesOf(response.json<Bundle>()).find(
      (r): r is Patient => r.resourceType === "Patient",
    );
    expect(patient?.name).toEqual([{ text: course.client.displayName }]);
    const row = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: course.id, action: "fhir.course_exported" },
      orderBy: { id: "desc" },
    });
    expect(row.details).toEqual({ identifying: true });
  });

  it("exports the therapist's whole caseload as a Bundle of course Bundles", async () => {
    const tom = await userOf("therapist.tom");
    const count = await prisma.course.count({ where: { client: { therapistId: tom.id } } });
    const response = await (await as("therapist.tom"))(endpointPath(endpoints.fhir.exportCaseload, {}));
    expect(response.statusCode, response.body).toBe(200);
    const bundle = response.json<Bundle>();
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual(Array(count).fill("Bundle"));
    expect(structureProblems(bundle)).toEqual([]);
  });
});

describe("FHIR export of every course kind", () => {
  it("validates an acute, a maintenance and a group member's course; an import takes the maintenance course with its acute course, and refuses the group member's alone, naming the path, writing nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    const admin = await signedInAs(app, prisma, "admin");
    const acute = await completedAcuteCourse(therapist);
    const maintenance = asCourse(await startMaintenance(therapist, acute.id), 201);
    const group = await newGroup(therapist);
    const member = await newMember(therapist, group.id);
    for (const [kind, courseId] of [
      ["acute", acute.id],
      ["maintenance", maintenance.id],
      ["group", member.courseId],
    ] as const) {
      const url = endpointPath(endpoints.fhir.exportCourse, { courseId });
      const bundle = ok(await therapist.get(url), fhirBundle) as Bundle;
      expect(structureProblems(bundle)).toEqual([]);
      resourcesOf(bundle).forEach((resource, index) => {
        expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
      });
      expect(codeProblems(bundle as never)).toEqual([]);
      // The Bundle's own course's CarePlan: the last (a maintenance Bundle holds its acute course's first).
      const planIndex = resourcesOf(bundle).findLastIndex((r) => r.resourceType === "CarePlan");
      const plan = resourcesOf(bundle)[planIndex];
      expect(plan && "extension" in plan ? plan.extension : []).toContainEqual({
        url: extensionUrl("course-kind"),
        valueString: kind,
      });
      if (kind === "acute") continue;
      if (kind === "maintenance") {
        expect(resourcesOf(bundle).filter((r) => r.resourceType === "CarePlan")).toHaveLength(2);
        const imported = await admin.post(endpointPath(endpoints.fhir.importCourse), {
          therapistId: therapist.id,
          bundle,
        });
        expect(imported.statusCode, imported.body).toBe(201);
        const { clientId } = imported.json<{ clientId: string }>();
        expect(
          (await prisma.course.findMany({ where: { clientId }, select: { kind: true } }))
            .map((c) => c.kind)
            .sort(),
        ).toEqual(["acute", "maintenance"]);
        // The export's audit row names the acute course the Bundle carried (ids only).
        const audited = await prisma.auditEvent.findFirstOrThrow({
          where: { entityId: courseId, action: "fhir.course_exported" },
          orderBy: { id: "desc" },
        });
        expect(audited.details).toEqual({ identifying: false, acuteCourseId: acute.id });
        continue;
      }
      const before = await Promise.all([prisma.client.count(), prisma.course.count()]);
      const refused = await admin.post(endpointPath(endpoints.fhir.importCourse), {
        therapistId: therapist.id,
        bundle,
      });
      expect(refused.statusCode, refused.body).toBe(400);
      const fields = refused.json<{ error: { fields: { field: string }[] } }>().error.fields;
      expect(fields.map((f) => f.field)).toEqual([`bundle.entry[${String(planIndex)}].resource.extension`]);
      expect(await Promise.all([prisma.client.count(), prisma.course.count()])).toEqual(before);
    }
  });
});
