// Export of one course, or of a therapist's whole caseload, as FHIR R4 Bundles. Readable as the
// course itself is (clinical/access.ts): the therapist, or a supervisor assigned to them; anything else
// is the audited 404. Every export is audited with ids only, and whether identifying details were asked.
import { createHmac } from "node:crypto";
import type { FhirBundle, FhirExportQuery } from "@ipt/shared";
import type { Bundle } from "@medplum/fhirtypes";
import { recordAudit } from "../audit/audit-log";
import { auditClinical, denied, readableClientWhere, type Actor } from "../clinical/access";
import { getServiceTimeZone } from "../clinical/measures/settings-read";
import type { PrismaClient } from "../db/prisma";
import { serverKey } from "../db/server-keys";
import { courseBundle } from "./course-bundle";
import { exportSourceSelect, type ExportSource } from "./export-source";

/** The client's stable pseudonym: a keyed hash of its id, so it names the same client in every
 *  export of this instance and cannot be turned back into the id without the key. */
export async function clientPseudonym(prisma: PrismaClient, clientId: string): Promise<string> {
  const key = await serverKey(prisma, "fhir_pseudonym");
  return createHmac("sha256", key).update(clientId).digest("hex").slice(0, 32);
}

/** The acute course a maintenance course continues (the same client's, so as readable), which its
 *  Bundle carries whole; null for any other course. `known`: courses already read. */
async function acuteOf(
  prisma: PrismaClient,
  source: ExportSource,
  known: readonly ExportSource[] = [],
): Promise<ExportSource | null> {
  if (source.kind !== "maintenance" || !source.acuteCourseId) return null;
  const id = source.acuteCourseId;
  return (
    known.find((course) => course.id === id) ??
    (await prisma.course.findFirst({
      where: { id, clientId: source.client.id },
      select: exportSourceSelect,
    }))
  );
}

async function bundleOf(
  prisma: PrismaClient,
  source: ExportSource,
  identifying: boolean,
  timeZone: string,
  now: Date,
  known: readonly ExportSource[] = [],
) {
  return courseBundle(
    source,
    {
      pseudonym: await clientPseudonym(prisma, source.client.id),
      includeIdentifyingDetails: identifying,
      timeZone,
    },
    now,
    await acuteOf(prisma, source, known),
  );
}

const asWire = (bundle: Bundle) => bundle as FhirBundle;

export async function exportCourse(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  query: FhirExportQuery,
): Promise<FhirBundle> {
  const identifying = query.identifying === "true";
  const source = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: exportSourceSelect,
  });
  if (!source) throw await denied(prisma, actor, "course", courseId, "The course");
  const timeZone = await getServiceTimeZone(prisma);
  const bundle = await bundleOf(prisma, source, identifying, timeZone, actor.now);
  // A maintenance course's Bundle carries its acute course too: the row names it (ids only).
  const carried = source.kind === "maintenance" && source.acuteCourseId ? source.acuteCourseId : null;
  await auditClinical(prisma, actor, "fhir.course_exported", "course", source.id, {
    identifying,
    ...(carried ? { acuteCourseId: carried } : {}),
  });
  return asWire(bundle);
}

/** Every course of the therapist's own clients: a collection Bundle whose entries are course Bundles
 *  (a maintenance course's with its acute course in it, so each entry imports on its own). */
export async function exportCaseload(
  prisma: PrismaClient,
  actor: Actor,
  query: FhirExportQuery,
): Promise<FhirBundle> {
  const identifying = query.identifying === "true";
  const sources = await prisma.course.findMany({
    where: { client: { therapistId: actor.userId } },
    select: exportSourceSelect,
    orderBy: [{ clientId: "asc" }, { sequence: "asc" }],
  });
  const timeZone = await getServiceTimeZone(prisma);
  const bundles = await Promise.all(
    sources.map((source) => bundleOf(prisma, source, identifying, timeZone, actor.now, sources)),
  );
  await recordAudit(prisma, actor.audit, {
    action: "fhir.caseload_exported",
    entityType: "user",
    entityId: actor.userId,
    details: { identifying, courseIds: sources.map((source) => source.id) },
  });
  return asWire({
    resourceType: "Bundle",
    type: "collection",
    timestamp: actor.now.toISOString(),
    ...(bundles.length > 0 ? { entry: bundles.map((resource) => ({ resource })) } : {}),
  });
}
