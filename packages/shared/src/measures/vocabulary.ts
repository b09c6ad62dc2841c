// Words of measurement-based care: the instruments, the PHQ-9/GAD-7 difficulty answers, the safety
// follow-up's choices and the outcome statuses. Figures and rules: docs/clinical-reference.md §6–§10.
import { z } from "zod";

/** PHQ-9 and GAD-7 are self-report forms answered item by item; HAM-D-17 is a clinician-entered total. */
export const instruments = ["phq9", "gad7", "hamd17"] as const;
export const instrument = z.enum(instruments);
export type Instrument = z.infer<typeof instrument>;

export const itemInstruments = ["phq9", "gad7"] as const;
export type ItemInstrument = (typeof itemInstruments)[number];

/**
 * The unscored difficulty question of the PHQ-9 and GAD-7 forms (docs/clinical-reference.md §6). Never added
 * to the total.
 */
export const difficultyLevels = ["not_difficult", "somewhat", "very", "extremely"] as const;
export const difficultyLevel = z.enum(difficultyLevels);
export type DifficultyLevel = z.infer<typeof difficultyLevel>;

/** The clinician's judgement of current risk after assessing it (a record of judgement, not a scale score). */
export const riskLevels = ["low", "moderate", "high"] as const;
export const riskLevel = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof riskLevel>;

/**
 * What was done with the client's safety plan at the follow-up (docs/clinical-reference.md §10 [S20f]: start
 * from a safety plan).
 */
export const safetyPlanActions = ["reviewed", "made"] as const;
export const safetyPlanAction = z.enum(safetyPlanActions);
export type SafetyPlanAction = z.infer<typeof safetyPlanAction>;

/**
 * Where a course stands on its measures, most serious first when several apply (see outcomes.ts):
 * response, partial response and remission use PHQ-9 and apply only when baseline PHQ-9 ≥ 10; below
 * that the status comes from reliable change alone (docs/clinical-reference.md §8).
 */
export const outcomeStatuses = [
  "no_scores",
  "baseline_only",
  "reliable_deterioration",
  "remission",
  "response",
  "partial_response",
  "non_response",
  "reliable_improvement",
  "no_reliable_change",
] as const;
export const outcomeStatus = z.enum(outcomeStatuses);
export type OutcomeStatus = z.infer<typeof outcomeStatus>;

/** One published outcome definition, evaluated for a course (outcomes.ts says how each is computed). */
export const outcomeIndicatorCodes = [
  "phq9_caseness_at_start",
  "gad7_caseness_at_start",
  "response",
  "partial_response",
  "remission",
  "phq9_reliable_improvement",
  "gad7_reliable_improvement",
  "phq9_reliable_deterioration",
  "gad7_reliable_deterioration",
  "nhs_tt_reliable_improvement",
  "nhs_tt_recovery",
  "nhs_tt_reliable_recovery",
  "hamd17_remission",
] as const;
export const outcomeIndicatorCode = z.enum(outcomeIndicatorCodes);
export type OutcomeIndicatorCode = z.infer<typeof outcomeIndicatorCode>;

/** Why a session is a measurement point (docs/clinical-reference.md §7, §9). */
export const dueReasons = [
  "baseline",
  "interval",
  "every_session",
  "early_review",
  "mid_course",
  "final",
] as const;
export const dueReason = z.enum(dueReasons);
export type DueReason = z.infer<typeof dueReason>;

/** The state of one instrument at one measurement point. */
export const dueStates = ["recorded", "overdue", "missed", "upcoming"] as const;
export const dueState = z.enum(dueStates);
export type DueState = z.infer<typeof dueState>;

/** Items per self-report form (docs/clinical-reference.md §6). */
export const ITEM_COUNTS: Record<ItemInstrument, number> = { phq9: 9, gad7: 7 };
/**
 * HAM-D-17 totals are accepted from 0 to 52, the commonly cited maximum (sources vary:
 * docs/clinical-reference.md §6).
 */
export const HAMD17_MAX = 52;
