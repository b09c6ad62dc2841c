// Group IPT (docs/decisions/027, ../ipt/group): a therapy group, its members (each member's own course of
// kind "group") and attendance per member at each group session. Wire shapes only.
import { z } from "zod";
import { pageQuery, paginated } from "../common/pagination";
import { shortText } from "../common/text";
import { isoWeekday, timeOfDay } from "../dates/schemas";
import { groupAttendanceStatus } from "../ipt/group";
import { agendaItem } from "../ipt/templates";
import { coursePhase, lineage, problemArea, sessionPhase } from "../ipt/vocabulary";
import { latestScore } from "../measures/results";
import { personRef } from "../users/users";
import { entityId, isoDate, sessionWhen } from "./clients";

export const groupParams = z.object({ groupId: entityId });
export const groupMemberParams = z.object({ groupId: entityId, courseId: entityId });
export const groupSessionParams = z.object({ groupId: entityId, groupSessionId: entityId });

/**
 * A new group and its schedule: weekly group sessions (8–16, the WHO manual's 8 by default) of 60–120
 * minutes from the first `weekday` on or after `startDate`, at `startTime` (service's time zone). The
 * name is a name or code for the group: never a client's name.
 */
export const createGroupRequest = z.strictObject({
  name: shortText(80, "Enter a name or code for the group."),
  lineage,
  groupSessions: z.int("Enter a whole number of sessions."),
  sessionMinutes: z.int("Enter minutes as a whole number."),
  startDate: isoDate,
  weekday: isoWeekday,
  startTime: timeOfDay,
  /**
   * IPT-G's mid-treatment individual meeting for each member, after group session ⌊N/2⌋ [S17a]. Off by
   * default: the WHO format has none.
   */
  midGroupMeeting: z.boolean().optional(),
});
export type CreateGroupRequest = z.infer<typeof createGroupRequest>;

/** A client of the group's therapist joins: their own course (kind "group") is opened at once. */
export const addGroupMemberRequest = z.strictObject({
  clientId: entityId,
  /** The date the client agreed to the group contract (the pre-group individual meeting's contract). */
  agreedOn: isoDate,
});
export type AddGroupMemberRequest = z.infer<typeof addGroupMemberRequest>;

/** Every current member's attendance at one group session, each member once. */
export const recordGroupAttendanceRequest = z.strictObject({
  attendance: z
    .array(z.strictObject({ courseId: entityId, status: groupAttendanceStatus }))
    .min(1, "Record the attendance of every member.")
    .max(50),
});
export type RecordGroupAttendanceRequest = z.infer<typeof recordGroupAttendanceRequest>;

/**
 * Move one group session (every current member's matching session moves with it, in one transaction).
 * Without `moveLater` it must stay between the group sessions (and each member's own meetings) around it.
 */
export const rescheduleGroupSessionRequest = z.strictObject({
  plannedDate: isoDate,
  /** The new time of day; the group session keeps its own when left out. */
  startTime: timeOfDay.optional(),
  /** Move every later group session, and each member's later sessions, by the same number of days. */
  moveLater: z.boolean().default(false),
});
export type RescheduleGroupSessionRequest = z.input<typeof rescheduleGroupSessionRequest>;

/** Cancel one group session for everyone: each current member's matching session is cancelled too. */
export const cancelGroupSessionRequest = z.strictObject({
  reason: shortText(1000, "Give a reason for cancelling the group session."),
});
export type CancelGroupSessionRequest = z.infer<typeof cancelGroupSessionRequest>;

/** The therapist's groups (a supervisor: their supervisees' groups), groups with a member at risk first. */
export const groupListQuery = pageQuery;
export type GroupListQuery = z.infer<typeof groupListQuery>;

export const groupMember = z.object({
  /** The member's own course in the group. */
  courseId: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  phase: coursePhase,
  primaryArea: problemArea.nullable(),
  /** Risk flags not yet resolved on the member's course. */
  openRiskFlags: z.int(),
  /** The member's latest PHQ-9 (the course's own scores); null before the first. */
  latestPhq9: latestScore.nullable(),
  joinedAt: z.iso.datetime(),
  /** When the member left the group; null while a member. */
  leftAt: z.iso.datetime().nullable(),
});
export type GroupMember = z.infer<typeof groupMember>;

export const groupSession = z.object({
  id: z.uuid(),
  number: z.int(),
  plannedDate: isoDate,
  startTime: timeOfDay,
  durationMinutes: z.int(),
  phase: sessionPhase,
  slot: z.string(),
  agenda: z.array(agendaItem),
  attendanceRecordedAt: z.iso.datetime().nullable(),
  attendance: z.array(z.object({ courseId: z.uuid(), status: groupAttendanceStatus })),
  /** When the whole group session was cancelled, and why; null while it stands. */
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
});
export type GroupSession = z.infer<typeof groupSession>;

export const groupDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  lineage,
  groupSessions: z.int(),
  startDate: isoDate,
  sessionWeekday: isoWeekday,
  sessionTime: timeOfDay,
  sessionMinutes: z.int(),
  /** Each member has IPT-G's mid-treatment individual meeting after group session ⌊N/2⌋ [S17a]. */
  midGroupMeeting: z.boolean(),
  templateVersion: z.string(),
  version: z.int(),
  members: z.array(groupMember),
  sessions: z.array(groupSession),
});
export type GroupDetail = z.infer<typeof groupDetail>;

/** A member with an open risk flag, as the list of groups shows them (first, in red). */
export const groupMemberAtRisk = z.object({
  courseId: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  openRiskFlags: z.int(),
});
export type GroupMemberAtRisk = z.infer<typeof groupMemberAtRisk>;

export const groupListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  therapist: personRef,
  lineage,
  groupSessions: z.int(),
  /** Current members (not those who left). */
  members: z.int(),
  /** Current members with an open risk flag, most flags first. */
  membersAtRisk: z.array(groupMemberAtRisk),
  /** Group sessions whose attendance is recorded. */
  sessionsRecorded: z.int(),
  /** The first group session neither recorded nor cancelled; null once the group has ended. */
  nextSession: z.object({ id: z.uuid(), number: z.int(), ...sessionWhen }).nullable(),
});
export type GroupListItem = z.infer<typeof groupListItem>;
export const groupListResponse = paginated(groupListItem);
export type GroupListResponse = z.infer<typeof groupListResponse>;
