// Plain words for the measures vocabulary. Clinical texts (items, bands, outcome definitions,
// cautions, suggestions) come from @ipt/shared; these only name choices and states.
import {
  instrumentDefinitions,
  type DueReason,
  type DueState,
  type MeasureScore,
  type RecordMeasureResponse,
  type RiskLevel,
  type SafetyPlanAction,
} from "@ipt/shared";

export const riskLevelLabels: Record<RiskLevel, string> = {
  low: "Low",
  moderate: "Moderate",
  high: "High",
};

export const safetyPlanLabels: Record<SafetyPlanAction, string> = {
  reviewed: "Reviewed the existing safety plan",
  made: "Made a safety plan",
};

export const dueStateLabels: Record<DueState, string> = {
  recorded: "Recorded",
  overdue: "Overdue",
  missed: "Missed",
  upcoming: "Upcoming",
};

export function dueReasonLabel(reason: DueReason, everySessions: number): string {
  return {
    baseline: "Baseline",
    interval: `Every ${everySessions} sessions`,
    every_session: "Every session",
    early_review: "Early review",
    mid_course: "Mid-course review",
    final: "Final session",
  }[reason];
}

/** "PHQ-9", "HAM-D-17" */
export const instrumentName = (score: Pick<MeasureScore, "instrument">) =>
  instrumentDefinitions[score.instrument].name;

/** "Session 4", or a plain note when the score's session has no number (cancelled since). */
export const sessionLabel = (sessionNumber: number | null) =>
  sessionNumber === null ? "Session not numbered" : `Session ${sessionNumber}`;

const riskFlagRaised = (result: RecordMeasureResponse) =>
  result.riskFlag ? " PHQ-9 item 9 was answered above 0: a risk flag has been raised." : "";

/** What the page announces once a score is recorded: "PHQ-9 saved: total 16, Moderately severe." */
export const scoreSavedMessage = (result: RecordMeasureResponse) =>
  `${instrumentName(result.score)} saved: total ${result.score.total}, ${result.score.band.label}.` +
  riskFlagRaised(result);

/** The same once a correction is saved. */
export const correctionSavedMessage = (result: RecordMeasureResponse) =>
  `Correction saved: ${instrumentName(result.score)} total ${result.score.total}, ${result.score.band.label}.` +
  riskFlagRaised(result);

/** The answer to PHQ-9 item 9 in words: "1 Several days". */
export function item9AnswerLabel(value: number): string {
  const option = instrumentDefinitions.phq9.answerOptions.find((candidate) => candidate.value === value);
  return option ? `${option.value} ${option.label}` : String(value);
}

/** Who gave a score: "Completed by the client" (with when they sent it) or the clinician who entered it. */
export function scoreSource(score: Pick<MeasureScore, "completedByClientAt" | "enteredBy">): {
  who: string;
  at: string | null;
} {
  return score.completedByClientAt
    ? { who: "Completed by the client", at: score.completedByClientAt }
    : { who: `Entered by ${score.enteredBy.name}`, at: null };
}
