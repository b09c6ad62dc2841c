// A therapy group as the API answers it: the schedule, the members (each their own course, with the
// problem area and the open risk flags of that course) and the group's plan with each session's
// attendance. Access: the group's therapist, or a supervisor assigned to that therapist (read only).
import { fromDateColumn, isoWeekday, latestScore, type GroupDetail } from "@ipt/shared";
import { z } from "zod";
import type { Db, Prisma } from "../../db/prisma";
import { agendaOf } from "../sessions/session-detail";
import { denied, type Actor } from "../access";

/** Who may read a group: its therapist, or a supervisor assigned to that therapist; nobody else. */
export function readableGroupWhere(actor: Actor): Prisma.TherapyGroupWhereInput {
  if (actor.role === "therapist") return { therapistId: actor.userId };
  if (actor.role === "supervisor") {
    return { therapist: { supervisorsOf: { some: { supervisorId: actor.userId } } } };
  }
  return { id: { in: [] } };
}

/** The group if the actor is its therapist; otherwise a 404 (and a "denied" audit row). */
export async function ownedGroup(db: Db, actor: Actor, groupId: string) {
  const group = await db.therapyGroup.findFirst({
    where: { id: groupId, therapistId: actor.userId },
    select: { id: true, therapistId: true },
  });
  if (!group) throw await denied(db, actor, "therapy_group", groupId, "The group");
  return group;
}

/** The group if the actor may read it; otherwise a 404 (and a "denied" audit row). */
export async function readableGroup(db: Db, actor: Actor, groupId: string) {
  const group = await db.therapyGroup.findFirst({
    where: { id: groupId, ...readableGroupWhere(actor) },
    select: { id: true },
  });
  if (!group) throw await denied(db, actor, "therapy_group", groupId, "The group");
  return group;
}

const groupDetailSelect = {
  id: true,
  name: true,
  lineage: true,
  groupSessions: true,
  startDate: true,
  sessionWeekday: true,
  sessionTime: true,
  sessionMinutes: true,
  midGroupMeeting: true,
  templateVersion: true,
  version: true,
  members: {
    select: {
      id: true,
      phase: true,
      primaryArea: true,
      createdAt: true,
      groupLeftAt: true,
      client: { select: { id: true, displayName: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
  sessions: {
    select: {
      id: true,
      number: true,
      plannedDate: true,
      startTime: true,
      durationMinutes: true,
      phase: true,
      slot: true,
      agenda: true,
      attendanceRecordedAt: true,
      cancelledAt: true,
      cancelReason: true,
      attendance: { select: { courseId: true, status: true }, orderBy: { recordedAt: "asc" } },
    },
    orderBy: { number: "asc" },
  },
} satisfies Prisma.TherapyGroupSelect;

const storedLatestPhq9 = z.object({ measures: z.object({ latestPhq9: latestScore.nullable() }) });

/** The latest PHQ-9 in a course's stored summary row (supervision/course-summary.ts); null if none. */
function latestPhq9Of(row: unknown) {
  const parsed = storedLatestPhq9.safeParse(row);
  return parsed.success ? parsed.data.measures.latestPhq9 : null;
}

/** The whole group (the caller has checked access). */
export async function loadGroupDetail(db: Db, groupId: string): Promise<GroupDetail> {
  const group = await db.therapyGroup.findUniqueOrThrow({
    where: { id: groupId },
    select: groupDetailSelect,
  });
  const courseIds = group.members.map((member) => member.id);
  const [flags, summaries] =
    courseIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.riskFlag.groupBy({
            by: ["courseId"],
            where: { courseId: { in: courseIds }, resolvedAt: null },
            _count: { _all: true },
          }),
          // Each member's latest PHQ-9 as the course's summary row holds it (kept current on every write).
          db.courseSummary.findMany({
            where: { courseId: { in: courseIds } },
            select: { courseId: true, row: true },
          }),
        ]);
  const openFlags = new Map(flags.map((row) => [row.courseId, row._count._all]));
  const latestPhq9 = new Map(summaries.map((summary) => [summary.courseId, latestPhq9Of(summary.row)]));
  return {
    id: group.id,
    name: group.name,
    lineage: group.lineage,
    groupSessions: group.groupSessions,
    startDate: fromDateColumn(group.startDate),
    sessionWeekday: isoWeekday.parse(group.sessionWeekday),
    sessionTime: group.sessionTime,
    sessionMinutes: group.sessionMinutes,
    midGroupMeeting: group.midGroupMeeting,
    templateVersion: group.templateVersion,
    version: group.version,
    members: group.members.map((member) => ({
      courseId: member.id,
      client: member.client,
      phase: member.phase,
      primaryArea: member.primaryArea,
      openRiskFlags: openFlags.get(member.id) ?? 0,
      latestPhq9: latestPhq9.get(member.id) ?? null,
      joinedAt: member.createdAt.toISOString(),
      leftAt: member.groupLeftAt?.toISOString() ?? null,
    })),
    sessions: group.sessions.map((session) => ({
      id: session.id,
      number: session.number,
      plannedDate: fromDateColumn(session.plannedDate),
      startTime: session.startTime,
      durationMinutes: session.durationMinutes,
      phase: session.phase,
      slot: session.slot,
      agenda: agendaOf(session.agenda),
      attendanceRecordedAt: session.attendanceRecordedAt?.toISOString() ?? null,
      attendance: session.attendance,
      cancelledAt: session.cancelledAt?.toISOString() ?? null,
      cancelReason: session.cancelReason,
    })),
  };
}
