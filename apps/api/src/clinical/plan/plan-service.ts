// Plan edits: add, drop, cancel (optionally replacing) and reschedule sessions. Each edit re-flows the
// plan through the ipt module (numbers, phases, slots, agendas), bumps the course version, and writes
// a plan-history row and an audit row, all in one transaction.
//
// Refusals: a plan outside the format's bounds (standard/IPT-A 12–16, IPT-B exactly 9) answers 422
// rule_unmet naming "plannedSessions"; a bad session or date in the body answers 400 naming
// body.sessionId / body.plannedDate; a course without an agreed contract or already completed, 409.
import {
  addDays,
  nextSessionDate,
  PlanRuleError,
  reflowPlan,
  type AddSessionRequest,
  type AgendaItem,
  type AuditAction,
  type CancelSessionRequest,
  type CourseDetail,
  type DropSessionRequest,
  type RescheduleSessionRequest,
  type ReflowedSession,
  type SessionPhase,
  type SessionStatus,
} from "@ipt/shared";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../db/prisma";
import { conflict, invalid } from "../../errors/app-error";
import { auditClinical, ownedCourse, ruleUnmet, type Actor } from "../access";
import { fromIsoDate, toIsoDate } from "../clients/dates";
import { getCourseDetail } from "../courses/course-detail";
import { agendaOf } from "../sessions/session-detail";
import { courseForWrite, withRefusalAudit, type CourseRow } from "./course-write";

type Tx = Prisma.TransactionClient;

/** A session as the edit sees it: the stored row, with the edit's changes applied in memory. */
interface WorkingSession {
  id: string;
  status: SessionStatus;
  plannedDate: string;
  createdOrder: number;
  number: number | null;
  phase: SessionPhase | null;
  slot: string | null;
  agenda: AgendaItem[];
  cancelReason: string | null;
  signed: boolean;
  /** The stored version; null for a session this edit creates. */
  version: number | null;
  /** The stored date and status, to tell what the edit changed. */
  stored: { plannedDate: string; status: SessionStatus } | null;
}

interface Plan {
  course: CourseRow;
  sessions: WorkingSession[];
}

interface EditResult {
  action: AuditAction;
  kind: string;
  /** The plan-history line, given the plan after the re-flow. */
  summary: (after: Map<string, ReflowedSession>, total: number) => string;
  details: (total: number) => Prisma.InputJsonObject;
  /** The session this edit deletes from the plan (drop). */
  deletedId?: string;
}

const counted = (session: WorkingSession) => session.status !== "cancelled";

const byDateThenCreation = (a: WorkingSession, b: WorkingSession) =>
  a.plannedDate.localeCompare(b.plannedDate) || a.createdOrder - b.createdOrder;

async function loadPlan(tx: Tx, course: CourseRow): Promise<Plan> {
  const rows = await tx.therapySession.findMany({
    where: { courseId: course.id },
    orderBy: [{ plannedDate: "asc" }, { createdOrder: "asc" }],
  });
  return {
    course,
    sessions: rows.map((row) => ({
      id: row.id,
      status: row.status,
      plannedDate: toIsoDate(row.plannedDate),
      createdOrder: row.createdOrder,
      number: row.number,
      phase: row.phase,
      slot: row.slot,
      agenda: agendaOf(row.agenda),
      cancelReason: row.cancelReason,
      signed: row.signedAt !== null,
      version: row.version,
      stored: { plannedDate: toIsoDate(row.plannedDate), status: row.status },
    })),
  };
}

/** The session the body names, which must be a planned session of this course. */
function plannedSessionOf(plan: Plan, sessionId: string): WorkingSession {
  const session = plan.sessions.find((s) => s.id === sessionId);
  if (!session) throw invalid("body.sessionId", "This session is not part of this course's plan.");
  if (session.status !== "planned" || session.signed) {
    throw invalid(
      "body.sessionId",
      `Only a planned session can be changed this way; this one is ${session.status.replace("_", "-")}.`,
    );
  }
  return session;
}

/** The date of the latest held or no-show session: nothing may be planned before it. */
function latestRecordedDate(plan: Plan): string | null {
  const dates = plan.sessions
    .filter((s) => s.status === "held" || s.status === "no_show")
    .map((s) => s.plannedDate)
    .sort();
  return dates.at(-1) ?? null;
}

function assertNotBeforeRecorded(plan: Plan, date: string) {
  const latest = latestRecordedDate(plan);
  if (latest !== null && date < latest) {
    throw invalid(
      "body.plannedDate",
      `A session was already held (or missed) on ${latest}: plan this session on or after that date.`,
    );
  }
}

/** The last counted (not cancelled) session's date, in plan order. */
function lastCountedDate(plan: Plan): string {
  const last = plan.sessions.filter(counted).sort(byDateThenCreation).at(-1);
  return last ? last.plannedDate : toIsoDate(plan.course.startDate);
}

function newSession(plan: Plan, plannedDate: string): WorkingSession {
  const createdOrder = Math.max(0, ...plan.sessions.map((s) => s.createdOrder)) + 1;
  const session: WorkingSession = {
    id: randomUUID(),
    status: "planned",
    plannedDate,
    createdOrder,
    number: null,
    phase: null,
    slot: null,
    agenda: [],
    cancelReason: null,
    signed: false,
    version: null,
    stored: null,
  };
  plan.sessions.push(session);
  return session;
}

function reflow(plan: Plan): ReflowedSession[] {
  const { course } = plan;
  try {
    return reflowPlan({
      format: course.format,
      lineage: course.lineage,
      lead: course.terminationLead,
      frequency: course.frequency,
      primaryArea: course.primaryArea,
      disputeStage: course.disputeStage,
      sensitivity: course.sensitivityModifier,
      sessions: plan.sessions.map((s) => ({
        id: s.id,
        status: s.status,
        plannedDate: s.plannedDate,
        createdOrder: s.createdOrder,
        number: s.number,
        phase: s.phase,
        slot: s.slot,
        agenda: s.agenda,
      })),
    });
  } catch (error) {
    if (!(error instanceof PlanRuleError)) throw error;
    if (error.field === "sessions") {
      throw ruleUnmet("This change would take the plan outside the format's number of sessions.", [
        { item: "plannedSessions", message: error.message },
      ]);
    }
    throw invalid(`body.${error.field}`, error.message);
  }
}

/** Writes the re-flowed plan: new, changed and cancelled sessions; the dropped one is deleted. */
async function savePlan(tx: Tx, plan: Plan, reflowed: ReflowedSession[], deletedId?: string) {
  const working = new Map(plan.sessions.map((s) => [s.id, s]));
  if (deletedId) await tx.therapySession.delete({ where: { id: deletedId } });
  for (const next of reflowed) {
    const session = working.get(next.id)!;
    const fields = {
      number: next.number,
      phase: next.phase,
      slot: next.slot,
      agenda: next.agenda,
      plannedDate: fromIsoDate(next.plannedDate),
    };
    if (!session.stored || session.version === null) {
      await tx.therapySession.create({
        data: { id: session.id, courseId: plan.course.id, createdOrder: session.createdOrder, ...fields },
      });
      continue;
    }
    const statusChanged = session.status !== session.stored.status;
    if (!next.changed && !statusChanged && next.plannedDate === session.stored.plannedDate) continue;
    // The course lock keeps session writes out, so the version still matches; it is checked anyway.
    const { count } = await tx.therapySession.updateMany({
      where: { id: session.id, version: session.version },
      data: {
        ...fields,
        ...(statusChanged ? { status: session.status, cancelReason: session.cancelReason } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw conflict("A session of this plan changed meanwhile. Reload the course and try again.");
  }
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
      return getCourseDetail(tx, actor, courseId, { audit: false });
    }),
  );
}

const sessionsWord = (total: number) => `${total} ${total === 1 ? "session" : "sessions"}`;
const labelOf = (session: WorkingSession) => `Session ${session.number ?? "?"} on ${session.plannedDate}`;

export function addSession(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: AddSessionRequest,
): Promise<CourseDetail> {
  return editPlan(prisma, actor, courseId, request.version, "plan.session_added", (plan) => {
    const plannedDate = request.plannedDate ?? nextSessionDate(lastCountedDate(plan), plan.course.frequency);
    assertNotBeforeRecorded(plan, plannedDate);
    const added = newSession(plan, plannedDate);
    return {
      action: "plan.session_added",
      kind: "session_added",
      summary: (after, total) =>
        `Session ${after.get(added.id)?.number ?? "?"} added on ${plannedDate}; the plan now has ${sessionsWord(total)}`,
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
    const label = labelOf(session);
    session.status = "cancelled";
    session.cancelReason = request.reason;
    const replacement = request.replace
      ? newSession(plan, nextSessionDate(lastCountedDate(plan), plan.course.frequency))
      : null;
    return {
      action: "plan.session_cancelled",
      kind: "session_cancelled",
      summary: (_after, total) =>
        replacement
          ? `${label} cancelled (${request.reason}); replacement session added on ${replacement.plannedDate}`
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
    if (to === from) throw invalid("body.plannedDate", `This session is already planned for ${from}.`);
    assertNotBeforeRecorded(plan, to);
    const days = Math.round((fromIsoDate(to).getTime() - fromIsoDate(from).getTime()) / 86_400_000);
    const later = request.moveLater
      ? plan.sessions.filter(
          (s) => s.id !== session.id && s.status === "planned" && byDateThenCreation(s, session) > 0,
        )
      : [];
    const label = labelOf(session);
    session.plannedDate = to;
    for (const s of later) s.plannedDate = addDays(s.plannedDate, days);
    const moved = later.length
      ? `; ${sessionsWord(later.length).replace("session", "later session")} moved by ${days} ${Math.abs(days) === 1 ? "day" : "days"}`
      : "";
    return {
      action: "plan.session_rescheduled",
      kind: "session_rescheduled",
      summary: () => `${label} moved to ${to}${moved}`,
      details: () => ({ sessionId: session.id, movedLater: later.length }),
    };
  });
}
