// Maintenance IPT (IPT-M): after a completed acute course, a new contract [S1a][S4][S11b] with its own
// length and interval, its own sessions (the "maintenance" and "maintenance-final" template slots) and a
// score at every session. What the sources give and what is this planner's synthesis is said at each rule
// (docs/clinical-reference.md §5).
import {
  addDays,
  isCalendarDate,
  isTimeOfDay,
  onOrAfterWeekday,
  type CalendarDate,
  type IsoWeekday,
  type TimeOfDay,
} from "../dates";
import { agendaFor } from "./agenda";
import { MAINTENANCE_CONTRACT } from "./formats";
import { PlanRuleError } from "./plan-error";
import type { SessionSlot } from "./templates";
import type {
  CourseFormat,
  CourseKind,
  CourseOutcome,
  CoursePhase,
  DisputeStage,
  Frequency,
  Lineage,
  ProblemArea,
  SessionPhase,
} from "./vocabulary";
import type { PlannedSession } from "./plan";

/** Days between sessions at each interval; monthly is every 4 weeks, so the contract's weekday holds. */
export const frequencyDays: Record<Frequency, number> = { weekly: 7, fortnightly: 14, monthly: 28 };

/** The acute course a maintenance course would continue, and the client's course that is still open. */
export interface MaintenanceStartState {
  course: { kind: CourseKind; phase: CoursePhase; outcome: CourseOutcome | null };
  /** The client's open course (any phase but completed), if there is one. */
  openCourse: { kind: CourseKind; acuteCourseId: string | null } | null;
  courseId: string;
}

export interface MaintenanceGap {
  /** The field the refusal names: the course's kind, phase or outcome, or the open maintenance course. */
  field: "kind" | "phase" | "outcome" | "maintenanceCourse" | "openCourse";
  message: string;
}

/**
 * Why a maintenance course cannot start from this course, one entry per reason (none: it can). It follows
 * a **completed** acute course: maintenance is offered at the end of acute treatment under a new contract
 * [S4][S11b][S1a]. A discontinued course did not reach that ending (a project choice: the therapist starts
 * a new acute course instead). One course at a time per client, as for acute courses.
 */
export function maintenanceStartGaps(state: MaintenanceStartState): MaintenanceGap[] {
  const gaps: MaintenanceGap[] = [];
  if (state.course.kind !== "acute") {
    gaps.push({
      field: "kind",
      message:
        "This is a maintenance course: start a further maintenance contract from the acute course it continues.",
    });
  }
  if (state.course.phase !== "completed") {
    gaps.push({
      field: "phase",
      message: "The acute course is not completed: maintenance starts under a new contract after it ends.",
    });
  } else if (state.course.outcome !== "completed") {
    gaps.push({
      field: "outcome",
      message:
        "The acute course was discontinued, not completed: start a new acute course instead of maintenance.",
    });
  }
  if (state.openCourse) {
    gaps.push(
      state.openCourse.kind === "maintenance" && state.openCourse.acuteCourseId === state.courseId
        ? {
            field: "maintenanceCourse",
            message:
              "A maintenance course after this acute course is already open: complete it before starting another.",
          }
        : {
            field: "openCourse",
            message:
              "This client already has an open course. Complete or discontinue it before starting maintenance.",
          },
    );
  }
  return gaps;
}

export interface MaintenanceContractInput {
  plannedSessions: number;
  frequency: Frequency;
  startDate: CalendarDate;
  /** When the acute course ended: maintenance starts after it. */
  acuteEndedOn: CalendarDate;
}

/** The contract's field errors (request field names): its length, and a start after the acute course. */
export function maintenanceContractErrors(
  input: MaintenanceContractInput,
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const { minSessions, maxSessions } = MAINTENANCE_CONTRACT;
  if (
    !Number.isInteger(input.plannedSessions) ||
    input.plannedSessions < minSessions ||
    input.plannedSessions > maxSessions
  ) {
    errors.push({
      field: "plannedSessions",
      message: `A maintenance contract has ${minSessions} to ${maxSessions} sessions (this planner's synthesis); a further contract can follow.`,
    });
  }
  if (input.startDate <= input.acuteEndedOn) {
    errors.push({
      field: "startDate",
      message: `The acute course ended on ${input.acuteEndedOn}: maintenance starts after that.`,
    });
  }
  return errors;
}

/** Every maintenance session is in the maintenance phase; the last one closes the contract. */
export function maintenanceSlotFor(number: number, total: number): SessionSlot {
  if (!Number.isInteger(number) || number < 1 || number > total) {
    throw new PlanRuleError(
      "number",
      `Session ${number} is outside a ${total}-session maintenance contract.`,
    );
  }
  return number === total ? "maintenance-final" : "maintenance";
}

export const MAINTENANCE_PHASE: SessionPhase = "maintenance";

/** Throws PlanRuleError naming `field` unless `total` is a maintenance contract's length. */
export function assertMaintenanceShape(total: number, field: string): void {
  const { minSessions, maxSessions } = MAINTENANCE_CONTRACT;
  if (!Number.isInteger(total) || total < minSessions || total > maxSessions) {
    throw new PlanRuleError(
      field,
      `A maintenance contract has ${minSessions}–${maxSessions} sessions; this plan has ${total}.`,
    );
  }
}

export interface MaintenancePlanInput {
  format: CourseFormat;
  lineage: Lineage;
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  sensitivity: boolean;
  total: number;
  frequency: Frequency;
  /** The first session is on the first `weekday` on or after this date (in the service's zone). */
  startDate: CalendarDate;
  weekday: IsoWeekday;
  startTime: TimeOfDay;
  durationMinutes: number;
}

/** The maintenance plan: `total` sessions at the contract's interval, each with its maintenance agenda. */
export function generateMaintenancePlan(input: MaintenancePlanInput): PlannedSession[] {
  const { total, startDate, frequency, weekday, startTime, durationMinutes } = input;
  assertMaintenanceShape(total, "total");
  if (!isCalendarDate(startDate))
    throw new PlanRuleError("startDate", `Use a real date like 2026-01-31 (got "${startDate}").`);
  if (!isTimeOfDay(startTime))
    throw new PlanRuleError("startTime", `Use a time like 09:30 (got "${startTime}").`);
  const first = onOrAfterWeekday(startDate, weekday);
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    const slot = maintenanceSlotFor(number, total);
    return {
      number,
      plannedDate: addDays(first, index * frequencyDays[frequency]),
      startTime,
      durationMinutes,
      phase: MAINTENANCE_PHASE,
      slot,
      agenda: agendaFor({ ...input, slot, number, total }),
    };
  });
}
