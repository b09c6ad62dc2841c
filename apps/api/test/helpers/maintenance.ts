// A completed acute course, reached through the API as a therapist would (12 weekly sessions from
// 2026-01-05, all held, PHQ-9 at the first and last, the ending raised and the checklist done), and a
// maintenance contract's body: the set-up of the maintenance tests and matrix rows.
import { endpointPath, endpoints, type CourseDetail, type StartMaintenanceRequest } from "@ipt/shared";
import { asCourse, courseFor, holdSessions, sessionNumbered, type Clinician } from "./clinical";
import { recordPhq9 } from "./measures";

/** The acute course ends on this date (its last session's). */
export const ACUTE_ENDED_ON = "2026-03-23";

export async function completedAcuteCourse(who: Clinician): Promise<CourseDetail> {
  const middle = await courseFor(who, { phase: "middle" });
  const courseId = middle.id;
  const held = await holdSessions(who, courseId, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  await recordPhq9(who, courseId, sessionNumbered(held, 1).id, 16);
  const raised = asCourse(
    await who.post(endpointPath(endpoints.courses.raiseEnding, { courseId }), {
      version: (await read(who, courseId)).version,
    }),
  );
  asCourse(
    await who.patch(endpointPath(endpoints.courses.updateTerminationChecklist, { courseId }), {
      version: raised.version,
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: true,
      relapseWarningSigns: "Invented: early waking and withdrawing from friends.",
      relapsePlan: "Invented: call the clinic; come back if it lasts two weeks.",
      nextStep: "maintenance_offered",
    }),
  );
  const all = await holdSessions(who, courseId, [10, 11, 12]);
  await recordPhq9(who, courseId, sessionNumbered(all, 12).id, 4);
  return asCourse(
    await who.post(endpointPath(endpoints.courses.complete, { courseId }), {
      version: (await read(who, courseId)).version,
      outcome: "completed",
      endedOn: ACUTE_ENDED_ON,
    }),
  );
}

const read = async (who: Clinician, courseId: string) =>
  asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));

/** Six monthly sessions on Wednesdays at 10:00 from 2026-04-01, agreed at the acute course's end. */
export const maintenanceContract = (
  overrides: Partial<StartMaintenanceRequest> = {},
): StartMaintenanceRequest => ({
  plannedSessions: 6,
  frequency: "monthly",
  sessionMinutes: 50,
  startDate: "2026-04-01",
  weekday: 3,
  startTime: "10:00",
  missedSessionPolicy: "Invented: we rebook within the month.",
  agreedOn: ACUTE_ENDED_ON,
  ...overrides,
});

export const startMaintenance = (who: Clinician, courseId: string, body: object = maintenanceContract()) =>
  who.post(endpointPath(endpoints.courses.startMaintenance, { courseId }), body);
