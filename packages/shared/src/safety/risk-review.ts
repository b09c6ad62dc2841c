// The "risk review" item every session carries once a risk flag has been raised on the course: the
// therapist asks again about suicidal thoughts and self-harm and checks the safety plan, and ticks the
// item or writes what was found before the record can be signed.
// Sources: a PHQ-9 item 9 answer above 0 needs further assessment [S25l], and a negative item 9 later
// does not rule risk out [S25m]; "risk was reviewed" is one of the things supervisors look for
// (docs/clinical-reference.md §5, a synthesis). Asking at EVERY later session, and the sign-off gate,
// are a synthesis of those sources, not a published standard.
// A baseline item 9 above 0 is covered too: every PHQ-9 item 9 answer above 0, the baseline's
// included, raises a flag at its session.
import { z } from "zod";
import { sourceTag, type SourceTag } from "../ipt/sources";

/** Where a session sits in its course: the same order the plan shows (date, time, creation). */
export interface SessionPosition {
  /** ISO calendar date of the session. */
  date: string;
  /** "HH:MM" in the service's time zone. */
  time: string;
  createdOrder: number;
}

export function comesAfter(a: SessionPosition, b: SessionPosition): boolean {
  if (a.date !== b.date) return a.date > b.date;
  if (a.time !== b.time) return a.time > b.time;
  return a.createdOrder > b.createdOrder;
}

export const RISK_REVIEW_TEXT =
  "Risk review: ask about suicidal thoughts and self-harm since the last session and go over the safety plan.";
export const RISK_REVIEW_SOURCES: SourceTag[] = ["S25l", "S25m"];
export const RISK_REVIEW_SYNTHESIS_NOTE =
  "Asked at every session after a risk flag, and needed before signing: a local synthesis of the sources, not a published standard.";

/**
 * Whether this session carries the risk review: it comes after a session at which a risk flag was
 * raised (open or resolved — the risk history stays).
 */
export function riskReviewRequired(
  session: SessionPosition,
  flagSessions: readonly SessionPosition[],
): boolean {
  return flagSessions.some((flagSession) => comesAfter(session, flagSession));
}

export interface RiskReviewState {
  required: boolean;
  done: boolean;
  note: string;
}

/** True when the record may not be signed for want of the risk review (ticked, or answered in a note). */
export function riskReviewMissing(state: RiskReviewState): boolean {
  return state.required && !state.done && state.note.trim() === "";
}

export const RISK_REVIEW_NEEDED =
  "Tick the risk review or write what was found: a risk flag was raised earlier in this course.";

export const riskReview = z.object({
  /** A risk flag was raised at an earlier session of the course. */
  required: z.boolean(),
  done: z.boolean(),
  note: z.string(),
  text: z.string(),
  sources: z.array(sourceTag),
  synthesisNote: z.string(),
});
export type RiskReview = z.infer<typeof riskReview>;

export function riskReviewOf(state: RiskReviewState): RiskReview {
  return {
    ...state,
    text: RISK_REVIEW_TEXT,
    sources: [...RISK_REVIEW_SOURCES],
    synthesisNote: RISK_REVIEW_SYNTHESIS_NOTE,
  };
}
