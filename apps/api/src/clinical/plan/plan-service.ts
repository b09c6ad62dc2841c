// Plan edits: add, drop, cancel (optionally replacing) and reschedule sessions. Each edit re-flows the
// plan through the ipt module (numbers, phases, slots, agendas), bumps the course version, and writes
// a plan-history row and an audit row, all in one transaction.
//
// Refusals: a plan outside the format's bounds (standard/IPT-A 12–16, IPT-B exactly 9) answers 422
// rule_unmet naming "plannedSessions"; a bad session or date in the body answers 400 naming
// body.sessionId / body.plannedDate; a course without an agreed contract or already completed, 409.
import {
  addDays,
  type AddSessionRequest,
  type AuditAction,
  type CancelSessionRequest,
  type CourseDetail,
  type DropSessionRequest,
  nextSessionDate,
  type ReflowedSession,
  type RescheduleSessionRequest,
  daysBetween,
  inPlanOrder,
} from "@ipt/shared";
import type { Prisma, PrismaClient } from "../../db/prisma";
import { conflict, invalid } from "../../errors/app-error";
import { auditClinical, ownedCourse, type Actor } from "../access";
import { getCourseDetail } from "../courses/course-detail";
import { courseForWrite, withRefusalAudit } from "./course-write";
import {
  assertNotBeforeRecorded,
  contractWeekday,
  lastCountedDate,
  loadPlan,
  newSession,
  plannedSessionOf,
  assertNoScores,
  reflow,
  savePlan,
  type Plan,
  type WorkingSession,
} from "./working-plan";
import { refreshCourseSummary } from "../../supervision/course-summary";

interface EditResult {
  action: AuditAction;
  kind: string;
  /** The plan-history line, given the plan after the re-flow. */
  summary: (after: Map<string, ReflowedSession>, total: number) => string;
  details: (total: number) => Prisma.InputJsonObject;
  /** The session this edit removes from the plan (drop; a soft delete). */
  deletedId?: string;
}

/**
 * The shared frame of every plan edit: ownership (404 otherwise), the course lock and version, the
 * generated plan, the edit in memory, the re-flow, then the writes, plan history and audit row.
 */
async function editPlan(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  version: number,
  rule: string,
  edit: (plan: Plan) => EditResult,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return withRefusalAudit(prisma, actor, courseId, rule, () =>
    prisma.$transaction(async (tx) => {
      const course = await courseForWrite(tx, courseId, version);
      // A group member's sessions follow the group's: attendance is recorded through the group.
      if (course.kind === "group") {
        throw conflict(
          "A group member's plan follows the group's sessions; record attendance for the group.",
        );
      }
      if (!course.contractAgreedOn) {
        throw conflict("There is no session plan yet: agree the treatment contract first.");
      }
      const plan = await loadPlan(tx, course);
      const result = edit(plan);
      if (result.deletedId) plan.sessions = plan.sessions.filter((s) => s.id !== result.deletedId);
      const reflowed = reflow(plan);
      const total = reflowed.filter((s) => s.number !== null).length;
      await savePlan(tx, plan, reflowed, result.deletedId);
      await tx.course.update({ where: { id: courseId }, data: { plannedSessions: total } });
      const after = new Map(reflowed.map((s) => [s.id, s]));
      await tx.planChange.create({
        data: {
          courseId,
          changedById: actor.userId,
          kind: result.kind,
          summary: result.summary(after, total),
        },
      });
      await auditClinical(tx, actor, result.action, "course", courseId, result.details(total));
      await refreshCourseSummary(tx, courseId);
      return getCourseDetail(tx, actor, courseId, { audit: false });
    }),
  );
}

const sessionsWord = (total: number) => `${total} ${total === 1 ? "session" : "sessions"}`;
const labelOf = (session: WorkingSession) =>
  `Session ${session.number ?? "?"} on ${session.plannedDate} at ${session.startTime}`;

export function addSession(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: AddSessionRequest,
): Promise<CourseDetail> {
  return editPlan(prisma, actor, courseId, request.version, "plan.session_added", (plan) => {
    const plannedDate =
      request.plannedDate ??
      nextSessionDate(lastCountedDate(plan), plan.course.frequency, contractWeekday(plan));
    assertNotBeforeRecorded(plan, plannedDate);
    const added = newSession(plan, plannedDate, request.startTime);
    return {
      action: "plan.session_added",
      kind: "session_added",
      summary: (after, total) =>
        `Session ${after.get(added.id)?.number ?? "?"} added on ${plannedDate} at ${added.startTime}; the plan now has ${sessionsWord(total)}`,
      details: (total) => ({ sessionId: added.id, plannedSessions: total }),
    };
  });
}

export function dropSession(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: DropSessionRequest,
): Promise<CourseDetail> {
  return editPlan(prisma, actor, courseId, request.version, "plan.session_dropped", (plan) => {
    const dropped = plannedSessionOf(plan, request.sessionId);
    assertNoScores(dropped, "dropped");
    return {
      action: "plan.session_dropped",
      kind: "session_dropped",
      deletedId: dropped.id,
      summary: (_after, total) =>
        `${labelOf(dropped)} dropped (${request.reason}); the plan now has ${sessionsWord(total)}`,
      details: (total) => ({ sessionId: dropped.id, plannedSessions: total }),
    };
  });
}

export function cancelSession(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: CancelSessionRequest,
): Promise<CourseDetail> {
  return editPlan(prisma, actor, courseId, request.version, "plan.session_cancelled", (plan) => {
    const session = plannedSessionOf(plan, request.sessionId);
    assertNoScores(session, "cancelled");
    const label = labelOf(session);
    session.status = "cancelled";
    session.cancelReason = request.reason;
    const replacement = request.replace
      ? newSession(plan, nextSessionDate(lastCountedDate(plan), plan.course.frequency, contractWeekday(plan)))
      : null;
    return {
      action: "plan.session_cancelled",
      kind: "session_cancelled",
      summary: (_after, total) =>
        replacement
          ? `${label} cancelled (${request.reason}); replacement session added on ${replacement.plannedDate} at ${replacement.startTime}`
          : `${label} cancelled (${request.reason}); the plan now has ${sessionsWord(total)}`,
      details: (total) => ({
        sessionId: session.id,
        replacementId: replacement ? replacement.id : null,
        plannedSessions: total,
      }),
    };
  });
}

export function rescheduleSession(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: RescheduleSessionRequest,
): Promise<CourseDetail> {
  return editPlan(prisma, actor, courseId, request.version, "plan.session_rescheduled", (plan) => {
    const session = plannedSessionOf(plan, request.sessionId);
    const from = session.plannedDate;
    const to = request.plannedDate;
    const toTime = request.startTime ?? session.startTime;
    if (to === from && toTime === session.startTime) {
      throw invalid("body.plannedDate", `This session is already planned for ${from} at ${toTime}.`);
    }
    assertNotBeforeRecorded(plan, to);
    const days = daysBetween(from, to);
    // Later sessions keep their own times; only their dates move (and only when the date changes).
    const later =
      request.moveLater && days !== 0
        ? plan.sessions.filter(
            (s) => s.id !== session.id && s.status === "planned" && inPlanOrder(s, session) > 0,
          )
        : [];
    const label = labelOf(session);
    session.plannedDate = to;
    session.startTime = toTime;
    for (const s of later) s.plannedDate = addDays(s.plannedDate, days);
    const moved = later.length
      ? `; ${sessionsWord(later.length).replace("session", "later session")} moved by ${days} ${Math.abs(days) === 1 ? "day" : "days"}`
      : "";
    return {
      action: "plan.session_rescheduled",
      kind: "session_rescheduled",
      summary: () => `${label} moved to ${to} at ${toTime}${moved}`,
      details: () => ({ sessionId: session.id, movedLater: later.length }),
    };
  });
}
