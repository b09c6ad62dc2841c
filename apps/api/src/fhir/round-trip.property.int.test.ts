// The round trip as a property: for random invented courses (every format and area, any held sessions,
// answers, difficulty, diagnosis and notes, inventory, review threads and fidelity ratings), the Bundle
// validates, and importing it into an empty database and exporting again gives the same content, ids
// aside — with identifying details, so the inventory's labels are proven to come back too (what an import
// leaves out, supervisors' records, is set aside by `importable`).
import fc from "fast-check";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp } from "../../test/helpers/app";
import { idsAside, importable } from "../../test/helpers/fhir-compare";
import { syntheticCourseArbitrary } from "../../test/helpers/synthetic-course";
import { demoActor } from "../seed/demo-accounts";
import { codeProblems } from "./code-checks";
import { courseBundle } from "./course-bundle";
import { exportCourse } from "./export-service";
import { importCourse } from "./import-service";
import { structureProblems } from "./structure-validation";

const { prisma } = await createTestApp();
const admin = await createAccount(prisma, { role: "admin" });
const therapist = await createAccount(prisma, { role: "therapist" });
const options = {
  pseudonym: "fedcba9876543210fedcba9876543210",
  includeIdentifyingDetails: true,
  timeZone: "Europe/London",
};

describe("FHIR round trip, by property", () => {
  it("export → validate → import → export gives the same content for random courses", async () => {
    await fc.assert(
      fc.asyncProperty(syntheticCourseArbitrary(), async (source) => {
        const first = courseBundle(source, options, new Date("2026-06-01T09:00:00Z"));
        const entries = (first.entry ?? []).map((entry) => entry.resource as Resource);
        entries.forEach((resource, index) => {
          expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
        });
        expect(codeProblems(first as never)).toEqual([]);
        const imported = await importCourse(prisma, demoActor(admin.id, "admin"), {
          therapistId: therapist.id,
          bundle: first as never,
        });
        const second = (await exportCourse(prisma, demoActor(therapist.id, "therapist"), imported.courseId, {
          identifying: "true",
        })) as Bundle;
        expect(idsAside(second)).toEqual(idsAside(importable(first)));
      }),
      { numRuns: 25, seed: 20_261_207 },
    );
  });
});
