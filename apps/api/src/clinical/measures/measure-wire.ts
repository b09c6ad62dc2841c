// Scores and risk flags as the API returns them: the columns each read selects and the mapping to the
// shared wire shapes. Used by the measures view, the writes and the session record.
import { bandOf, fromDateColumn, type MeasureScore, type RiskFlagDetail } from "@ipt/shared";
import { personSelect, recordAuthorOf } from "../../db/person-select";
import type { Prisma } from "../../db/prisma";
import { toRiskEscalation } from "../../safety/escalation-wire";
import type { EscalationContext } from "./settings-read";

export const scoreSelect = {
  id: true,
  courseId: true,
  sessionId: true,
  instrument: true,
  items: true,
  total: true,
  difficulty: true,
  administeredOn: true,
  correctsId: true,
  correctionReason: true,
  enteredAt: true,
  enteredBy: { select: personSelect },
  completedByClientAt: true,
} satisfies Prisma.MeasureScoreSelect;

export type ScoreRow = Prisma.MeasureScoreGetPayload<{ select: typeof scoreSelect }>;

export const riskFlagSelect = {
  id: true,
  courseId: true,
  sessionId: true,
  scoreId: true,
  itemValue: true,
  raisedAt: true,
  resolvedAt: true,
  resolvedBy: { select: personSelect },
  resolutionReason: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: personSelect },
  acknowledgedByExternal: true,
  version: true,
  followUps: {
    select: {
      id: true,
      riskLevel: true,
      actionsTaken: true,
      safetyPlan: true,
      supervisorInformed: true,
      supervisor: { select: personSelect },
      supervisorExternal: true,
      followedUpAt: true,
      recordedBy: { select: personSelect },
      createdAt: true,
    },
    // Oldest first; the id breaks a tie between two follow-ups in the same millisecond.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.RiskFlagSelect;

export type RiskFlagRow = Prisma.RiskFlagGetPayload<{ select: typeof riskFlagSelect }>;

/** Scores in entry order; the id breaks a tie between two entered in the same millisecond. */
export const scoreOrder = [
  { enteredAt: "asc" },
  { id: "asc" },
] satisfies Prisma.MeasureScoreOrderByWithRelationInput[];
export const riskFlagOrder = [
  { raisedAt: "asc" },
  { id: "asc" },
] satisfies Prisma.RiskFlagOrderByWithRelationInput[];

/** Ids of the scores another score corrects: every other score is current. */
export function correctedIds(scores: readonly { correctsId: string | null }[]): Set<string> {
  return new Set(scores.flatMap((score) => (score.correctsId ? [score.correctsId] : [])));
}

export function toMeasureScore(row: ScoreRow, sessionNumber: number | null, current: boolean): MeasureScore {
  const band = bandOf(row.instrument, row.total);
  return {
    id: row.id,
    instrument: row.instrument,
    sessionId: row.sessionId,
    sessionNumber,
    items: row.items,
    total: row.total,
    band: { key: band.key, label: band.label },
    difficulty: row.difficulty,
    administeredOn: fromDateColumn(row.administeredOn),
    enteredAt: row.enteredAt.toISOString(),
    enteredBy: row.enteredBy,
    correctsId: row.correctsId,
    correctionReason: row.correctionReason,
    current,
    completedByClientAt: row.completedByClientAt?.toISOString() ?? null,
  };
}

export function toRiskFlagDetail(
  row: RiskFlagRow,
  sessionNumber: number | null,
  context: EscalationContext,
): RiskFlagDetail {
  return {
    id: row.id,
    courseId: row.courseId,
    sessionId: row.sessionId,
    sessionNumber,
    scoreId: row.scoreId,
    itemValue: row.itemValue,
    raisedAt: row.raisedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolutionReason: row.resolutionReason,
    version: row.version,
    followUps: row.followUps.map((followUp) => ({
      id: followUp.id,
      riskAssessed: true as const,
      riskLevel: followUp.riskLevel,
      actionsTaken: followUp.actionsTaken,
      safetyPlan: followUp.safetyPlan,
      supervisorInformed: followUp.supervisorInformed,
      supervisor:
        followUp.supervisor || followUp.supervisorExternal
          ? recordAuthorOf(followUp.supervisor, followUp.supervisorExternal)
          : null,
      followedUpAt: followUp.followedUpAt.toISOString(),
      recordedBy: followUp.recordedBy,
      createdAt: followUp.createdAt.toISOString(),
    })),
    escalation: toRiskEscalation(row, context),
  };
}
