// Session numbering, phases and slots for a course, the initial plan, and the re-flow after plan edits.
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
import { formatPresets, TERMINATION_LEAD } from "./formats";
import { assertMaintenanceShape, frequencyDays, MAINTENANCE_PHASE, maintenanceSlotFor } from "./maintenance";
import { PlanRuleError } from "./plan-error";
import type { AgendaItem, SessionSlot } from "./templates";
import type {
  CourseFormat,
  CourseKind,
  DisputeStage,
  Frequency,
  Lineage,
  ProblemArea,
  SessionPhase,
  SessionStatus,
} from "./vocabulary";

/** A new course's sessions start at this time of day until the contract says otherwise. */
export const DEFAULT_SESSION_TIME: TimeOfDay = "09:00";

/** Throws PlanRuleError naming `field` unless `date` is a real calendar date. */
function assertCalendarDate(date: string, field: string): void {
  if (!isCalendarDate(date))
    throw new PlanRuleError(field, `Use a real date like 2026-01-31 (got "${date}").`);
}

/** `count` dates from `startDate`, one interval apart (weekly 7 days, fortnightly 14, monthly 28). */
export function sessionDates(startDate: CalendarDate, count: number, frequency: Frequency): CalendarDate[] {
  assertCalendarDate(startDate, "startDate");
  return Array.from({ length: count }, (_, index) => addDays(startDate, index * frequencyDays[frequency]));
}

/**
 * The date for a session appended after `lastDate`: the contract's weekday one interval on (a week,
 * or two), or the first such weekday after `lastDate` when that was moved off the weekday.
 */
export function nextSessionDate(
  lastDate: CalendarDate,
  frequency: Frequency,
  weekday: IsoWeekday,
): CalendarDate {
  assertCalendarDate(lastDate, "plannedDate");
  return onOrAfterWeekday(addDays(lastDate, frequencyDays[frequency] - 6), weekday);
}

/** The session where termination starts and the ending is raised explicitly [S4]. */
export function terminationStartNumber(total: number, lead: number): number {
  return total - lead;
}

/** Sessions before the end beyond which raising the ending counts as early and needs a reason. */
export const EARLY_ENDING_SESSIONS = 4;

/**
 * Raising the ending at session `next` is "much earlier than planned" when it is more than 4
 * sessions before the end: the sources ask for the ending 2–4 sessions before the end [S4], so
 * earlier needs a reason on record. The 4-session threshold is this planner's synthesis of [S4].
 */
export function endingIsEarly(total: number, next: number): boolean {
  return total - next > EARLY_ENDING_SESSIONS;
}

/** initial while n ≤ the format's initial sessions; termination from total − lead; middle in between. */
export function phaseFor(number: number, total: number, format: CourseFormat, lead: number): SessionPhase {
  if (number <= formatPresets[format].initialSessions) return "initial";
  if (number >= terminationStartNumber(total, lead)) return "termination";
  return "middle";
}

export function slotFor(number: number, total: number, format: CourseFormat, lead: number): SessionSlot {
  if (!Number.isInteger(number) || number < 1 || number > total) {
    throw new PlanRuleError("number", `Session ${number} is outside a ${total}-session course.`);
  }
  if (number === total) return "final";
  if (number === terminationStartNumber(total, lead)) return "raise-ending";
  if (number > terminationStartNumber(total, lead)) return "termination";
  if (number > formatPresets[format].initialSessions) return "middle";
  if (!formatPresets[format].engagementSession) return `initial-${number}` as SessionSlot;
  // IPT-B: session 1 is the engagement session, then two initial sessions [S21a][S21b].
  return number === 1 ? "engagement" : (`initial-${number - 1}` as SessionSlot);
}

function sessionsRule(format: CourseFormat): string {
  const { label, minSessions, maxSessions } = formatPresets[format];
  return minSessions === maxSessions
    ? `${label} has exactly ${minSessions} sessions`
    : `${label} has ${minSessions}–${maxSessions} sessions`;
}

/** Throws PlanRuleError unless the total fits the format, the lead is 2–4 and a middle phase remains. */
function assertCourseShape(format: CourseFormat, total: number, lead: number, totalField: string): void {
  const preset = formatPresets[format];
  if (!Number.isInteger(total) || total < preset.minSessions || total > preset.maxSessions) {
    throw new PlanRuleError(totalField, `${sessionsRule(format)}; this plan has ${total}.`);
  }
  if (!Number.isInteger(lead) || lead < TERMINATION_LEAD.min || lead > TERMINATION_LEAD.max) {
    throw new PlanRuleError(
      "lead",
      `Raise termination ${TERMINATION_LEAD.min}–${TERMINATION_LEAD.max} sessions before the end (got ${lead}).`,
    );
  }
  // Unreachable with today's presets, but a preset change must not silently drop the middle phase.
  if (terminationStartNumber(total, lead) - 1 <= preset.initialSessions) {
    throw new PlanRuleError(
      totalField,
      `A ${total}-session plan with termination ${lead} sessions before the end has no middle phase.`,
    );
  }
}

export interface CourseContext {
  /** A maintenance course numbers its sessions in the maintenance phase (./maintenance); default acute. */
  kind?: CourseKind;
  format: CourseFormat;
  lineage: Lineage;
  lead: number;
  frequency: Frequency;
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  sensitivity: boolean;
}

export interface GeneratePlanInput extends CourseContext {
  total: number;
  /** The first session is on the first `weekday` on or after this date. */
  startDate: CalendarDate;
  /** The contract's day of the week and time of day (in the service's zone), and session length. */
  weekday: IsoWeekday;
  startTime: TimeOfDay;
  durationMinutes: number;
}

export interface PlannedSession {
  number: number;
  plannedDate: CalendarDate;
  startTime: TimeOfDay;
  durationMinutes: number;
  phase: SessionPhase;
  slot: SessionSlot;
  agenda: AgendaItem[];
}

function agendaAt(context: CourseContext, slot: SessionSlot, number: number, total: number): AgendaItem[] {
  return agendaFor({ ...context, slot, number, total });
}

export function generatePlan(input: GeneratePlanInput): PlannedSession[] {
  const { format, total, lead, startDate, frequency, weekday, startTime, durationMinutes } = input;
  assertCourseShape(format, total, lead, "total");
  assertCalendarDate(startDate, "startDate");
  if (!isTimeOfDay(startTime))
    throw new PlanRuleError("startTime", `Use a time like 09:30 (got "${startTime}").`);
  const first = onOrAfterWeekday(startDate, weekday);
  return sessionDates(first, total, frequency).map((plannedDate, index) => {
    const number = index + 1;
    const slot = slotFor(number, total, format, lead);
    return {
      number,
      plannedDate,
      startTime,
      durationMinutes,
      phase: phaseFor(number, total, format, lead),
      slot,
      agenda: agendaAt(input, slot, number, total),
    };
  });
}

export interface ReflowSession {
  id: string;
  status: SessionStatus;
  plannedDate: CalendarDate;
  /** Orders sessions on the same date. */
  startTime: TimeOfDay;
  /** Tie-break for sessions at the same date and time: creation order. */
  createdOrder: number;
  /** The stored values before this re-flow, so `changed` can be worked out; null when not yet numbered. */
  number: number | null;
  phase: SessionPhase | null;
  slot: string | null;
  agenda: AgendaItem[];
}

export interface ReflowInput extends CourseContext {
  sessions: ReflowSession[];
}

export interface ReflowedSession {
  id: string;
  number: number | null;
  phase: SessionPhase | null;
  slot: string | null;
  agenda: AgendaItem[];
  plannedDate: string;
  changed: boolean;
}

/** Plan order: by date, then time of day, then creation. */
export const inPlanOrder = (
  a: Pick<ReflowSession, "plannedDate" | "startTime" | "createdOrder" | "id">,
  b: Pick<ReflowSession, "plannedDate" | "startTime" | "createdOrder" | "id">,
) =>
  a.plannedDate.localeCompare(b.plannedDate) ||
  a.startTime.localeCompare(b.startTime) ||
  a.createdOrder - b.createdOrder ||
  a.id.localeCompare(b.id);

function sameAgenda(a: AgendaItem[], b: AgendaItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        item.key === other.key &&
        item.text === other.text &&
        item.kind === other.kind &&
        item.done === other.done &&
        item.sources.join(" ") === other.sources.join(" ")
      );
    })
  );
}

const templateKeys = (agenda: AgendaItem[]) => agenda.map((item) => item.key).join(" ");

/**
 * Renumbers a course after a session is added, dropped, cancelled or rescheduled. Cancelled sessions lose
 * their number and phase and are otherwise left alone; every other session is numbered by date, then by
 * time of day, then by creation order. Planned sessions whose template changed get the new template, keeping custom items
 * after it; held and no-show sessions keep their agenda. Output is in date order, cancelled ones included.
 */
export function reflowPlan(input: ReflowInput): ReflowedSession[] {
  const { format, lead } = input;
  input.sessions.forEach((session) => assertCalendarDate(session.plannedDate, "plannedDate"));
  const ordered = [...input.sessions].sort(inPlanOrder);
  const total = ordered.filter((session) => session.status !== "cancelled").length;
  const maintenance = input.kind === "maintenance";
  if (maintenance) assertMaintenanceShape(total, "sessions");
  else assertCourseShape(format, total, lead, "sessions");

  let number = 0;
  return ordered.map((session) => {
    if (session.status === "cancelled") {
      return {
        id: session.id,
        number: null,
        phase: null,
        slot: session.slot,
        agenda: session.agenda,
        plannedDate: session.plannedDate,
        changed: session.number !== null || session.phase !== null,
      };
    }
    number += 1;
    const phase = maintenance ? MAINTENANCE_PHASE : phaseFor(number, total, format, lead);
    const slot = maintenance ? maintenanceSlotFor(number, total) : slotFor(number, total, format, lead);
    const agenda =
      session.status === "planned" && templateChanged(input, session, slot, number, total)
        ? [
            ...agendaAt(input, slot, number, total),
            ...session.agenda.filter((item) => item.kind === "custom"),
          ]
        : session.agenda;
    return {
      id: session.id,
      number,
      phase,
      slot,
      agenda,
      plannedDate: session.plannedDate,
      changed:
        session.number !== number ||
        session.phase !== phase ||
        session.slot !== slot ||
        !sameAgenda(session.agenda, agenda),
    };
  });
}

/**
 * The slot changed, or the same slot's template differs at the new number. The second case is IPT-A's
 * first middle session, which alone carries the parent item, so the item follows that position.
 */
function templateChanged(
  context: CourseContext,
  session: ReflowSession,
  slot: SessionSlot,
  number: number,
  total: number,
): boolean {
  if (session.slot !== slot) return true;
  if (session.number === null || session.number === number) return false;
  return (
    templateKeys(agendaAt(context, slot, session.number, total)) !==
    templateKeys(agendaAt(context, slot, number, total))
  );
}
