// Moving or cancelling a whole group session (docs/decisions/027). One transaction: the group row is
// locked first (as every group write), then each current member's course; the group session and every
// current member's matching session change together, each member's plan history says what happened
// (the cancel reason there, as for an individual session), and the audit rows carry ids, dates and
// counts only, never the reason or a name.
//
// Refusals: a session whose attendance is recorded, or that is cancelled already (409 naming
// groupSessionId); a move out of order (400 body.plannedDate: between the group sessions and each
// member's own meetings around it, unless `moveLater` moves the later ones too); a later session that
// cannot move (400 body.moveLater); a cancel without a reason (400 body.reason, by the schema); a
// member's questionnaire answers at the session (409: move it instead).
import {
  addDays,
  daysBetween,
  fromDateColumn,
  toDateColumn,
  type CancelGroupSessionRequest,
  type GroupDetail,
  type RescheduleGroupSessionRequest,
} from "@ipt/shared";
import type { PrismaClient, Tx } from "../../db/prisma";
import { invalid, notFound } from "../../errors/app-error";
import { refreshCourseSummary } from "../../supervision/course-summary";
import { auditClinical, type Actor } from "../access";
import { live } from "../live";
import { lockCourse } from "../plan/course-write";
import { loadGroupDetail, ownedGroup } from "./group-detail";
import { conflictOn, lockGroup } from "./groups-service";

/** The group's sessions, and the one named, which must still be open to change. */
async function editableSession(tx: Tx, groupId: string, groupSessionId: string) {
  const sessions = await tx.therapyGroupSession.findMany({ where: { groupId }, orderBy: { number: "asc" } });
  const target = sessions.find((session) => session.id === groupSessionId);
  if (!target) throw notFound("The group session");
  if (target.attendanceRecordedAt) {
    throw conflictOn(
      "groupSessionId",
      "The attendance of this group session is recorded: it can no longer change.",
    );
  }
  if (target.cancelledAt) throw conflictOn("groupSessionId", "This group session is cancelled already.");
  return { sessions, target };
}

/** Current members' sessions at these group sessions (members still in the group, course open). */
function memberSessionsAt(tx: Tx, groupId: string, groupSessionIds: string[]) {
  return tx.therapySession.findMany({
    where: {
      groupSessionId: { in: groupSessionIds },
      ...live,
      course: { groupId, groupLeftAt: null, phase: { not: "completed" } },
    },
    select: {
      id: true,
      courseId: true,
      number: true,
      status: true,
      signedAt: true,
      plannedDate: true,
      startTime: true,
      groupSessionId: true,
    },
  });
}

const when = (session: { plannedDate: Date; startTime: string }) =>
  `${fromDateColumn(session.plannedDate)} at ${session.startTime}`;
const sessionsWord = (count: number) => `${count} ${count === 1 ? "session" : "sessions"}`;

export async function rescheduleGroupSession(
  prisma: PrismaClient,
  actor: Actor,
  groupId: string,
  groupSessionId: string,
  request: RescheduleGroupSessionRequest,
): Promise<GroupDetail> {
  await ownedGroup(prisma, actor, groupId);
  const moveLater = request.moveLater ?? false;
  return prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const { sessions, target } = await editableSession(tx, groupId, groupSessionId);
    const from = fromDateColumn(target.plannedDate);
    const to = request.plannedDate;
    const toTime = request.startTime ?? target.startTime;
    if (to === from && toTime === target.startTime) {
      throw invalid("body.plannedDate", `This group session is already planned for ${from} at ${toTime}.`);
    }
    const days = daysBetween(from, to);
    const standing = sessions.filter((session) => session.cancelledAt === null);
    const before = standing.filter((session) => session.number < target.number).at(-1);
    const after = standing.find((session) => session.number > target.number);
    if (before && to <= fromDateColumn(before.plannedDate)) {
      throw invalid(
        "body.plannedDate",
        `Group session ${before.number} is on ${fromDateColumn(before.plannedDate)}: plan this one after it.`,
      );
    }
    const later = moveLater && days !== 0 ? standing.filter((s) => s.number > target.number) : [];
    if (!moveLater && after && to >= fromDateColumn(after.plannedDate)) {
      throw invalid(
        "body.plannedDate",
        `Group session ${after.number} is on ${fromDateColumn(after.plannedDate)}: plan this one before it, or move the later sessions too.`,
      );
    }
    const recordedLater = later.find((session) => session.attendanceRecordedAt !== null);
    if (recordedLater) {
      throw invalid(
        "body.moveLater",
        `The attendance of group session ${recordedLater.number} is recorded: the later sessions cannot move.`,
      );
    }

    const atTarget = await memberSessionsAt(tx, groupId, [target.id]);
    const courseIds = [...new Set(atTarget.map((session) => session.courseId))].sort();
    for (const courseId of courseIds) await lockCourse(tx, courseId);
    // Each member's own sessions in order, to keep the moved one between its neighbours.
    const own = await tx.therapySession.findMany({
      where: { courseId: { in: courseIds }, ...live, status: { not: "cancelled" } },
      select: { id: true, courseId: true, status: true, signedAt: true, plannedDate: true },
      orderBy: [{ plannedDate: "asc" }, { startTime: "asc" }, { createdOrder: "asc" }],
    });
    const laterMemberSessions: { id: string; plannedDate: Date }[] = [];
    for (const session of atTarget) {
      const ofCourse = own.filter((row) => row.courseId === session.courseId);
      const index = ofCourse.findIndex((row) => row.id === session.id);
      if (index === -1) continue; // not a counted session of the member's (none such before attendance)
      const previous = index > 0 ? ofCourse[index - 1] : undefined;
      const next = ofCourse[index + 1];
      if (previous && to < fromDateColumn(previous.plannedDate)) {
        throw invalid(
          "body.plannedDate",
          `A member's earlier session (their pre-group meeting or a group session) is on ${fromDateColumn(previous.plannedDate)}: plan this group session on or after it.`,
        );
      }
      if (!moveLater && next && to > fromDateColumn(next.plannedDate)) {
        throw invalid(
          "body.plannedDate",
          `A member's next session (their closing meeting or a group session) is on ${fromDateColumn(next.plannedDate)}: plan this group session on or before it, or move the later sessions too.`,
        );
      }
      if (moveLater && days !== 0) {
        for (const row of ofCourse.slice(index + 1)) {
          if (row.status !== "planned" || row.signedAt) {
            throw invalid(
              "body.moveLater",
              "A member's later session is already recorded: the later sessions cannot move.",
            );
          }
          laterMemberSessions.push({ id: row.id, plannedDate: row.plannedDate });
        }
      }
    }

    await tx.therapyGroupSession.update({
      where: { id: target.id },
      data: { plannedDate: toDateColumn(to), startTime: toTime },
    });
    for (const session of later) {
      await tx.therapyGroupSession.update({
        where: { id: session.id },
        data: { plannedDate: toDateColumn(addDays(fromDateColumn(session.plannedDate), days)) },
      });
    }
    const moved = later.map((session) => session.number);
    const first = target.number === 1 ? to : null;
    await tx.therapyGroup.update({
      where: { id: groupId },
      data: { ...(first ? { startDate: toDateColumn(first) } : {}), version: { increment: 1 } },
    });
    // Every member's session: a changed schedule (calendar feeds see a higher SEQUENCE) and version.
    const schedule = { version: { increment: 1 }, scheduleSequence: { increment: 1 } };
    for (const session of atTarget) {
      await tx.therapySession.update({
        where: { id: session.id },
        data: { plannedDate: toDateColumn(to), startTime: toTime, ...schedule },
      });
    }
    for (const session of laterMemberSessions) {
      await tx.therapySession.update({
        where: { id: session.id },
        data: { plannedDate: toDateColumn(addDays(fromDateColumn(session.plannedDate), days)), ...schedule },
      });
    }
    const movedLater = moved.length
      ? `; ${sessionsWord(moved.length).replace("session", "later group session")} moved by ${days} ${Math.abs(days) === 1 ? "day" : "days"}`
      : "";
    for (const session of atTarget) {
      await tx.course.update({ where: { id: session.courseId }, data: { version: { increment: 1 } } });
      await tx.planChange.create({
        data: {
          courseId: session.courseId,
          changedById: actor.userId,
          kind: "session_rescheduled",
          summary: `Group session ${target.number} (${when(target)}) moved to ${to} at ${toTime} for the whole group${movedLater}`,
        },
      });
      await auditClinical(tx, actor, "plan.session_rescheduled", "course", session.courseId, {
        sessionId: session.id,
        groupSessionId: target.id,
        movedLater: laterMemberSessions.length,
      });
      await refreshCourseSummary(tx, session.courseId);
    }
    await auditClinical(tx, actor, "group.session_rescheduled", "therapy_group", groupId, {
      groupSessionId: target.id,
      number: target.number,
      from,
      to,
      movedLater: moved.length,
      members: atTarget.length,
    });
    return loadGroupDetail(tx, groupId);
  });
}

export async function cancelGroupSession(
  prisma: PrismaClient,
  actor: Actor,
  groupId: string,
  groupSessionId: string,
  request: CancelGroupSessionRequest,
): Promise<GroupDetail> {
  await ownedGroup(prisma, actor, groupId);
  return prisma.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const { target } = await editableSession(tx, groupId, groupSessionId);
    const atTarget = await memberSessionsAt(tx, groupId, [target.id]);
    const courseIds = [...new Set(atTarget.map((session) => session.courseId))].sort();
    for (const courseId of courseIds) await lockCourse(tx, courseId);
    if (atTarget.some((session) => session.status !== "planned" || session.signedAt)) {
      throw conflictOn("groupSessionId", "A member's session at this group session is already recorded.");
    }
    const scored = await tx.measureScore.count({
      where: { sessionId: { in: atTarget.map((session) => session.id) } },
    });
    if (scored > 0) {
      throw conflictOn(
        "groupSessionId",
        "A member's questionnaire answers are recorded at this group session, so it cannot be cancelled: move it instead.",
      );
    }

    await tx.therapyGroupSession.update({
      where: { id: target.id },
      data: { cancelledAt: actor.now, cancelReason: request.reason },
    });
    await tx.therapyGroup.update({ where: { id: groupId }, data: { version: { increment: 1 } } });
    for (const session of atTarget) {
      await tx.therapySession.update({
        where: { id: session.id },
        data: {
          status: "cancelled",
          cancelReason: request.reason,
          number: null,
          version: { increment: 1 },
          scheduleSequence: { increment: 1 },
        },
      });
      if (session.number !== null) {
        // As any cancelled session: it gives up its number and the later ones close up.
        await tx.therapySession.updateMany({
          where: { courseId: session.courseId, number: { gt: session.number }, ...live },
          data: { number: { decrement: 1 } },
        });
      }
      const course = await tx.course.update({
        where: { id: session.courseId },
        data: {
          ...(session.number !== null ? { plannedSessions: { decrement: 1 } } : {}),
          version: { increment: 1 },
        },
        select: { plannedSessions: true },
      });
      await tx.planChange.create({
        data: {
          courseId: session.courseId,
          changedById: actor.userId,
          kind: "session_cancelled",
          summary: `Group session ${target.number} (${when(target)}) cancelled for the whole group (${request.reason}); the plan now has ${sessionsWord(course.plannedSessions)}`,
        },
      });
      await auditClinical(tx, actor, "plan.session_cancelled", "course", session.courseId, {
        sessionId: session.id,
        groupSessionId: target.id,
        plannedSessions: course.plannedSessions,
      });
      await refreshCourseSummary(tx, session.courseId);
    }
    await auditClinical(tx, actor, "group.session_cancelled", "therapy_group", groupId, {
      groupSessionId: target.id,
      number: target.number,
      members: atTarget.length,
      fields: ["reason"],
    });
    return loadGroupDetail(tx, groupId);
  });
}
