// Measurement fixtures for the integration tests: form answers that add up to a chosen total, held
// sessions, recording scores and follow-ups through the API, and supervision assignments made by an
// admin through the admin API. Imported by tests only.
import {
  courseMeasures,
  endpointPath,
  endpoints,
  recordMeasureResponse,
  riskFlagDetail,
  type CourseDetail,
  type CourseMeasures,
  type RecordMeasureRequest,
  type RecordMeasureResponse,
  type SafetyFollowUpRequest,
  type SessionDetail,
} from "@ipt/shared";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
import { asSession, ok, sessionNumbered, signedInAs, type Clinician } from "./clinical";

/** `count` answers (0–3) that add up to `total`, filled from the first item. */
function spread(count: number, total: number): number[] {
  if (total < 0 || total > count * 3) throw new Error(`no ${count}-item form adds up to ${total}`);
  return Array.from({ length: count }, (_, index) => Math.max(0, Math.min(3, total - index * 3)));
}

/** PHQ-9 answers adding up to `total`, with item 9 (thoughts of self-harm) answered `item9`. */
export function phq9(total: number, item9 = 0): number[] {
  return [...spread(8, total - item9), item9];
}

/** GAD-7 answers adding up to `total`. */
export const gad7 = (total: number): number[] => spread(7, total);

export const recordMeasure = (who: Clinician, courseId: string, body: object) =>
  who.post(endpointPath(endpoints.measures.record, { courseId }), body);

/** Records a score and returns the 201 body (fails the test otherwise). */
export async function recorded(
  who: Clinician,
  courseId: string,
  body: RecordMeasureRequest,
): Promise<RecordMeasureResponse> {
  return ok(await recordMeasure(who, courseId, body), recordMeasureResponse, 201);
}

/** Records a PHQ-9 of `total` (item 9 answered `item9`) at a session. */
export const recordPhq9 = (who: Clinician, courseId: string, sessionId: string, total: number, item9 = 0) =>
  recorded(who, courseId, { sessionId, instrument: "phq9", items: phq9(total, item9) });

/** Records a GAD-7 of `total` at a session. */
export const recordGad7 = (who: Clinician, courseId: string, sessionId: string, total: number) =>
  recorded(who, courseId, { sessionId, instrument: "gad7", items: gad7(total) });

export async function measuresOf(who: Clinician, courseId: string): Promise<CourseMeasures> {
  return ok(await who.get(endpointPath(endpoints.measures.get, { courseId })), courseMeasures);
}

/** Gives the session numbered `number` this status (unless it has it already) and returns its record. */
async function markSession(
  who: Clinician,
  course: CourseDetail,
  number: number,
  status: "held" | "no_show",
): Promise<SessionDetail> {
  const { id } = sessionNumbered(course, number);
  const session = asSession(await who.get(endpointPath(endpoints.sessions.get, { sessionId: id })));
  if (session.status === status) return session;
  return asSession(
    await who.patch(endpointPath(endpoints.sessions.update, { sessionId: id }), {
      version: session.version,
      status,
    }),
  );
}

/**
 * Marks the session numbered `number` held (it must be dated today or earlier) and returns its record.
 * A course from courseFor starts on 2026-01-05, so its sessions are in the past.
 */
export const heldSession = (who: Clinician, course: CourseDetail, number: number) =>
  markSession(who, course, number, "held");

/** Marks the session numbered `number` a no-show. */
export const noShowSession = (who: Clinician, course: CourseDetail, number: number) =>
  markSession(who, course, number, "no_show");

/** A complete safety follow-up body, taken an hour ago. */
export const followUpBody = (overrides: Partial<SafetyFollowUpRequest> = {}): SafetyFollowUpRequest => ({
  riskAssessed: true,
  riskLevel: "low",
  actionsTaken: "Asked directly about suicidal thoughts; no plan or intent; reviewed protective factors.",
  safetyPlan: "reviewed",
  supervisorInformed: false,
  followedUpAt: new Date(Date.now() - 3_600_000).toISOString(),
  ...overrides,
});

export const recordFollowUp = (who: Clinician, riskFlagId: string, body: object = followUpBody()) =>
  who.post(endpointPath(endpoints.measures.recordFollowUp, { riskFlagId }), body);

export async function followedUp(who: Clinician, riskFlagId: string, body: object = followUpBody()) {
  return ok(await recordFollowUp(who, riskFlagId, body), riskFlagDetail, 201);
}

/** A supervisor assigned (by an admin, through the admin API) to `therapist`, and how to unassign them. */
export async function supervisorOf(app: App, prisma: PrismaClient, therapist: { id: string }) {
  const admin = await signedInAs(app, prisma, "admin");
  const supervisor = await signedInAs(app, prisma, "supervisor");
  const link = endpointPath(endpoints.users.assignSupervisor, {
    userId: therapist.id,
    supervisorId: supervisor.id,
  });
  const assigned = await admin.call("PUT", link);
  if (assigned.statusCode !== 200) throw new Error(`assignment failed: ${assigned.body}`);
  return {
    supervisor,
    unassign: async () => {
      const removed = await admin.delete(link);
      if (removed.statusCode >= 300) throw new Error(`unassignment failed: ${removed.body}`);
    },
  };
}
