// When a risk flag escalates to the client's supervisors, and whether a supervisor's acknowledgement
// is still awaited. Item 9 answers above 0 need further assessment and the supervisor's attention
// [S25l][S25m] (docs/clinical-reference.md §10). Which follow-ups escalate, the acknowledgement gate
// and the deadline in days are a synthesis of those sources, not a published standard:
// - a follow-up that judged the risk high;
// - a follow-up with moderate or high risk that did not inform a supervisor;
// - a flag still open `escalateAfterDays` after the service day it was raised on.
// An acknowledgement covers every escalation due when it was given; a later one needs a new one.
import { z } from "zod";
import { addDays } from "../dates/calendar";
import { fromZoned, toZoned } from "../dates/zone";
import type { RiskLevel } from "../measures/vocabulary";
import { recordAuthor } from "../users/users";
import type { SafetySettings } from "./settings";

export const escalationReasonCodes = ["high_risk", "supervisor_not_informed", "open_too_long"] as const;
export const escalationReasonCode = z.enum(escalationReasonCodes);
export type EscalationReasonCode = z.infer<typeof escalationReasonCode>;

export const escalationReason = z.object({
  code: escalationReasonCode,
  /** When it became due: the follow-up's recording, or the start of the deadline's service day. */
  since: z.iso.datetime(),
});
export type EscalationReason = z.infer<typeof escalationReason>;

export interface EscalationFollowUp {
  riskLevel: RiskLevel;
  supervisorInformed: boolean;
  /** When the follow-up was recorded (the supervisors can only learn of it from then). */
  recordedAt: Date;
}

export interface EscalationInput {
  raisedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  followUps: readonly EscalationFollowUp[];
  settings: SafetySettings;
  timeZone: string;
  now: Date;
}

export interface Escalation {
  /** Every escalation due so far, oldest first; empty when the flag never escalated. */
  reasons: { code: EscalationReasonCode; since: Date }[];
  /** An open flag with an escalation after the last acknowledgement (or none yet): it cannot be resolved. */
  awaitingAcknowledgement: boolean;
}

function followUpReason(followUp: EscalationFollowUp): EscalationReasonCode | null {
  if (followUp.riskLevel === "high") return "high_risk";
  if (followUp.riskLevel === "moderate" && !followUp.supervisorInformed) return "supervisor_not_informed";
  return null;
}

/**
 * Deadlines already worked out, by zone, days and the instant raised (in ms). The supervisor's cockpit
 * counts the flags awaiting acknowledgement on every request, each through this rule's date
 * arithmetic; a flag's deadline never changes for the same settings. Bounded: starts again at
 * DEADLINE_CACHE_SIZE.
 */
const deadlines = new Map<string, number>();
const DEADLINE_CACHE_SIZE = 10_000;

/** The start of the service day `escalateAfterDays` after the day the flag was raised. */
export function openTooLongFrom(raisedAt: Date, settings: SafetySettings, timeZone: string): Date {
  const key = `${timeZone} ${settings.escalateAfterDays} ${raisedAt.getTime()}`;
  const kept = deadlines.get(key);
  if (kept !== undefined) return new Date(kept);
  const raisedOn = toZoned(raisedAt, timeZone).date;
  const deadline = fromZoned(addDays(raisedOn, settings.escalateAfterDays), "00:00", timeZone);
  if (deadlines.size >= DEADLINE_CACHE_SIZE) deadlines.clear();
  deadlines.set(key, deadline.getTime());
  return deadline;
}

export function escalationOf(input: EscalationInput): Escalation {
  const reasons: Escalation["reasons"] = [];
  for (const followUp of input.followUps) {
    const code = followUpReason(followUp);
    if (code) reasons.push({ code, since: followUp.recordedAt });
  }
  // A resolved flag stops the clock at its resolution.
  const until = input.resolvedAt ?? input.now;
  const deadline = openTooLongFrom(input.raisedAt, input.settings, input.timeZone);
  if (deadline.getTime() <= until.getTime()) reasons.push({ code: "open_too_long", since: deadline });
  reasons.sort((a, b) => a.since.getTime() - b.since.getTime());

  const acknowledged = input.acknowledgedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const awaitingAcknowledgement =
    input.resolvedAt === null && reasons.some((reason) => reason.since.getTime() > acknowledged);
  return { reasons, awaitingAcknowledgement };
}

/** A flag's escalation as the therapist and the supervisors see it. */
export const riskEscalation = z.object({
  reasons: z.array(escalationReason),
  awaitingAcknowledgement: z.boolean(),
  /** The latest supervisor acknowledgement: who and when — a local supervisor, or one of the instance the
   *  course was imported from ("Imported: <reference>", docs/decisions/018). */
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: recordAuthor.nullable(),
});
export type RiskEscalation = z.infer<typeof riskEscalation>;

/** Why a flag escalated, in the therapist's and supervisor's words. */
export const escalationReasonLabels: Record<EscalationReasonCode, string> = {
  high_risk: "The follow-up judged the risk high.",
  supervisor_not_informed: "The follow-up judged the risk moderate and no supervisor was informed.",
  open_too_long: "The flag is still open after the service's escalation deadline.",
};
