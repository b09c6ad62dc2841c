// An admin imports a course Bundle of ours into this instance, assigned to one of its therapists. The
// Bundle is checked whole first — every resource against the FHIR R4 definitions, our code checks, and
// the reading back into our model — and refused with every problem's path (400) before anything is
// written; then the client, course, sessions, scores, risk flags, the client's interpersonal inventory,
// the course's histories and its supervision records are written in one transaction (a maintenance
// course's Bundle: its acute course first, then the maintenance course naming it, for one new client).
// Acts of the exporting instance's users (signing a session, entering a score, resolving a flag, the
// therapist's review messages and self-ratings) are attributed to the assigned therapist. Supervisors'
// review threads, messages, fidelity ratings, co-signatures and risk-flag acknowledgements keep their
// author as the Bundle named them, an external reference never re-attributed to a local user: history
// of the exporting instance, which the local gates count only for what it was given on
// (docs/decisions/018).
import { randomUUID } from "node:crypto";
import { toDateColumn, type FhirImportRequest, type FhirImportResponse } from "@ipt/shared";
import type { BundleEntry, Resource } from "@medplum/fhirtypes";
import { auditClinical, type Actor } from "../clinical/access";
import type { PrismaClient, Tx } from "../db/prisma";
import { invalidFields } from "../errors/app-error";
import { courseViews } from "./bundle-courses";
import { readCourseBundle, type ImportedCourse } from "./bundle-reader";
import { codeProblems } from "./code-checks";
import { orderedIds, writeHistories, writeInventory } from "./import-inventory";
import { writeSupervision } from "./import-supervision";
import { structureProblems, type FhirProblem } from "./structure-validation";
import { refreshCourseSummary } from "../supervision/course-summary";

const refused = (problems: FhirProblem[]) =>
  invalidFields(
    problems.map((problem) => ({
      field: problem.path ? `bundle.${problem.path}` : "bundle",
      message: problem.message,
    })),
  );

const nullableDate = (value: string | null) => (value === null ? null : toDateColumn(value));
const nullableInstant = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The course a Bundle holds (and, for a maintenance course, the acute course it continues), or every
 * problem found: first the FHIR R4 definitions and our code checks (a Bundle that fails them is not
 * read further), then the reading back into our model.
 */
export function checkCourseBundle(bundle: FhirImportRequest["bundle"]): {
  course: ImportedCourse | null;
  acute: ImportedCourse | null;
  problems: FhirProblem[];
} {
  const entries = (bundle.entry ?? []) as BundleEntry[];
  const problems: FhirProblem[] = [
    ...entries.flatMap((entry, index) =>
      structureProblems(entry.resource as Resource, `entry[${String(index)}].resource`),
    ),
    ...codeProblems(bundle as never),
  ];
  if (problems.length > 0) return { course: null, acute: null, problems };
  const views = courseViews(entries, problems);
  if (!views) return { course: null, acute: null, problems };
  const acute = views.acute ? readCourseBundle(views.acute.entries) : null;
  const read = readCourseBundle(views.course, { continues: views.acute !== null });
  problems.push(...(acute?.problems ?? []), ...read.problems);
  if (acute?.course && read.course && views.acute) {
    problems.push(...pairProblems(acute.course, read.course, views.acute.planPath));
  }
  return problems.length > 0
    ? { course: null, acute: null, problems }
    : { course: read.course, acute: acute?.course ?? null, problems };
}

/** What the app keeps true of a maintenance course and its acute course (docs/decisions/026). */
function pairProblems(acute: ImportedCourse, course: ImportedCourse, acutePlanPath: string): FhirProblem[] {
  const problems: FhirProblem[] = [];
  if (acute.course.outcome !== "completed") {
    problems.push({
      path: `${acutePlanPath}.extension`,
      message: "A maintenance course continues a completed acute course: this one is not completed.",
    });
  }
  if (acute.course.sequence === course.course.sequence) {
    problems.push({
      path: `${acutePlanPath}.extension`,
      message: "Two courses of a client have one sequence.",
    });
  }
  const uids = [...acute.sessions, ...course.sessions].flatMap((s) => (s.calendarUid ? [s.calendarUid] : []));
  if (new Set(uids).size !== uids.length) {
    problems.push({ path: "entry", message: "Two sessions have the same calendar UID." });
  }
  return problems;
}

export async function importCourse(
  prisma: PrismaClient,
  actor: Actor,
  request: FhirImportRequest,
): Promise<FhirImportResponse> {
  const therapist = await prisma.user.findFirst({
    where: { id: request.therapistId, role: "therapist", active: true },
    select: { id: true },
  });
  if (!therapist) {
    throw invalidFields([{ field: "therapistId", message: "Choose an active therapist of this instance." }]);
  }

  const checked = checkCourseBundle(request.bundle);
  if (!checked.course) throw refused(checked.problems);
  const read = checked.course;
  const { acute } = checked;

  const clientId = randomUUID();
  const courseId = randomUUID();
  await prisma.$transaction(async (tx) => {
    // One import at a time, so two imports of one Bundle cannot both find its calendar UIDs free.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ipt.fhir-import'))`;
    const taken = await takenCalendarUids(tx, [...(acute?.sessions ?? []), ...read.sessions]);
    await tx.client.create({ data: { id: clientId, therapistId: therapist.id, ...read.client } });
    // The client's inventory once (both courses of a maintenance Bundle read the same entries).
    await writeInventory(tx, read, clientId);
    const written = { clientId, therapistId: therapist.id, taken };
    if (acute) {
      // The acute course first, then the maintenance course that continues it.
      const acuteCourseId = randomUUID();
      await writeCourse(tx, actor, acute, { ...written, courseId: acuteCourseId });
      await writeCourse(tx, actor, read, {
        ...written,
        courseId,
        continues: { kind: "maintenance", acuteCourseId },
      });
    } else {
      await writeCourse(tx, actor, read, { ...written, courseId });
    }
  });
  return { clientId, courseId };
}

/** One course of the Bundle with its sessions, scores, flags, histories and supervision records. */
async function writeCourse(
  tx: Tx,
  actor: Actor,
  read: ImportedCourse,
  ids: {
    clientId: string;
    courseId: string;
    therapistId: string;
    taken: Set<string>;
    continues?: { kind: "maintenance"; acuteCourseId: string };
  },
): Promise<void> {
  const { clientId, courseId, taken } = ids;
  const therapist = { id: ids.therapistId };
  const sessionIds = new Map(read.sessions.map((session) => [session.sourceId, randomUUID()]));
  const scoreIds = new Map(read.scores.map((score) => [score.sourceId, randomUUID()]));
  const sessionIdOf = (sourceId: string) => sessionIds.get(sourceId) ?? "";
  const scoreIdOf = (sourceId: string) => scoreIds.get(sourceId) ?? "";
  const { course } = read;
  await tx.course.create({
    data: {
      ...course,
      ...ids.continues,
      id: courseId,
      clientId,
      startDate: toDateColumn(course.startDate),
      formulationAgreedOn: nullableDate(course.formulationAgreedOn),
      episodeOnsetOn: nullableDate(course.episodeOnsetOn),
      contractAgreedOn: nullableDate(course.contractAgreedOn),
      middleStartedAt: nullableInstant(course.middleStartedAt),
      terminationRaisedAt: nullableInstant(course.terminationRaisedAt),
      endedOn: nullableDate(course.endedOn),
    },
  });
  await tx.therapySession.createMany({
    data: read.sessions.map(
      ({ sourceId, plannedDate, signedAt, calendarUid, amendments: _amendments, ...session }) => ({
        ...session,
        // The Bundle's calendar UID, so the feed continues the same event; a new one (the column's
        // default) when a session here has it already — the same course imported twice, or back into
        // the instance it came from — so no two events of this instance share a UID.
        ...(calendarUid !== null && !taken.has(calendarUid) ? { calendarUid } : {}),
        id: sessionIdOf(sourceId),
        courseId,
        plannedDate: toDateColumn(plannedDate),
        signedAt: nullableInstant(signedAt),
        signedById: signedAt ? therapist.id : null,
      }),
    ),
  });
  await tx.sessionAmendment.createMany({
    data: read.sessions.flatMap((session) =>
      session.amendments.map((amendment) => ({
        sessionId: sessionIdOf(session.sourceId),
        authorId: therapist.id,
        reason: amendment.reason,
        text: amendment.text,
        createdAt: new Date(amendment.createdAt),
      })),
    ),
  });
  // One by one in export order, so a correction's original is written before it.
  for (const {
    sourceId,
    sessionSourceId,
    correctsSourceId,
    administeredOn,
    enteredAt,
    ...score
  } of read.scores) {
    await tx.measureScore.create({
      data: {
        ...score,
        id: scoreIdOf(sourceId),
        courseId,
        sessionId: sessionIdOf(sessionSourceId),
        correctsId: correctsSourceId ? scoreIdOf(correctsSourceId) : null,
        administeredOn: toDateColumn(administeredOn),
        enteredAt: new Date(enteredAt),
        enteredById: therapist.id,
      },
    });
  }
  const flagIds = read.riskFlags.map(() => randomUUID());
  await tx.riskFlag.createMany({
    data: read.riskFlags.map((flag, index) => ({
      id: flagIds[index],
      courseId,
      sessionId: sessionIdOf(flag.sessionSourceId),
      scoreId: scoreIdOf(flag.scoreSourceId),
      itemValue: flag.itemValue,
      raisedAt: new Date(flag.raisedAt),
      resolvedAt: nullableInstant(flag.resolvedAt),
      resolvedById: flag.resolved ? therapist.id : null,
      resolutionReason: flag.resolutionReason,
      // A supervisor's acknowledgement at the exporting instance, by its reference: never a local user.
      acknowledgedAt: nullableInstant(flag.acknowledgedAt),
      acknowledgedByExternal: flag.acknowledgedByExternal,
    })),
  });
  await tx.safetyFollowUp.createMany({
    data: read.riskFlags.flatMap((flag, index) =>
      flag.followUps.map((followUp) => ({
        // The supervisor named as informed keeps the Bundle's reference (supervisorExternal), never a
        // local user.
        ...followUp,
        riskFlagId: flagIds[index] ?? "",
        recordedById: therapist.id,
        followedUpAt: new Date(followUp.followedUpAt),
        createdAt: new Date(followUp.createdAt),
      })),
    ),
  });
  await tx.outreachAttempt.createMany({
    data: read.outreachAttempts.map((attempt) => ({
      ...attempt,
      courseId,
      recordedById: therapist.id,
      attemptedAt: new Date(attempt.attemptedAt),
    })),
  });
  await writeHistories(tx, read, { courseId, therapistId: therapist.id });
  await writeSupervision(tx, read, { courseId, therapistId: therapist.id, sessionIdOf });
  // Co-signatures as given at the exporting instance (signer by reference, time, fingerprint), in the
  // Bundle's order; ids ascending so two of one instant keep it.
  const coSignatureIds = orderedIds(read.coSignatures.length);
  await tx.coSignature.createMany({
    data: read.coSignatures.map(({ sessionSourceId, createdAt, ...coSignature }, index) => ({
      ...coSignature,
      id: coSignatureIds[index] ?? "",
      courseId,
      sessionId: sessionSourceId ? sessionIdOf(sessionSourceId) : null,
      supervisorId: null,
      createdAt: new Date(createdAt),
    })),
  });
  await refreshCourseSummary(tx, courseId);
  await auditClinical(tx, actor, "fhir.course_imported", "course", courseId, {
    clientId,
    therapistId: therapist.id,
  });
}

/** The Bundle's calendar UIDs that sessions of this instance have already (removed ones included:
 *  the feed keeps them as cancelled events). */
async function takenCalendarUids(tx: Tx, sessions: ImportedCourse["sessions"]): Promise<Set<string>> {
  const uids = sessions.flatMap((session) => (session.calendarUid === null ? [] : [session.calendarUid]));
  if (uids.length === 0) return new Set();
  const rows = await tx.therapySession.findMany({
    where: { calendarUid: { in: uids } },
    select: { calendarUid: true },
  });
  return new Set(rows.map((row) => row.calendarUid));
}
