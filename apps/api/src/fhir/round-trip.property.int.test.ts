// The round trip as a property: for random invented courses (every format and area, any held sessions,
// answers, difficulty, diagnosis and notes, inventory, review threads with replies by either side and
// fidelity self- and supervisor's ratings, co-signatures of the plan and of held sessions, the risk flag
// acknowledged or not, any calendar SEQUENCE), the Bundle validates, and importing it into an empty
// database and exporting again gives the same content, ids aside — pseudonymised (the default) or with
// identifying details, at random, so both are proven lossless. Nothing stays behind: supervisors'
// records come back by reference (docs/decisions/018); half of them as maintenance courses whose Bundle
// carries an acute course. And the same for a generated course of every
// format and area, pseudonymised, and for a generated maintenance course of every format with the acute
// course its Bundle carries.
import { courseFormats, problemAreas } from "@ipt/shared";
import fc from "fast-check";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp } from "../../test/helpers/app";
import { idsAside, supervisionOf } from "../../test/helpers/fhir-compare";
import {
  syntheticCourse,
  syntheticCourseArbitrary,
  syntheticMaintenancePair,
  withAcuteCourse,
} from "../../test/helpers/synthetic-course";
import { demoActor } from "../seed/demo-accounts";
import { codeProblems } from "./code-checks";
import { courseBundle } from "./course-bundle";
import { exportCourse } from "./export-service";
import { importCourse } from "./import-service";
import { structureProblems } from "./structure-validation";

const { prisma } = await createTestApp();
const admin = await createAccount(prisma, { role: "admin" });
const therapist = await createAccount(prisma, { role: "therapist" });

/** Imports a Bundle of ours for the therapist, then exports the course it made again. */
async function importThenExport(bundle: Bundle, query: { identifying?: "true" }): Promise<Bundle> {
  const imported = await importCourse(prisma, demoActor(admin.id, "admin"), {
    therapistId: therapist.id,
    bundle: bundle as never,
  });
  return (await exportCourse(
    prisma,
    demoActor(therapist.id, "therapist"),
    imported.courseId,
    query,
  )) as Bundle;
}

describe("FHIR round trip, by property", () => {
  it("export → validate → import → export gives the same content for random courses", async () => {
    const seen: Record<string, number> = {};
    const exports = { pseudonymised: 0, identifying: 0, maintenance: 0 };
    await fc.assert(
      fc.asyncProperty(
        syntheticCourseArbitrary(),
        fc.boolean(),
        fc.boolean(),
        async (random, identifying, maintenance) => {
          const options = {
            pseudonym: "fedcba9876543210fedcba9876543210",
            includeIdentifyingDetails: identifying,
            timeZone: "Europe/London",
          };
          // Half the time, the random course as a maintenance course, its Bundle carrying an acute course.
          const [acute, source] = maintenance ? withAcuteCourse(random) : [null, random];
          const first = courseBundle(source, options, new Date("2026-06-01T09:00:00Z"), acute);
          const entries = (first.entry ?? []).map((entry) => entry.resource as Resource);
          entries.forEach((resource, index) => {
            expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
          });
          expect(codeProblems(first as never)).toEqual([]);
          const second = await importThenExport(first, identifying ? { identifying: "true" } : {});
          expect(idsAside(second)).toEqual(idsAside(first));
          for (const [key, count] of Object.entries(supervisionOf(first)))
            seen[key] = (seen[key] ?? 0) + count;
          exports[identifying ? "identifying" : "pseudonymised"] += 1;
          if (maintenance) exports.maintenance += 1;
        },
      ),
      { numRuns: 25, seed: 20_261_207 },
    );
    // The random courses held every kind of supervision record, by either side, and both kinds of export.
    expect(Object.keys(seen).sort()).toEqual([
      "Communication supervisor",
      "Communication therapist",
      "Flag acknowledged",
      "Flag follow-up supervisor",
      "Observation self",
      "Observation supervisor",
      "Provenance co-signature",
      "Task supervisor",
      "Task therapist",
    ]);
    // Co-signatures of sessions too, not only of the plan, and acknowledged flags.
    expect(seen["Provenance co-signature"]).toBeGreaterThan(25);
    expect(exports.pseudonymised).toBeGreaterThan(0);
    expect(exports.identifying).toBeGreaterThan(0);
    expect(exports.maintenance).toBeGreaterThan(0);
    // 25 imports and exports on real PostgreSQL: about 20 s on a busy 2-core machine.
  }, 120_000);

  it.each(courseFormats.flatMap((format) => problemAreas.map((area) => [format, area] as const)))(
    "export → import → export gives the same content for a generated %s / %s course",
    async (format, area) => {
      const options = {
        pseudonym: "0123456789abcdef0123456789abcdef",
        includeIdentifyingDetails: false,
        timeZone: "Europe/London",
      };
      const first = courseBundle(
        syntheticCourse({ format, area }),
        options,
        new Date("2026-06-01T09:00:00Z"),
      );
      const second = await importThenExport(first, {});
      expect(idsAside(second)).toEqual(idsAside(first));
    },
  );

  it.each(courseFormats)(
    "export → import → export gives the same content for a generated %s maintenance course and its acute course",
    async (format) => {
      const [acute, maintenance] = syntheticMaintenancePair({ format, area: "role_transition" });
      const options = {
        pseudonym: "00112233445566778899aabbccddeeff",
        includeIdentifyingDetails: true,
        timeZone: "Europe/London",
      };
      const first = courseBundle(maintenance, options, new Date("2026-07-01T09:00:00Z"), acute);
      (first.entry ?? []).forEach((entry, index) => {
        expect(structureProblems(entry.resource as Resource, `entry[${String(index)}].resource`)).toEqual([]);
      });
      expect(codeProblems(first as never)).toEqual([]);
      const imported = await importCourse(prisma, demoActor(admin.id, "admin"), {
        therapistId: therapist.id,
        bundle: first as never,
      });
      const written = await prisma.course.findUniqueOrThrow({
        where: { id: imported.courseId },
        select: { kind: true, clientId: true, acuteCourse: { select: { clientId: true, kind: true } } },
      });
      expect(written).toEqual({
        kind: "maintenance",
        clientId: imported.clientId,
        acuteCourse: { clientId: imported.clientId, kind: "acute" },
      });
      const second = (await exportCourse(prisma, demoActor(therapist.id, "therapist"), imported.courseId, {
        identifying: "true",
      })) as Bundle;
      expect(idsAside(second)).toEqual(idsAside(first));
    },
  );
});
