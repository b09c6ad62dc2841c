// Wire shapes of what the measurement rules compute for a course: the change on each instrument,
// the outcome with each published definition it meets, and the measurement schedule. The API
// computes them (authoritatively) with the functions in outcomes.ts and schedule.ts.
import { z } from "zod";
import { dueReason, dueState, instrument, outcomeIndicatorCode, outcomeStatus } from "./vocabulary";

const sources = z.array(z.string().max(20)).max(10);

/** A score's place in the course: the session it was given at. */
export const seriesPoint = z.object({ sessionNumber: z.int(), total: z.int() });
export type SeriesPoint = z.infer<typeof seriesPoint>;

/** First (baseline) and latest score of one instrument, and the change between them. */
export const measureChange = z.object({
  instrument,
  baseline: seriesPoint,
  latest: seriesPoint,
  /** latest − baseline: negative is improvement. */
  change: z.int(),
  /** Reduction from baseline as a percentage (positive = better); null when baseline is 0. */
  reductionPercent: z.number().nullable(),
  /** Number of scores of this instrument in the course. */
  count: z.int(),
});
export type MeasureChange = z.infer<typeof measureChange>;

/** One published outcome definition: met, not met, or not applicable (met: null, with the reason). */
export const outcomeIndicator = z.object({
  code: outcomeIndicatorCode,
  label: z.string(),
  met: z.boolean().nullable(),
  detail: z.string(),
  sources,
});
export type OutcomeIndicator = z.infer<typeof outcomeIndicator>;

export const courseOutcomeResult = z.object({
  status: outcomeStatus,
  statusLabel: z.string(),
  /** Baseline PHQ-9 is high enough for the percentage rules (response, partial response, remission). */
  percentRulesApply: z.boolean(),
  phq9: measureChange.nullable(),
  gad7: measureChange.nullable(),
  hamd17: measureChange.nullable(),
  indicators: z.array(outcomeIndicator),
});
export type CourseOutcomeResult = z.infer<typeof courseOutcomeResult>;

/** One measurement point of the schedule and whether PHQ-9 and GAD-7 were recorded there. */
export const duePoint = z.object({
  sessionNumber: z.int(),
  reasons: z.array(dueReason),
  phq9: dueState,
  gad7: dueState,
});
export type DuePoint = z.infer<typeof duePoint>;

/** A severity band by key and label (instruments.ts defines them). */
export const bandRef = z.object({ key: z.string(), label: z.string() });
export type BandRef = z.infer<typeof bandRef>;

/** The short form shown on the caseload, the course page and the supervisor's lists. */
export const latestScore = z.object({ total: z.int(), sessionNumber: z.int(), band: bandRef });
export const measureSummary = z.object({
  latestPhq9: latestScore.nullable(),
  latestGad7: latestScore.nullable(),
  /** Latest − baseline PHQ-9 (negative is better); null with fewer than two scores. */
  phq9Change: z.int().nullable(),
  phq9ReductionPercent: z.number().nullable(),
  status: outcomeStatus,
  statusLabel: z.string(),
  openRiskFlags: z.int(),
});
export type MeasureSummary = z.infer<typeof measureSummary>;
