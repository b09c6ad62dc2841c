// The plan as an edit works on it: the course's sessions loaded into memory, changed there, re-flowed
// through the ipt module (numbers, phases, slots, agendas) and written back. Used by plan-service.ts.
import {
  type AgendaItem,
  fromDateColumn,
  inPlanOrder,
  isoWeekday,
  PlanRuleError,
  type ReflowedSession,
  reflowPlan,
  type SessionPhase,
  type SessionStatus,
  toDateColumn,
} from "@ipt/shared";
import { randomUUID } from "node:crypto";
import { type Tx } from "../../db/prisma";
import { conflict, invalid } from "../../errors/app-error";
import { ruleUnmet } from "../access";
import { live, removal } from "../live";
import { agendaOf } from "../sessions/session-detail";
import type { CourseRow } from "./course-write";
import { required } from "../../errors/required";

/** A session as the edit sees it: the stored row, with the edit's changes applied in memory. */
export interface WorkingSession {
  id: string;
  status: SessionStatus;
  plannedDate: string;
  /** "HH:MM" in the service's time zone. */
  startTime: string;
  durationMinutes: number;
  createdOrder: number;
  number: number | null;
  phase: SessionPhase | null;
  slot: string | null;
  agenda: AgendaItem[];
  cancelReason: string | null;
  signed: boolean;
  /** Scores are recorded at it (the client's own answers can come before it is held). */
  scored: boolean;
  /** The stored version; null for a session this edit creates. */
  version: number | null;
  /** The stored date, time and status, to tell what the edit changed. */
  stored: { plannedDate: string; startTime: string; status: SessionStatus } | null;
}

export interface Plan {
  course: CourseRow;
  sessions: WorkingSession[];
  /** The highest createdOrder of the course, removed sessions included (they keep theirs). */
  lastCreatedOrder: number;
}

const counted = (session: WorkingSession) => session.status !== "cancelled";

/** The contract's weekday, for sessions appended to the plan. */
export const contractWeekday = (plan: Plan) => isoWeekday.parse(plan.course.sessionWeekday);

export async function loadPlan(tx: Tx, course: CourseRow): Promise<Plan> {
  const rows = await tx.therapySession.findMany({
    where: { courseId: course.id, ...live },
    orderBy: [{ plannedDate: "asc" }, { startTime: "asc" }, { createdOrder: "asc" }],
  });
  // Over removed rows too: (courseId, createdOrder) is unique, and a removed row keeps its order.
  const last = await tx.therapySession.aggregate({
    where: { courseId: course.id },
    _max: { createdOrder: true },
  });
  const scored = new Set(
    (
      await tx.measureScore.findMany({
        where: { courseId: course.id },
        select: { sessionId: true },
        distinct: ["sessionId"],
      })
    ).map((score) => score.sessionId),
  );
  return {
    course,
    lastCreatedOrder: last._max.createdOrder ?? 0,
    sessions: rows.map((row) => ({
      id: row.id,
      status: row.status,
      plannedDate: fromDateColumn(row.plannedDate),
      startTime: row.startTime,
      durationMinutes: row.durationMinutes,
      createdOrder: row.createdOrder,
      number: row.number,
      phase: row.phase,
      slot: row.slot,
      agenda: agendaOf(row.agenda),
      cancelReason: row.cancelReason,
      signed: row.signedAt !== null,
      scored: scored.has(row.id),
      version: row.version,
      stored: { plannedDate: fromDateColumn(row.plannedDate), startTime: row.startTime, status: row.status },
    })),
  };
}

/** The session the body names, which must be a planned session of this course. */
export function plannedSessionOf(plan: Plan, sessionId: string): WorkingSession {
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

/**
 * A planned session whose scores the client already sent (questionnaires) keeps its place: dropping or
 * cancelling it would leave the scores without a session number. It can still be moved, or marked
 * held or no-show.
 */
export function assertNoScores(session: WorkingSession, change: "dropped" | "cancelled") {
  if (session.scored) {
    throw conflict(
      `The client's answers are recorded at this session, so it cannot be ${change}: reschedule it, or mark it held or no-show.`,
    );
  }
}

/** The date of the latest held or no-show session: nothing may be planned before it. */
export function latestRecordedDate(plan: Plan): string | null {
  const dates = plan.sessions
    .filter((s) => s.status === "held" || s.status === "no_show")
    .map((s) => s.plannedDate)
    .sort();
  return dates.at(-1) ?? null;
}

export function assertNotBeforeRecorded(plan: Plan, date: string) {
  const latest = latestRecordedDate(plan);
  if (latest !== null && date < latest) {
    throw invalid(
      "body.plannedDate",
      `A session was already held (or missed) on ${latest}: plan this session on or after that date.`,
    );
  }
}

/** The last counted (not cancelled) session's date, in plan order. */
export function lastCountedDate(plan: Plan): string {
  const last = plan.sessions.filter(counted).sort(inPlanOrder).at(-1);
  return last ? last.plannedDate : fromDateColumn(plan.course.startDate);
}

/** A new planned session on the date, at the time (the contract's by default), of the contract's length. */
export function newSession(
  plan: Plan,
  plannedDate: string,
  startTime: string = plan.course.sessionTime,
): WorkingSession {
  plan.lastCreatedOrder += 1;
  const createdOrder = plan.lastCreatedOrder;
  const session: WorkingSession = {
    id: randomUUID(),
    status: "planned",
    plannedDate,
    startTime,
    durationMinutes: plan.course.sessionMinutes,
    createdOrder,
    number: null,
    phase: null,
    slot: null,
    agenda: [],
    cancelReason: null,
    signed: false,
    scored: false,
    version: null,
    stored: null,
  };
  plan.sessions.push(session);
  return session;
}

export function reflow(plan: Plan): ReflowedSession[] {
  const { course } = plan;
  try {
    return reflowPlan({
      kind: course.kind,
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
        startTime: s.startTime,
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

/**
 * Writes the re-flowed plan: new, changed and cancelled sessions; the dropped one is removed (soft
 * delete, and its number freed).
 */
export async function savePlan(tx: Tx, plan: Plan, reflowed: ReflowedSession[], deletedId?: string) {
  const working = new Map(plan.sessions.map((s) => [s.id, s]));
  if (deletedId) {
    const { count } = await tx.therapySession.updateMany({
      where: { id: deletedId, ...live },
      data: { ...removal(), number: null },
    });
    if (count === 0)
      throw conflict("A session of this plan changed meanwhile. Reload the course and try again.");
  }
  for (const next of reflowed) {
    const session = required(working.get(next.id), `session ${next.id} of the plan`); // re-flowed from plan.sessions
    const fields = {
      number: next.number,
      phase: next.phase,
      slot: next.slot,
      agenda: next.agenda,
      plannedDate: toDateColumn(next.plannedDate),
      startTime: session.startTime,
      durationMinutes: session.durationMinutes,
    };
    if (!session.stored || session.version === null) {
      await tx.therapySession.create({
        data: { id: session.id, courseId: plan.course.id, createdOrder: session.createdOrder, ...fields },
      });
      continue;
    }
    const statusChanged = session.status !== session.stored.status;
    const moved =
      next.plannedDate !== session.stored.plannedDate || session.startTime !== session.stored.startTime;
    if (!next.changed && !statusChanged && !moved) continue;
    // The course lock keeps session writes out, so the version still matches; it is checked anyway.
    const { count } = await tx.therapySession.updateMany({
      where: { id: session.id, version: session.version },
      data: {
        ...fields,
        ...(statusChanged ? { status: session.status, cancelReason: session.cancelReason } : {}),
        // Calendar feeds tell subscribers a session moved or was cancelled by a higher SEQUENCE.
        ...(statusChanged || moved ? { scheduleSequence: { increment: 1 } } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw conflict("A session of this plan changed meanwhile. Reload the course and try again.");
  }
}
