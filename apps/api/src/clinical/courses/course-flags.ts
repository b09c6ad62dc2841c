// The course flags every list shows (caseload, cockpit, course page): the rule in packages/shared
// (courseFlags) applied to a course row and its sessions, and the select that reads what it needs.
import { courseFlags, type CourseDetail, type Flag, type LifeEventKind } from "@ipt/shared";
import type { Prisma } from "../../db/prisma";

/**
 * The course fields flagsOf and the measure flags read: every list that shows flags (caseload, cockpit)
 * selects these. `kind` gives a maintenance course its own measurement points (shared measures/schedule).
 */
export const flagCourseSelect = {
  id: true,
  clientId: true,
  kind: true,
  format: true,
  lineage: true,
  phase: true,
  plannedSessions: true,
  terminationLead: true,
  terminationRaisedAt: true,
  primaryArea: true,
  secondaryArea: true,
  disputeStage: true,
  sensitivityModifier: true,
} satisfies Prisma.CourseSelect;

/** What the caseload flags need to know about a course and its sessions. */
export interface FlagInput {
  format: CourseDetail["format"];
  lineage: CourseDetail["lineage"];
  phase: CourseDetail["phase"];
  plannedSessions: number;
  terminationLead: number;
  terminationRaisedAt: Date | null;
  primaryArea: CourseDetail["primaryArea"];
  secondaryArea: CourseDetail["secondaryArea"];
  disputeStage: CourseDetail["disputeStage"];
  sensitivityModifier: boolean;
}

export interface FlagSession {
  number: number | null;
  status: CourseDetail["sessions"][number]["status"];
}

/** The next planned session: the lowest-numbered one still planned. */
export function nextPlanned<S extends FlagSession>(sessions: S[]): (S & { number: number }) | null {
  let next: (S & { number: number }) | null = null;
  for (const session of sessions) {
    if (session.status !== "planned" || session.number === null) continue;
    if (!next || session.number < next.number) next = session as S & { number: number };
  }
  return next;
}

/** Caseload flags of an open course; a completed course raises none. */
export function flagsOf(course: FlagInput, sessions: FlagSession[], lifeEventKinds: LifeEventKind[]): Flag[] {
  if (course.phase === "completed") return [];
  const heldNumbers = sessions.flatMap((s) => (s.status === "held" && s.number !== null ? [s.number] : []));
  return courseFlags({
    format: course.format,
    coursePhase: course.phase,
    total: course.plannedSessions,
    lead: course.terminationLead,
    heldNumbers,
    nextPlannedNumber: nextPlanned(sessions)?.number ?? null,
    terminationRaised: course.terminationRaisedAt !== null,
    lineage: course.lineage,
    primaryArea: course.primaryArea,
    secondaryArea: course.secondaryArea,
    disputeStage: course.disputeStage,
    sensitivity: course.sensitivityModifier,
    lifeEventKinds,
  });
}
