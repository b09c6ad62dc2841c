// Measurement alerts on a course, with the organisation's thresholds (settings.ts). The rules are the default
// rules of docs/clinical-reference.md §9 — a synthesis, not a published standard — plus the item 9 risk flag
// and the measurement schedule. Alerts prompt a review; none of them changes the treatment.
import type { Flag } from "../ipt/rules";
import type { SourceTag } from "../ipt/sources";
import { instrumentDefinitions, type MeasureNote } from "./instruments";
import { measureChangeOf, reducedByAtLeast, reductionPercentOf } from "./outcomes";
import type { SeriesPoint } from "./results";
import { measurementSchedule, midCourseSession, type ScheduleInput } from "./schedule";
import type { DueReason, ItemInstrument } from "./vocabulary";

export interface OpenRiskFlag {
  /** Session of the PHQ-9 whose item 9 was above 0; null when the form is not linked to a session. */
  sessionNumber: number | null;
  /** The item 9 answer, 1–3. */
  itemValue: number;
}

export interface MeasureFlagInput extends ScheduleInput {
  /** PHQ-9 item 9 answers above 0 whose safety follow-up has not been recorded. */
  openRiskFlags: readonly OpenRiskFlag[];
}

type MeasureFlag = Flag & { sources: SourceTag[] };

/** "5", "4 and 5", "3, 4 and 5" */
function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "fallen 10%", "risen 5%", "not fallen at all" (baseline above 0). */
function percentMove(baseline: number, latest: number): string {
  const reduction = reductionPercentOf(baseline, latest) ?? 0;
  if (latest === baseline) return "not fallen at all";
  return latest < baseline ? `fallen ${reduction}%` : `risen ${-reduction}%`;
}

function riskFlag(open: readonly OpenRiskFlag[]): MeasureFlag | null {
  if (open.length === 0) return null;
  const labels = instrumentDefinitions.phq9.answerOptions;
  const where = open.map((risk) => {
    const answer = labels.find((option) => option.value === risk.itemValue)?.label ?? `${risk.itemValue}`;
    const session =
      risk.sessionNumber === null ? "a form not linked to a session" : `session ${risk.sessionNumber}`;
    return `at ${session} ("${answer}")`;
  });
  return {
    code: "risk_item9",
    severity: "red",
    message:
      `PHQ-9 item 9 (thoughts of being better off dead or of self-harm) was answered above 0 ${listOf(where)}. ` +
      `${open.length === 1 ? "It needs" : "Each needs"} a safety follow-up before its session is signed, ` +
      `and stays open until a clinician resolves it with a reason.`,
    sources: ["S25l", "S25m"],
  };
}

function deteriorationFlag(input: MeasureFlagInput): MeasureFlag | null {
  const { settings } = input;
  const checks: [ItemInstrument, readonly SeriesPoint[], number][] = [
    ["phq9", input.series.phq9, settings.deteriorationPhq9Points],
    ["gad7", input.series.gad7, settings.deteriorationGad7Points],
  ];
  const sentences = checks.flatMap(([instrument, points, threshold]) => {
    const change = measureChangeOf(instrument, points);
    if (change === null || change.count < 2 || change.change < threshold) return [];
    const { baseline, latest } = change;
    return [
      `${instrumentDefinitions[instrument].name} has risen ${plural(change.change, "point")} from baseline ` +
        `(${baseline.total} → ${latest.total}) at session ${latest.sessionNumber}: reliable deterioration.`,
    ];
  });
  if (sentences.length === 0) return null;
  return {
    code: "reliable_deterioration",
    severity: "red",
    message: sentences.join(" "),
    sources: ["NHS-TT", "MBC-default"],
  };
}

/** PHQ-9 baseline when the percentage rules apply with these settings, else null. */
function percentBaseline(input: MeasureFlagInput): SeriesPoint | null {
  const baseline = input.series.phq9[0];
  if (baseline === undefined || baseline.total === 0) return null;
  return baseline.total >= input.settings.percentRulesMinBaselinePhq9 ? baseline : null;
}

/** Session 9: about week 9 of a weekly course, where Schueller 2015's secondary cut (PHQ-9 ≥ 13) sits. */
export const WEEK9_SESSION = 9;

/**
 * The optional week-9 marker [Schueller-2015]: the latest PHQ-9, from session 9, at or above the
 * setting (0 = off). A CBT finding applied to IPT: a synthesis, not a published standard.
 */
function week9Marker(input: MeasureFlagInput): MeasureFlag | null {
  const threshold = input.settings.week9HighPhq9;
  const latest = input.series.phq9.at(-1);
  if (threshold === 0 || latest === undefined || latest.sessionNumber < WEEK9_SESSION) return null;
  if (latest.total < threshold) return null;
  return {
    code: "not_on_track",
    severity: "amber",
    message:
      `Not on track (secondary marker): PHQ-9 is ${latest.total} at session ${latest.sessionNumber}, at or above ` +
      `${threshold} from session ${WEEK9_SESSION} (about week 9 of a weekly course), a cut that predicted ` +
      "non-response in a CBT study. Review the formulation and problem area in supervision.",
    sources: ["MBC-default", "Schueller-2015"],
  };
}

function notOnTrackFlag(input: MeasureFlagInput): MeasureFlag | null {
  return percentNotOnTrack(input) ?? week9Marker(input);
}

function percentNotOnTrack(input: MeasureFlagInput): MeasureFlag | null {
  const baseline = percentBaseline(input);
  if (baseline === null) return null;
  const mid = midCourseSession(input.plannedSessions);
  const minimum = input.settings.midCourseMinReductionPercent;
  const fromMid = input.series.phq9.slice(1).filter((point) => point.sessionNumber >= mid);
  const lastTwo = fromMid.slice(-2);
  if (lastTwo.length < 2 || lastTwo.some((point) => reducedByAtLeast(baseline.total, point.total, minimum))) {
    return null;
  }
  const scores = lastTwo.map(
    (point) =>
      `${baseline.total} → ${point.total} at session ${point.sessionNumber} (${percentMove(baseline.total, point.total)})`,
  );
  return {
    code: "not_on_track",
    severity: "amber",
    message:
      `Not on track: PHQ-9 has fallen less than ${minimum}% from baseline on two consecutive scores since the ` +
      `mid-course review (session ${mid}): ${listOf(scores)}. Confirmed on two consecutive scores.`,
    sources: ["MBC-default", "ICSI", "Saunders-2019"],
  };
}

function earlyNonResponseFlag(input: MeasureFlagInput): MeasureFlag | null {
  return earlyPercentFlag(input) ?? earlyHighScoreFlag(input);
}

/**
 * The early review's absolute marker (IPT.md §11.3.4 item 4): the latest PHQ-9, from the early review
 * until mid-course, at or above the setting (default 17, Schueller 2015's week-4 cut; 0 = off). It does
 * not need a baseline of 10 or more. A CBT finding applied to IPT: a synthesis, not a published standard.
 */
function earlyHighScoreFlag(input: MeasureFlagInput): MeasureFlag | null {
  const { earlyReviewSession, earlyReviewHighPhq9: threshold } = input.settings;
  const mid = midCourseSession(input.plannedSessions);
  const latest = input.series.phq9.at(-1);
  if (threshold === 0 || latest === undefined) return null;
  if (latest.sessionNumber < earlyReviewSession || latest.sessionNumber >= mid) return null;
  if (latest.total < threshold) return null;
  return {
    code: "early_non_response",
    severity: "amber",
    message:
      `Early non-response: PHQ-9 is ${latest.total} at session ${latest.sessionNumber}, at or above ${threshold} ` +
      `from the early review (session ${earlyReviewSession}), a week-4 cut that predicted non-response in a CBT ` +
      "study. Review adherence and missed sessions, life events, other conditions and the fit of the problem " +
      "area; this prompts a review, not a change of treatment.",
    sources: ["MBC-default", "Schueller-2015", "NICE-NG222"],
  };
}

function earlyPercentFlag(input: MeasureFlagInput): MeasureFlag | null {
  const baseline = percentBaseline(input);
  if (baseline === null) return null;
  const { earlyReviewSession, earlyReviewMinReductionPercent: minimum } = input.settings;
  const mid = midCourseSession(input.plannedSessions);
  const latest = input.series.phq9.at(-1);
  if (
    latest === undefined ||
    input.series.phq9.length < 2 ||
    latest.sessionNumber === baseline.sessionNumber
  ) {
    return null;
  }
  if (latest.sessionNumber < earlyReviewSession || latest.sessionNumber >= mid) return null;
  if (reducedByAtLeast(baseline.total, latest.total, minimum)) return null;
  return {
    code: "early_non_response",
    severity: "amber",
    message:
      `Early non-response: PHQ-9 has ${percentMove(baseline.total, latest.total)} from baseline ` +
      `(${baseline.total} → ${latest.total}) at session ${latest.sessionNumber}, short of the ${minimum}% fall ` +
      `looked for from the early review (session ${earlyReviewSession}). Review adherence and missed sessions, ` +
      "life events, other conditions and the fit of the problem area; this prompts a review, not a change of treatment.",
    sources: ["MBC-default", "NICE-NG222"],
  };
}

const reasonWords = (reason: DueReason, every: number): string =>
  ({
    baseline: "baseline",
    interval: `every ${every} sessions`,
    every_session: "every session",
    early_review: "early review",
    mid_course: "mid-course review",
    final: "final session",
  })[reason];

function overdueFlag(input: MeasureFlagInput): MeasureFlag | null {
  const overdue = measurementSchedule(input).filter(
    (point) => point.phq9 === "overdue" || point.gad7 === "overdue",
  );
  if (overdue.length === 0) return null;
  const sentences = overdue.map((point) => {
    const names = [
      point.phq9 === "overdue" ? "PHQ-9" : null,
      point.gad7 === "overdue" ? "GAD-7" : null,
    ].filter((name): name is string => name !== null);
    const why = point.reasons.map((reason) => reasonWords(reason, input.settings.measureEverySessions));
    return (
      `${listOf(names)} ${names.length === 1 ? "was" : "were"} due at session ${point.sessionNumber} ` +
      `(${why.join(", ")}) and ${names.length === 1 ? "has" : "have"} not been recorded.`
    );
  });
  // Only the latest point reached can be overdue (earlier ones are missed), so this names one session.
  const [first] = overdue;
  const missing = first
    ? [first.phq9 === "overdue" ? "PHQ-9" : null, first.gad7 === "overdue" ? "GAD-7" : null].filter(
        (name): name is string => name !== null,
      )
    : [];
  return {
    code: "measures_overdue",
    severity: "amber",
    message: sentences.join(" "),
    summary: `${listOf(missing)} not recorded at session ${first?.sessionNumber ?? ""}`,
    sources: ["S12b", "MBC-default"],
  };
}

function noShowFlag(input: MeasureFlagInput): MeasureFlag | null {
  const attendance = input.sessions
    .filter(
      (session) => session.number !== null && (session.status === "held" || session.status === "no_show"),
    )
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  const lastHeld = attendance.findLastIndex((session) => session.status === "held");
  const streak = attendance.slice(lastHeld + 1);
  if (streak.length < input.settings.noShowsInARow) return null;
  return {
    code: "no_shows_in_a_row",
    severity: "amber",
    message:
      `${streak.length} no-shows in a row (sessions ${listOf(streak.map((session) => `${session.number}`))}). ` +
      "Discuss missed sessions and adherence with the client.",
    sources: ["NICE-NG222"],
  };
}

/**
 * The measurement flags of a course, in a fixed order: item 9 risk, reliable deterioration, not on
 * track, early non-response, measures overdue, no-shows in a row. Each is evaluated on the latest
 * scores, so it clears once a later score no longer meets it.
 */
export function measureFlags(input: MeasureFlagInput): Flag[] {
  // The early review and the on-track markers judge an acute course's response; a maintenance course
  // keeps the gains already made, so it is watched for deterioration only (project choice).
  const acute = input.kind !== "maintenance";
  return [
    riskFlag(input.openRiskFlags),
    deteriorationFlag(input),
    acute ? notOnTrackFlag(input) : null,
    acute ? earlyNonResponseFlag(input) : null,
    overdueFlag(input),
    noShowFlag(input),
  ].filter((flag): flag is MeasureFlag => flag !== null);
}

/** What the sources suggest when a course is not on track. */
export const nonResponseSuggestions: MeasureNote[] = [
  {
    text: "Review the focus: revisit the interpersonal formulation and whether the problem area fits.",
    sources: ["S3", "MBC-default"],
  },
  {
    text:
      "If there is no improvement, consider a different therapy or adding medication, and offer an alternative " +
      "effective treatment: it is the treatment that failed, not the patient.",
    sources: ["S3", "S16"],
  },
  {
    text: "Discuss the course in supervision or case review.",
    sources: ["MBC-default", "NICE-NG222"],
  },
  {
    text:
      "Review with the client, as NICE advises when there is no response at all after 4 to 6 weeks of psychological therapy: " +
      "adherence, including missed sessions; personal, social or environmental factors such as life events; and " +
      "physical or other mental health conditions. Then make a shared decision.",
    sources: ["NICE-NG222"],
  },
  {
    text: "If there is still no response after an adequate time, review the diagnosis and consider other conditions.",
    sources: ["NICE-NG222"],
  },
];
