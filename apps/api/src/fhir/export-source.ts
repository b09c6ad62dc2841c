// What one course's FHIR export is made from: the course, its client, its live sessions, scores, risk
// flags and signatures, read in one query. The mapping modules take this shape and nothing else, so
// they are pure and unit-tested without a database.
import type { Prisma } from "../db/prisma";
import { courseRecordColumns } from "../clinical/courses/course-columns";
import { live, onLiveSession } from "../clinical/live";

export const exportSourceSelect = {
  ...courseRecordColumns,
  client: {
    select: {
      id: true,
      therapistId: true,
      displayName: true,
      yearOfBirth: true,
      referralReason: true,
      workingDiagnosis: true,
      status: true,
      // The interpersonal inventory (client-level, so every course of the client carries it): live
      // rows only (fhir/inventory.ts).
      people: {
        where: live,
        select: {
          id: true,
          label: true,
          relationship: true,
          ring: true,
          positives: true,
          negatives: true,
          expectations: true,
          changesNearOnset: true,
          support: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      lifeEvents: {
        where: live,
        select: { id: true, personId: true, occurredOn: true, kind: true, description: true },
        orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      },
    },
  },
  // The course's histories (fhir/histories.ts).
  problemAreaChanges: {
    select: {
      changedById: true,
      fromPrimary: true,
      toPrimary: true,
      fromSecondary: true,
      toSecondary: true,
      fromStage: true,
      toStage: true,
      reason: true,
      changedAt: true,
    },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
  },
  planChanges: {
    select: { changedById: true, kind: true, summary: true, changedAt: true },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
  },
  sessions: {
    where: live,
    select: {
      id: true,
      number: true,
      createdOrder: true,
      plannedDate: true,
      startTime: true,
      durationMinutes: true,
      phase: true,
      slot: true,
      status: true,
      // The calendar feed's SEQUENCE, so a re-imported course's feed continues from it.
      scheduleSequence: true,
      // The calendar feed's UID of the session's event, so a re-imported course's feed continues it.
      calendarUid: true,
      agenda: true,
      techniques: true,
      incident: true,
      riskReviewDone: true,
      riskReviewNote: true,
      parentAttendance: true,
      notes: true,
      betweenSessionWork: true,
      nextFocus: true,
      cancelReason: true,
      signedAt: true,
      signedById: true,
      amendments: {
        select: { reason: true, text: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      // Supervision: each rater's fidelity rating of the session (fhir/supervision.ts).
      fidelityRatings: {
        select: {
          id: true,
          raterId: true,
          raterExternal: true,
          raterRole: true,
          scores: true,
          comment: true,
          createdAt: true,
          updatedAt: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
    orderBy: { createdOrder: "asc" },
  },
  // Supervision: review threads about the course or a live session, with their messages
  // (fhir/supervision.ts).
  reviewThreads: {
    where: onLiveSession,
    select: {
      id: true,
      sessionId: true,
      target: true,
      kind: true,
      openedById: true,
      openedByExternal: true,
      openedByRole: true,
      resolvedAt: true,
      resolvedById: true,
      resolution: true,
      createdAt: true,
      messages: {
        select: {
          id: true,
          authorId: true,
          authorExternal: true,
          authorRole: true,
          body: true,
          createdAt: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
  measureScores: {
    select: {
      id: true,
      sessionId: true,
      instrument: true,
      items: true,
      total: true,
      difficulty: true,
      administeredOn: true,
      correctsId: true,
      correctionReason: true,
      enteredById: true,
      enteredAt: true,
      completedByClientAt: true,
    },
    orderBy: [{ enteredAt: "asc" }, { instrument: "asc" }, { id: "asc" }],
  },
  riskFlags: {
    select: {
      id: true,
      sessionId: true,
      scoreId: true,
      itemValue: true,
      raisedAt: true,
      resolvedAt: true,
      resolvedById: true,
      resolutionReason: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      acknowledgedByExternal: true,
      followUps: {
        select: {
          riskLevel: true,
          actionsTaken: true,
          safetyPlan: true,
          supervisorInformed: true,
          // The supervisor named as informed: a local user's id, or an imported follow-up's reference.
          supervisorId: true,
          supervisorExternal: true,
          followedUpAt: true,
          createdAt: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
    orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
  },
  outreachAttempts: {
    select: { attemptedAt: true, method: true, outcome: true, note: true },
    orderBy: [{ attemptedAt: "asc" }, { id: "asc" }],
  },
  coSignatures: {
    select: {
      id: true,
      sessionId: true,
      target: true,
      supervisorId: true,
      supervisorExternal: true,
      fingerprint: true,
      note: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.CourseSelect;

export type ExportSource = Prisma.CourseGetPayload<{ select: typeof exportSourceSelect }>;
export type ExportSession = ExportSource["sessions"][number];
export type ExportScore = ExportSource["measureScores"][number];
export type ExportRiskFlag = ExportSource["riskFlags"][number];
export type ExportCoSignature = ExportSource["coSignatures"][number];
export type ExportPerson = ExportSource["client"]["people"][number];
export type ExportLifeEvent = ExportSource["client"]["lifeEvents"][number];
export type ExportReviewThread = ExportSource["reviewThreads"][number];
export type ExportFidelityRating = ExportSession["fidelityRatings"][number];

/** How the export is made: who the patient is shown as, and the service's time zone for times. */
export interface ExportOptions {
  /** The client's stable pseudonym (a keyed hash of its id). */
  pseudonym: string;
  /** Name and year of birth only when the user asked for them (audited). */
  includeIdentifyingDetails: boolean;
  timeZone: string;
}
