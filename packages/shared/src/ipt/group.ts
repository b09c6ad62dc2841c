// Group IPT after the WHO manual [S22a] as implemented in Ethiopia [S22d]: a pre-group individual meeting,
// weekly group sessions (8 in the WHO format; session 1 initial, the middle ones middle, the last one
// termination) and a closing individual meeting. Each member keeps their own course (kind "group"), so
// their problem area, scores and risk flags are theirs (docs/decisions/027). What the sources give and
// what is this planner's synthesis is said at each rule (docs/clinical-reference.md §1).
import { z } from "zod";
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
import { PlanRuleError } from "./plan-error";
import type { PlannedSession } from "./plan";
import type { SourceTag } from "./sources";
import type { AgendaItem, SessionSlot } from "./templates";
import type { DisputeStage, Lineage, ProblemArea, SessionPhase } from "./vocabulary";

/**
 * The group format. The WHO manual has 8 group sessions [S22a][S22d]; the Uganda trial (Bolton et al.,
 * 2003) ran 16 weekly 90-minute groups. **Project choice:** 8 to 16 weekly group
 * sessions, default 8; 60–120 minutes, default 90 (the WHO session length is unconfirmed). The closing
 * individual meeting is a **project synthesis** from IPT-G's post-treatment meeting [S17a][S17c].
 */
export const GROUP_IPT = {
  label: "Group IPT (WHO)",
  minGroupSessions: 8,
  maxGroupSessions: 16,
  defaultGroupSessions: 8,
  minSessionMinutes: 60,
  maxSessionMinutes: 120,
  defaultSessionMinutes: 90,
  /** The individual meetings: a week before the first group session and a week after the last. */
  individualMeetingGapDays: 7,
  /**
   * IPT-G's mid-treatment individual meeting, when the group includes it: after group session
   * ⌊N/2⌋ (IPT-G: between sessions 10 and 11 of 20 [S17a]), this many days after it (project choice).
   */
  midMeetingDaysAfter: 3,
  midMeetingSources: ["S17a"] satisfies SourceTag[],
  sources: ["S22a", "S22d", "S17a", "S17c"] satisfies SourceTag[],
  note:
    "A pre-group individual meeting, weekly group sessions (8 in the WHO manual: the first initial, the last " +
    "termination) and a closing individual meeting. The closing meeting, the range of 8–16 sessions and the " +
    "90-minute default are this planner's choices; the WHO group size and session length are unconfirmed.",
} as const;

/** How a member took part in one group session (their own course's session follows it). */
export const groupAttendanceStatuses = ["attended", "absent", "cancelled"] as const;
export const groupAttendanceStatus = z.enum(groupAttendanceStatuses);
export type GroupAttendanceStatus = z.infer<typeof groupAttendanceStatus>;

/** The member's session status for an attendance: held, a no-show, or cancelled by the member. */
export const memberSessionStatus = {
  attended: "held",
  absent: "no_show",
  cancelled: "cancelled",
} as const satisfies Record<GroupAttendanceStatus, "held" | "no_show" | "cancelled">;

/** The phase and slot of group session `number` of `total` [S22d]. */
export function groupSlotFor(number: number, total: number): { phase: SessionPhase; slot: SessionSlot } {
  if (!Number.isInteger(number) || number < 1 || number > total) {
    throw new PlanRuleError("number", `Group session ${number} is outside a ${total}-session group.`);
  }
  if (number === 1) return { phase: "initial", slot: "group-initial" };
  if (number === total) return { phase: "termination", slot: "group-final" };
  return { phase: "middle", slot: "group-middle" };
}

/** The group schedule's field errors (request field names). */
export function groupScheduleErrors(input: {
  groupSessions: number;
  sessionMinutes: number;
}): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const { minGroupSessions, maxGroupSessions, minSessionMinutes, maxSessionMinutes } = GROUP_IPT;
  if (
    !Number.isInteger(input.groupSessions) ||
    input.groupSessions < minGroupSessions ||
    input.groupSessions > maxGroupSessions
  ) {
    errors.push({
      field: "groupSessions",
      message: `A group has ${minGroupSessions} to ${maxGroupSessions} weekly group sessions (the WHO manual has 8).`,
    });
  }
  if (
    !Number.isInteger(input.sessionMinutes) ||
    input.sessionMinutes < minSessionMinutes ||
    input.sessionMinutes > maxSessionMinutes
  ) {
    errors.push({
      field: "sessionMinutes",
      message: `Group sessions last ${minSessionMinutes} to ${maxSessionMinutes} minutes.`,
    });
  }
  return errors;
}

export interface GroupScheduleInput {
  lineage: Lineage;
  groupSessions: number;
  /** The first group session is on the first `weekday` on or after this date (service's zone). */
  startDate: CalendarDate;
  weekday: IsoWeekday;
  startTime: TimeOfDay;
  durationMinutes: number;
}

export interface PlannedGroupSession {
  number: number;
  plannedDate: CalendarDate;
  startTime: TimeOfDay;
  durationMinutes: number;
  phase: SessionPhase;
  slot: SessionSlot;
  /** The group's agenda: the group tasks, without any member's problem area. */
  agenda: AgendaItem[];
}

function checkSchedule(input: GroupScheduleInput) {
  const [error] = groupScheduleErrors({
    groupSessions: input.groupSessions,
    sessionMinutes: input.durationMinutes,
  });
  if (error) throw new PlanRuleError(error.field, error.message);
  if (!isCalendarDate(input.startDate))
    throw new PlanRuleError("startDate", `Use a real date like 2026-01-31 (got "${input.startDate}").`);
  if (!isTimeOfDay(input.startTime))
    throw new PlanRuleError("startTime", `Use a time like 09:30 (got "${input.startTime}").`);
}

const groupAgenda = (
  input: GroupScheduleInput & {
    primaryArea: ProblemArea | null;
    disputeStage: DisputeStage | null;
    sensitivity: boolean;
  },
  slot: SessionSlot,
  number: number,
  total: number,
) =>
  agendaFor({
    slot,
    format: "standard",
    lineage: input.lineage,
    primaryArea: input.primaryArea,
    disputeStage: input.disputeStage,
    sensitivity: input.sensitivity,
    number,
    total,
  });

/** The group's plan: its weekly group sessions with the group's agenda [S22d]. */
export function generateGroupPlan(input: GroupScheduleInput): PlannedGroupSession[] {
  checkSchedule(input);
  const first = onOrAfterWeekday(input.startDate, input.weekday);
  const total = input.groupSessions;
  const common = { primaryArea: null, disputeStage: null, sensitivity: false };
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    const { phase, slot } = groupSlotFor(number, total);
    return {
      number,
      plannedDate: addDays(first, index * 7),
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      phase,
      slot,
      agenda: groupAgenda({ ...input, ...common }, slot, number, total),
    };
  });
}

export interface GroupMemberPlanInput extends GroupScheduleInput {
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  sensitivity: boolean;
  /** The first group session still to come for a member who joins late (1 for a member from the start). */
  fromGroupSession?: number;
  /** IPT-G's mid-treatment individual meeting after group session ⌊N/2⌋ [S17a] (default: none, as WHO). */
  midGroupMeeting?: boolean;
}

/** The group session IPT-G's mid-treatment individual meeting follows: ⌊N/2⌋ (10 of 20 [S17a]). */
export const midMeetingAfter = (groupSessions: number) => Math.floor(groupSessions / 2);

/**
 * A member's own plan: the pre-group individual meeting a week before their first group session, one
 * session per group session from `fromGroupSession` (the group's date and time, the member's problem
 * area in the middle sessions), with `midGroupMeeting` IPT-G's mid-treatment individual meeting after
 * group session ⌊N/2⌋ [S17a], and the closing individual meeting a week after the last. Numbered 1…
 * in order; `groupNumber` on each group session says which group session it follows.
 */
export function generateGroupMemberPlan(
  input: GroupMemberPlanInput,
): (PlannedSession & { groupNumber: number | null })[] {
  const group = generateGroupPlan(input);
  const from = input.fromGroupSession ?? 1;
  if (!Number.isInteger(from) || from < 1 || from > group.length) {
    throw new PlanRuleError("fromGroupSession", `The group has ${group.length} sessions.`);
  }
  const joined = group.slice(from - 1);
  const gap = GROUP_IPT.individualMeetingGapDays;
  const firstDate = joined[0]?.plannedDate ?? input.startDate;
  const lastDate = joined[joined.length - 1]?.plannedDate ?? input.startDate;
  const midAfter = midMeetingAfter(group.length);
  // The meeting is kept only when the member is in the group before and after it.
  const mid = input.midGroupMeeting === true && midAfter >= from && midAfter < group.length;
  type Slot = { slot: SessionSlot; phase: SessionPhase; plannedDate: CalendarDate } & (
    { groupNumber: null } | { groupNumber: number; startTime: TimeOfDay; durationMinutes: number }
  );
  const slots: Slot[] = [
    { slot: "group-pre", phase: "initial", plannedDate: addDays(firstDate, -gap), groupNumber: null },
    ...joined.flatMap((session): Slot[] => {
      const own: Slot = {
        slot: session.slot,
        phase: session.phase,
        plannedDate: session.plannedDate,
        groupNumber: session.number,
        startTime: session.startTime,
        durationMinutes: session.durationMinutes,
      };
      if (!mid || session.number !== midAfter) return [own];
      const meeting: Slot = {
        slot: "group-mid",
        phase: "middle",
        plannedDate: addDays(session.plannedDate, GROUP_IPT.midMeetingDaysAfter),
        groupNumber: null,
      };
      return [own, meeting];
    }),
    { slot: "group-closing", phase: "termination", plannedDate: addDays(lastDate, gap), groupNumber: null },
  ];
  const total = slots.length;
  return slots.map((entry, index) => ({
    number: index + 1,
    plannedDate: entry.plannedDate,
    startTime: entry.groupNumber === null ? input.startTime : entry.startTime,
    // An individual meeting is as long as an individual IPT session (project choice).
    durationMinutes: entry.groupNumber === null ? 50 : entry.durationMinutes,
    phase: entry.phase,
    slot: entry.slot,
    agenda: groupAgenda(input, entry.slot, index + 1, total),
    groupNumber: entry.groupNumber,
  }));
}
