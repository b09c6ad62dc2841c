// Group IPT (docs/decisions/027, shared ipt/group): a therapy group of one therapist, its members and
// attendance. Each member is their own course (kind "group", group_id set), so their problem area,
// scores, risk flags and session records work as for any course; the course's sessions follow the
// group's sessions, with the member's pre-group and closing individual meetings around them. Every
// write locks the group row first, so members and attendance change one at a time, and is audited in
// its transaction with ids and counts only.
import {
  addDays,
  type AddGroupMemberRequest,
  type CreateGroupRequest,
  fromDateColumn,
  generateGroupMemberPlan,
  generateGroupPlan,
  GROUP_IPT,
  type GroupDetail,
  groupScheduleErrors,
  isoWeekday,
  memberSessionStatus,
  type RecordGroupAttendanceRequest,
  TEMPLATE_VERSION,
  toDateColumn,
} from "@ipt/shared";
import { plannedSessionRow, planOrFieldError } from "../plan/course-write";
import { AppError, invalidFields, notFound } from "../../errors/app-error";
import { Prisma, type PrismaClient, type Tx } from "../../db/prisma";
import { serviceToday } from "../../settings/service-time";
import { refreshCourseSummary } from "../../supervision/course-summary";
import { auditClinical, denied, type Actor } from "../access";
import { live, removal } from "../live";
import { loadGroupDetail, ownedGroup, readableGroup } from "./group-detail";

/** A refused state naming the field at fault (409). */
export const conflictOn = (field: string, message: string) =>
  new AppError("conflict", message, [{ field, message }]);

const OPEN_COURSE_MESSAGE =
  "This client already has an open course. Complete or discontinue it before they join a group.";

export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT 1 FROM therapy_groups WHERE id = ${groupId}::uuid FOR UPDATE`;
}

type MemberPlan = ReturnType<typeof generateGroupMemberPlan>;

/**
 * The member's plan as the group stands: each group session on its stored date and time (it may have
 * been moved), none for a cancelled group session, numbered again in order, the individual meetings
 * a week before the first and after the last group session the member takes part in, and IPT-G's
 * mid-treatment meeting (when the group has it) a few days after the group session before it.
 */
function followStoredSessions(
  plan: MemberPlan,
  stored: { number: number; plannedDate: Date; startTime: string; cancelledAt: Date | null }[],
): MemberPlan {
  const byNumber = new Map(stored.map((session) => [session.number, session]));
  const kept = plan.flatMap((session) => {
    if (session.groupNumber === null) return [session];
    const groupSession = byNumber.get(session.groupNumber);
    if (!groupSession || groupSession.cancelledAt) return [];
    return [
      {
        ...session,
        plannedDate: fromDateColumn(groupSession.plannedDate),
        startTime: groupSession.startTime,
      },
    ];
  });
  const groupDates = kept
    .filter((session) => session.groupNumber !== null)
    .map((session) => session.plannedDate);
  const firstDate = groupDates[0];
  const lastDate = groupDates.at(-1);
  const gap = GROUP_IPT.individualMeetingGapDays;
  return kept.map((session, index) => {
    const previous = kept[index - 1];
    const plannedDate =
      session.slot === "group-pre" && firstDate
        ? addDays(firstDate, -gap)
        : session.slot === "group-closing" && lastDate
          ? addDays(lastDate, gap)
          : session.slot === "group-mid" && previous
            ? addDays(previous.plannedDate, GROUP_IPT.midMeetingDaysAfter)
            : session.plannedDate;
    return { ...session, number: index + 1, plannedDate };
  });
}

export async function createGroup(
  prisma: PrismaClient,
  actor: Actor,
  request: CreateGroupRequest,
): Promise<GroupDetail> {
  const errors = groupScheduleErrors(request).map((error) => ({
    field: `body.${error.field}`,
    message: error.message,
  }));
  if (errors.length > 0) throw invalidFields(errors);
  const plan = planOrFieldError(
    () =>
      generateGroupPlan({
        lineage: request.lineage,
        groupSessions: request.groupSessions,
        startDate: request.startDate,
        weekday: request.weekday,
        startTime: request.startTime,
        durationMinutes: request.sessionMinutes,
      }),
    (field) => `body.${field}`,
  );
  const first = plan[0]?.plannedDate ?? request.startDate;
  return prisma.$transaction(async (tx) => {
    const { id } = await tx.therapyGroup.create({
      data: {
        therapistId: actor.userId,
        name: request.name,
        lineage: request.lineage,
        groupSessions: request.groupSessions,
        startDate: toDateColumn(first),
        sessionWeekday: request.weekday,
        sessionTime: request.startTime,
        sessionMinutes: request.sessionMinutes,
        midGroupMeeting: request.midGroupMeeting ?? false,
        templateVersion: TEMPLATE_VERSION,
      },
      select: { id: true },
    });
    await tx.therapyGroupSession.createMany({
      data: plan.map((session) => ({
        groupId: id,
        number: session.number,
        plannedDate: toDateColumn(session.plannedDate),
        startTime: session.startTime,
        durationMinutes: session.durationMinutes,
        phase: session.phase,
        slot: session.slot,
        agenda: session.agenda,
      })),
    });
    await auditClinical(tx, actor, "group.created", "therapy_group", id, {
      groupSessions: plan.length,
      templateVersion: TEMPLATE_VERSION,
      fields: [
        "name",
        "lineage",
        "groupSessions",
        "sessionMinutes",
        "startDate",
        "weekday",
        "startTime",
        ...(request.midGroupMeeting === undefined ? [] : ["midGroupMeeting"]),
      ],
    });
    return loadGroupDetail(tx, id);
  });
}

export async function getGroup(prisma: PrismaClient, actor: Actor, groupId: string): Promise<GroupDetail> {
  await readableGroup(prisma, actor, groupId);
  const detail = await loadGroupDetail(prisma, groupId);
  await auditClinical(prisma, actor, "group.viewed", "therapy_group", groupId);
  return detail;
}

export async function addGroupMember(
  prisma: PrismaClient,
  actor: Actor,
  groupId: string,
  request: AddGroupMemberRequest,
): Promise<GroupDetail> {
  await ownedGroup(prisma, actor, groupId);
  // Only the group's therapist's own clients join; another therapist's client is audited as denied
  // and refused as bad input, without saying whether it exists.
  const client = await prisma.client.findFirst({
    where: { id: request.clientId, therapistId: actor.userId },
    select: { id: true },
  });
  if (!client) {
    await denied(prisma, actor, "client", request.clientId, "The client");
    throw invalidFields([{ field: "body.clientId", message: "Choose one of your own clients." }]);
  }
  const clientId = client.id;
  try {
    return await prisma.$transaction(async (tx) => {
      await lockGroup(tx, groupId);
      const group = await tx.therapyGroup.findUniqueOrThrow({
        where: { id: groupId },
        include: { sessions: { orderBy: { number: "asc" } } },
      });
      // A member joins from the first group session whose attendance is not yet recorded (and that is
      // not cancelled).
      const next = group.sessions.find(
        (session) => session.attendanceRecordedAt === null && session.cancelledAt === null,
      );
      if (!next) throw conflictOn("groupId", "Every session of this group has been held: it has ended.");
      const open = await tx.course.findFirst({
        where: { clientId, phase: { not: "completed" } },
        select: { id: true },
      });
      if (open) throw conflictOn("body.clientId", OPEN_COURSE_MESSAGE);

      let plan = planOrFieldError(
        () =>
          generateGroupMemberPlan({
            lineage: group.lineage,
            groupSessions: group.groupSessions,
            startDate: fromDateColumn(group.startDate),
            weekday: isoWeekday.parse(group.sessionWeekday),
            startTime: group.sessionTime,
            durationMinutes: group.sessionMinutes,
            primaryArea: null,
            disputeStage: null,
            sensitivity: false,
            fromGroupSession: next.number,
            midGroupMeeting: group.midGroupMeeting,
          }),
        (field) => `body.${field}`,
      );
      plan = followStoredSessions(plan, group.sessions);
      const groupSessionIds = new Map(group.sessions.map((session) => [session.number, session.id]));
      const last = await tx.course.findFirst({
        where: { clientId },
        select: { sequence: true },
        orderBy: { sequence: "desc" },
      });
      const sequence = (last?.sequence ?? 0) + 1;
      const firstDate = plan[0]?.plannedDate ?? fromDateColumn(group.startDate);
      const { id: courseId } = await tx.course.create({
        data: {
          clientId,
          sequence,
          kind: "group",
          groupId,
          format: "standard",
          lineage: group.lineage,
          phase: "initial",
          plannedSessions: plan.length,
          frequency: "weekly",
          startDate: toDateColumn(firstDate),
          sessionMinutes: group.sessionMinutes,
          sessionWeekday: group.sessionWeekday,
          sessionTime: group.sessionTime,
          contractAgreedOn: toDateColumn(request.agreedOn),
          templateVersion: TEMPLATE_VERSION,
        },
        select: { id: true },
      });
      await tx.therapySession.createMany({
        data: plan.map((session) => ({
          ...plannedSessionRow(courseId, session, session.number),
          groupSessionId: session.groupNumber === null ? null : groupSessionIds.get(session.groupNumber),
        })),
      });
      await tx.planChange.create({
        data: {
          courseId,
          changedById: actor.userId,
          kind: "generated",
          summary: `Group plan: a pre-group meeting, group sessions ${next.number}–${group.groupSessions} and a closing meeting (${plan.length} sessions)`,
        },
      });
      // The client is in treatment (again).
      await tx.client.updateMany({
        where: { id: clientId, status: { not: "active" } },
        data: { status: "active", version: { increment: 1 } },
      });
      await auditClinical(tx, actor, "course.created", "course", courseId, { clientId, sequence, groupId });
      await auditClinical(tx, actor, "plan.generated", "course", courseId, {
        sessions: plan.length,
        templateVersion: TEMPLATE_VERSION,
      });
      await auditClinical(tx, actor, "group.member_added", "therapy_group", groupId, {
        courseId,
        clientId,
        fromGroupSession: next.number,
      });
      await refreshCourseSummary(tx, courseId);
      return loadGroupDetail(tx, groupId);
    });
  } catch (error) {
    // Two courses opened at once for the client: the second loses the race for the sequence number.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflictOn("body.clientId", OPEN_COURSE_MESSAGE);
    }
    throw error;
  }
}

/**
 * The member leaves the group. Their course stays open with its records: the planned group sessions
 * still to come are removed from it (soft delete), the closing individual meeting stays, and the
 * therapist completes or discontinues the course as any other (with its guards).
 */
export async function removeGroupMember(
  prisma: PrismaClient,
  actor: Actor,
  groupId: string,
  courseId: string,
): Promise<GroupDetail> {
  await ownedGroup(prisma, actor, groupId);
  return prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const member = await tx.course.findFirst({
      where: { id: courseId, groupId, groupLeftAt: null },
      select: { id: true, clientId: true },
    });
    if (!member) throw notFound("The member");
    await tx.$queryRaw`SELECT 1 FROM courses WHERE id = ${courseId}::uuid FOR UPDATE`;
    const { count: removed } = await tx.therapySession.updateMany({
      where: { courseId, groupSessionId: { not: null }, status: "planned", signedAt: null, ...live },
      data: { ...removal(), number: null },
    });
    // The sessions left keep their order; the closing meeting follows the last one held.
    const kept = await tx.therapySession.findMany({
      where: { courseId, status: { not: "cancelled" }, ...live },
      select: { id: true, number: true },
      orderBy: [{ plannedDate: "asc" }, { createdOrder: "asc" }],
    });
    for (const [index, session] of kept.entries()) {
      if (session.number !== index + 1) {
        await tx.therapySession.update({
          where: { id: session.id },
          data: { number: index + 1, version: { increment: 1 } },
        });
      }
    }
    await tx.course.update({
      where: { id: courseId },
      data: { groupLeftAt: actor.now, plannedSessions: kept.length, version: { increment: 1 } },
    });
    await auditClinical(tx, actor, "group.member_removed", "therapy_group", groupId, {
      courseId,
      clientId: member.clientId,
      sessionsRemoved: removed,
    });
    await refreshCourseSummary(tx, courseId);
    return loadGroupDetail(tx, groupId);
  });
}

/**
 * Every current member's attendance at one group session, written once in one transaction: one
 * attendance row per member, and the member's own session follows it (attended: held, absent:
 * no-show, cancelled: cancelled, its number given up as any cancelled session's).
 */
export async function recordGroupAttendance(
  prisma: PrismaClient,
  actor: Actor,
  groupId: string,
  groupSessionId: string,
  request: RecordGroupAttendanceRequest,
): Promise<GroupDetail> {
  await ownedGroup(prisma, actor, groupId);
  return prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const groupSession = await tx.therapyGroupSession.findFirst({ where: { id: groupSessionId, groupId } });
    if (!groupSession) throw notFound("The group session");
    if (groupSession.attendanceRecordedAt) {
      throw conflictOn("groupSessionId", "The attendance of this group session is already recorded.");
    }
    if (groupSession.cancelledAt) {
      throw conflictOn(
        "groupSessionId",
        "This group session is cancelled: there is no attendance to record.",
      );
    }
    const plannedDate = fromDateColumn(groupSession.plannedDate);
    const today = await serviceToday(tx, actor.now);
    if (today < plannedDate) {
      throw invalidFields([
        {
          field: "body.attendance",
          message: `This group session is planned for ${plannedDate}: record its attendance on or after that date.`,
        },
      ]);
    }
    // The members at this session: current members with an open course whose session following it is
    // still planned (a discontinued member's planned sessions were cancelled with the course).
    const memberSessions = await tx.therapySession.findMany({
      where: {
        groupSessionId,
        ...live,
        status: { not: "cancelled" },
        course: { groupId, groupLeftAt: null, phase: { not: "completed" } },
      },
      select: {
        id: true,
        courseId: true,
        number: true,
        status: true,
        signedAt: true,
        course: { select: { phase: true } },
      },
    });
    const byCourse = new Map(memberSessions.map((session) => [session.courseId, session]));
    const errors: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    request.attendance.forEach((entry, index) => {
      const field = `body.attendance.${index}.courseId`;
      const session = byCourse.get(entry.courseId);
      if (!session) errors.push({ field, message: "Not a member of the group at this session." });
      else if (seen.has(entry.courseId)) errors.push({ field, message: "Each member is listed once." });
      else if (session.course.phase === "completed") {
        errors.push({ field, message: "This member's course is completed." });
      } else if (session.status !== "planned" || session.signedAt) {
        errors.push({ field, message: "This member's session is already recorded." });
      }
      seen.add(entry.courseId);
    });
    const missing = memberSessions.filter((session) => !seen.has(session.courseId)).length;
    if (missing > 0) {
      errors.push({
        field: "body.attendance",
        message: `Record the attendance of every member: ${missing} ${missing === 1 ? "is" : "are"} missing.`,
      });
    }
    if (errors.length > 0) throw invalidFields(errors);

    await tx.groupAttendance.createMany({
      data: request.attendance.map((entry) => ({
        groupSessionId,
        courseId: entry.courseId,
        status: entry.status,
        recordedById: actor.userId,
      })),
    });
    for (const entry of request.attendance) {
      const session = byCourse.get(entry.courseId);
      if (!session) continue; // checked above
      await tx.$queryRaw`SELECT 1 FROM courses WHERE id = ${entry.courseId}::uuid FOR UPDATE`;
      const status = memberSessionStatus[entry.status];
      await tx.therapySession.update({
        where: { id: session.id },
        data: {
          status,
          version: { increment: 1 },
          scheduleSequence: { increment: 1 },
          ...(status === "cancelled"
            ? { number: null, cancelReason: "The member cancelled this group session." }
            : {}),
        },
      });
      if (status === "cancelled" && session.number !== null) {
        // As any cancelled session: it gives up its number and the later ones close up.
        await tx.therapySession.updateMany({
          where: { courseId: entry.courseId, number: { gt: session.number }, ...live },
          data: { number: { decrement: 1 } },
        });
        await tx.course.update({
          where: { id: entry.courseId },
          data: { plannedSessions: { decrement: 1 }, version: { increment: 1 } },
        });
      }
      await auditClinical(tx, actor, "session.updated", "therapy_session", session.id, {
        fields: ["status"],
        from: session.status,
        to: status,
        groupSessionId,
      });
      await refreshCourseSummary(tx, entry.courseId);
    }
    await tx.therapyGroupSession.update({
      where: { id: groupSessionId },
      data: { attendanceRecordedAt: actor.now },
    });
    const count = (status: string) => request.attendance.filter((entry) => entry.status === status).length;
    await auditClinical(tx, actor, "group.attendance_recorded", "therapy_group", groupId, {
      groupSessionId,
      number: groupSession.number,
      members: request.attendance.length,
      attended: count("attended"),
      absent: count("absent"),
      cancelled: count("cancelled"),
    });
    return loadGroupDetail(tx, groupId);
  });
}
