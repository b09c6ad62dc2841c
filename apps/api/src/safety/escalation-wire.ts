// A risk flag's escalation on the wire: the shared rule (safety/escalation.ts) applied to the stored
// flag, its follow-ups and its latest supervisor acknowledgement.
import { escalationOf, type PersonRef, type RiskEscalation, type RiskLevel } from "@ipt/shared";
import { personSelect, recordAuthorOf } from "../db/person-select";
import type { EscalationContext } from "../clinical/measures/settings-read";

/** The flag's columns the escalation reads (follow-ups: their risk level, supervisor informed, recording). */
export const escalationFlagSelect = {
  raisedAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: personSelect },
  acknowledgedByExternal: true,
} as const;

export const escalationFollowUpSelect = {
  riskLevel: true,
  supervisorInformed: true,
  createdAt: true,
} as const;

export interface EscalationRow {
  raisedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: PersonRef | null;
  /** A supervisor of the instance the course was imported from (docs/decisions/018). */
  acknowledgedByExternal: string | null;
  followUps: readonly { riskLevel: RiskLevel; supervisorInformed: boolean; createdAt: Date }[];
}

/** The shared rule on the stored flag: what escalationOf reads, and no more (e.g. for a count). */
export function escalationOfRow(
  row: Pick<EscalationRow, "raisedAt" | "resolvedAt" | "acknowledgedAt" | "followUps">,
  context: EscalationContext,
) {
  return escalationOf({
    raisedAt: row.raisedAt,
    resolvedAt: row.resolvedAt,
    acknowledgedAt: row.acknowledgedAt,
    followUps: row.followUps.map((followUp) => ({
      riskLevel: followUp.riskLevel,
      supervisorInformed: followUp.supervisorInformed,
      recordedAt: followUp.createdAt,
    })),
    ...context,
  });
}

export function toRiskEscalation(row: EscalationRow, context: EscalationContext): RiskEscalation {
  const escalation = escalationOfRow(row, context);
  return {
    reasons: escalation.reasons.map((reason) => ({ code: reason.code, since: reason.since.toISOString() })),
    awaitingAcknowledgement: escalation.awaitingAcknowledgement,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy:
      row.acknowledgedBy || row.acknowledgedByExternal
        ? recordAuthorOf(row.acknowledgedBy, row.acknowledgedByExternal)
        : null,
  };
}
