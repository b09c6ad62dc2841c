// What the measures ask of a course before it is completed:
// - a final score: a PHQ-9 or HAM-D-17 at the last held session, or a recorded reason why none was
//   obtained. "A final-session score" is IPT.md §4a's synthesis (built on measuring at intake and every
//   4 sessions [S12b] and a case example that compares the last score with the first [S18]), not a
//   published standard;
// - for a course that did not respond (its outcome status, the rules in ./outcomes.ts, is no response,
//   no reliable change or reliable deterioration), whether further treatment or a referral was offered:
//   non-responders should be offered another effective treatment [S3][S16].
import { z } from "zod";
import type { SourceTag } from "../ipt/sources";
import type { ScoreSeries } from "./outcomes";
import type { OutcomeStatus } from "./vocabulary";

export const nonResponseOffers = [
  "further_treatment_offered",
  "referral_offered",
  "neither_offered",
] as const;
export const nonResponseOffer = z.enum(
  nonResponseOffers,
  "Say whether further treatment or a referral was offered.",
);
export type NonResponseOffer = z.infer<typeof nonResponseOffer>;

export const nonResponseOfferLabels: Readonly<Record<NonResponseOffer, string>> = {
  further_treatment_offered: "Further or different treatment offered",
  referral_offered: "Referral to another service offered",
  neither_offered: "Neither offered",
};

/** Outcome statuses that count as "no response at the end". */
export const NON_RESPONDING_STATUSES: readonly OutcomeStatus[] = [
  "non_response",
  "no_reliable_change",
  "reliable_deterioration",
];
export const isNonResponding = (status: OutcomeStatus): boolean => NON_RESPONDING_STATUSES.includes(status);

export const FINAL_SCORE_SOURCES: SourceTag[] = ["S12b", "S18", "MBC-default"];
export const NON_RESPONSE_SOURCES: SourceTag[] = ["S3", "S16"];

export interface CompletionMeasuresInput {
  series: ScoreSeries;
  status: OutcomeStatus;
  /** The number of the last held session, or null when none was held. */
  lastHeldNumber: number | null;
  noFinalScoreReason: string | null;
  nonResponseOffer: NonResponseOffer | null;
}

/** A PHQ-9 or HAM-D-17 at the last held session. */
export function hasFinalScore(series: ScoreSeries, lastHeldNumber: number | null): boolean {
  if (lastHeldNumber === null) return false;
  return [...series.phq9, ...series.hamd17].some((point) => point.sessionNumber === lastHeldNumber);
}

export function completionMeasureGaps(input: CompletionMeasuresInput): { item: string; message: string }[] {
  const gaps: { item: string; message: string }[] = [];
  if (!hasFinalScore(input.series, input.lastHeldNumber) && !input.noFinalScoreReason?.trim()) {
    gaps.push({
      item: "finalScore",
      message:
        "Record a final PHQ-9 or HAM-D-17 at the last session, or write why no final score was obtained.",
    });
  }
  if (isNonResponding(input.status) && input.nonResponseOffer === null) {
    gaps.push({
      item: "nonResponseOffer",
      message:
        "The course did not respond: record whether further treatment or a referral was offered (the treatment failed, not the client).",
    });
  }
  return gaps;
}

/** The number of the last held session of a course, or null when none was held. */
export function lastHeldNumberOf(
  sessions: readonly { number: number | null; status: string }[],
): number | null {
  return sessions.reduce<number | null>(
    (last, s) =>
      s.status === "held" && s.number !== null && (last === null || s.number > last) ? s.number : last,
    null,
  );
}
