// Group IPT (docs/decisions/027, ../ipt/group): a therapy group, its members (each member's own course of
// kind "group") and attendance per member at each group session. Wire shapes only.
import { z } from "zod";
import { shortText } from "../common/text";
import { isoWeekday, timeOfDay } from "../dates/schemas";
import { groupAttendanceStatus } from "../ipt/group";
import { agendaItem } from "../ipt/templates";
import { coursePhase, lineage, problemArea, sessionPhase } from "../ipt/vocabulary";
import { entityId, isoDate } from "./clients";

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

export const groupMember = z.object({
  /** The member's own course in the group. */
  courseId: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  phase: coursePhase,
  primaryArea: problemArea.nullable(),
  /** Risk flags not yet resolved on the member's course. */
  openRiskFlags: z.int(),
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
  templateVersion: z.string(),
  version: z.int(),
  members: z.array(groupMember),
  sessions: z.array(groupSession),
});
export type GroupDetail = z.infer<typeof groupDetail>;
