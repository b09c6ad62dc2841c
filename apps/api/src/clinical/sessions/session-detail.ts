// One therapy session as the API returns it: the record, its course's context, its amendments, the
// scores recorded at it and the risk flags they raised.
import { agendaItem, riskReviewOf, type AgendaItem, type SessionDetail } from "@ipt/shared";
import { z } from "zod";
import { personSelect } from "../../db/person-select";
import { type Prisma, type Db } from "../../db/prisma";
import { notFound } from "../../errors/app-error";
import { readableClientWhere, type Actor } from "../access";
import { sessionWhen, sessionWhenSelect } from "../../settings/service-time";
import { live } from "../live";
import { courseFlagSessionsSelect, requiredFor } from "../../safety/risk-review";
import { getEscalationContext, type EscalationContext } from "../measures/settings-read";
import {
  correctedIds,
  riskFlagOrder,
  riskFlagSelect,
  scoreOrder,
  scoreSelect,
  toMeasureScore,
  toRiskFlagDetail,
} from "../measures/measure-wire";

export const sessionDetailSelect = {
  id: true,
  number: true,
  ...sessionWhenSelect,
  phase: true,
  slot: true,
  status: true,
  agenda: true,
  techniques: true,
  incident: true,
  notes: true,
  betweenSessionWork: true,
  nextFocus: true,
  cancelReason: true,
  createdOrder: true,
  riskReviewDone: true,
  riskReviewNote: true,
  parentAttendance: true,
  signedAt: true,
  signedBy: { select: personSelect },
  version: true,
  course: {
    select: {
      id: true,
      clientId: true,
      client: { select: { displayName: true } },
      format: true,
      lineage: true,
      phase: true,
      plannedSessions: true,
      primaryArea: true,
      disputeStage: true,
      sensitivityModifier: true,
      ...courseFlagSessionsSelect,
    },
  },
  amendments: {
    select: { id: true, reason: true, text: true, createdAt: true, author: { select: personSelect } },
    // Oldest first; the id breaks a tie between two amendments in the same millisecond.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
  // Originals and corrections: which are current is worked out from the rows themselves.
  measureScores: { select: scoreSelect, orderBy: scoreOrder },
  riskFlags: { select: riskFlagSelect, orderBy: riskFlagOrder },
} satisfies Prisma.TherapySessionSelect;

type SessionRow = Prisma.TherapySessionGetPayload<{ select: typeof sessionDetailSelect }>;

const storedAgenda = z.array(agendaItem);

/** The agenda JSON column as items; a malformed value (never written by us) reads as empty. */
export function agendaOf(value: Prisma.JsonValue): AgendaItem[] {
  const parsed = storedAgenda.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function toSessionDetail(row: SessionRow, context: EscalationContext): SessionDetail {
  const { course } = row;
  const corrected = correctedIds(row.measureScores);
  return {
    id: row.id,
    course: {
      id: course.id,
      clientId: course.clientId,
      clientName: course.client.displayName,
      format: course.format,
      lineage: course.lineage,
      phase: course.phase,
      plannedSessions: course.plannedSessions,
      primaryArea: course.primaryArea,
      disputeStage: course.disputeStage,
      sensitivityModifier: course.sensitivityModifier,
    },
    number: row.number,
    ...sessionWhen(row, context.timeZone),
    phase: row.phase,
    slot: row.slot,
    status: row.status,
    agenda: agendaOf(row.agenda),
    techniques: row.techniques,
    incident: row.incident,
    notes: row.notes,
    betweenSessionWork: row.betweenSessionWork,
    nextFocus: row.nextFocus,
    cancelReason: row.cancelReason,
    riskReview: riskReviewOf({
      required: requiredFor(row, course.riskFlags),
      done: row.riskReviewDone,
      note: row.riskReviewNote,
    }),
    parentAttendance: row.parentAttendance,
    signedAt: row.signedAt ? row.signedAt.toISOString() : null,
    signedBy: row.signedBy,
    version: row.version,
    amendments: row.amendments.map((a) => ({
      id: a.id,
      reason: a.reason,
      text: a.text,
      createdAt: a.createdAt.toISOString(),
      author: a.author,
    })),
    scores: row.measureScores
      .filter((score) => !corrected.has(score.id))
      .map((score) => toMeasureScore(score, row.number, true)),
    riskFlags: row.riskFlags.map((flag) => toRiskFlagDetail(flag, row.number, context)),
  };
}

/** Loads a session the caller has already checked the actor may reach. */
export async function loadSessionDetail(db: Db, sessionId: string, now: Date): Promise<SessionDetail> {
  const row = await db.therapySession.findUnique({
    where: { id: sessionId, ...live },
    select: sessionDetailSelect,
  });
  if (!row) throw notFound("The session");
  return toSessionDetail(row, await getEscalationContext(db, now));
}

/**
 * The session if the actor may read it (its client's therapist, or a supervisor assigned to that
 * therapist), else null: access and record in one query.
 */
export async function findReadableSessionDetail(
  db: Db,
  actor: Actor,
  sessionId: string,
): Promise<SessionDetail | null> {
  const row = await db.therapySession.findFirst({
    where: { id: sessionId, ...live, course: { client: readableClientWhere(actor) } },
    select: sessionDetailSelect,
  });
  return row ? toSessionDetail(row, await getEscalationContext(db, actor.now)) : null;
}
