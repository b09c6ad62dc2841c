// The outcome of a course on its measures: the change on each instrument, the published outcome definitions
// it meets, and one status. The definitions are fixed constants, not settings: changing them would make their
// published names untrue (docs/clinical-reference.md §8). The NHS Talking Therapies rules are service-level
// first-and-last definitions; applying them to the latest score mid-course is a reasonable extension, not an
// NHS TT rule.
import type { SourceTag } from "../ipt/sources";
import { instrumentDefinitions, type MeasureNote } from "./instruments";
import type { CourseOutcomeResult, MeasureChange, OutcomeIndicator, SeriesPoint } from "./results";
import type { Instrument, OutcomeIndicatorCode, OutcomeStatus } from "./vocabulary";

/** Current scores of a course, each list ordered by sessionNumber ascending, one per session. */
export interface ScoreSeries {
  phq9: SeriesPoint[];
  gad7: SeriesPoint[];
  hamd17: SeriesPoint[];
}

export interface OutcomeDefinition {
  value: number;
  text: string;
  sources: SourceTag[];
}

export const OUTCOME_DEFINITIONS = {
  phq9Caseness: {
    value: 10,
    text: "NHS Talking Therapies caseness: PHQ-9 of 10 or more.",
    sources: ["NHS-TT"],
  },
  gad7Caseness: {
    value: 8,
    text: "NHS Talking Therapies caseness: GAD-7 of 8 or more (not the screening cut-off of 10).",
    sources: ["NHS-TT"],
  },
  phq9ReliableChange: {
    value: 6,
    text: "Reliable change on the PHQ-9: 6 points or more, either way (NHS Talking Therapies).",
    sources: ["NHS-TT"],
  },
  gad7ReliableChange: {
    value: 4,
    text: "Reliable change on the GAD-7: 4 points or more, either way (NHS Talking Therapies).",
    sources: ["NHS-TT"],
  },
  responsePercent: {
    value: 50,
    text: "Response: PHQ-9 at least 50% lower than at baseline.",
    sources: ["HEDIS", "ICSI", "S25k"],
  },
  partialResponsePercent: {
    value: 25,
    text: "Partial response: PHQ-9 25% to under 50% lower than at baseline; under 25% is no response.",
    sources: ["ICSI"],
  },
  phq9RemissionBelow: {
    value: 5,
    text: "Remission: latest PHQ-9 below 5.",
    sources: ["HEDIS", "ICSI", "Kroenke-2001"],
  },
  hamd17RemissionAtMost: {
    value: 7,
    text: "HAM-D-17 remission: 7 or less.",
    sources: ["S25i"],
  },
  percentRulesMinBaselinePhq9: {
    value: 10,
    text: "Response, partial response and remission apply only when baseline PHQ-9 is 10 or more.",
    sources: ["MBC-default", "HEDIS"],
  },
} as const satisfies Record<string, OutcomeDefinition>;

/** Where the status words come from, for a legend beside the outcome. */
export const OUTCOME_CONCEPTS_NOTE: MeasureNote = {
  text:
    "Response, remission, recovery, relapse and recurrence are the consensus concepts of Frank et al. (1991). " +
    "Remission is the virtual absence of symptoms; relapse is a return before recovery, recurrence a new episode " +
    "after recovery.",
  sources: ["S25j"],
};

const D = OUTCOME_DEFINITIONS;

/** Reduction from baseline as a percentage, to one decimal; null when baseline is 0. */
export function reductionPercentOf(baseline: number, latest: number): number | null {
  if (baseline === 0) return null;
  return Math.round(((baseline - latest) / baseline) * 1000) / 10 + 0;
}

/**
 * True when latest is at least `percent`% below baseline, compared exactly (not after rounding), so
 * 49.96% is not a 50% response. Baseline must be above 0.
 */
export const reducedByAtLeast = (baseline: number, latest: number, percent: number): boolean =>
  (baseline - latest) * 100 >= percent * baseline;

/** Baseline (first) and latest score of one instrument; null when it has no scores. */
export function measureChangeOf(
  instrument: Instrument,
  points: readonly SeriesPoint[],
): MeasureChange | null {
  const baseline = points[0];
  const latest = points[points.length - 1];
  if (baseline === undefined || latest === undefined) return null;
  return {
    instrument,
    baseline,
    latest,
    change: latest.total - baseline.total,
    reductionPercent: reductionPercentOf(baseline.total, latest.total),
    count: points.length,
  };
}

/** A change with a score after the baseline. */
const followed = (change: MeasureChange | null): change is MeasureChange =>
  change !== null && change.count >= 2;

const reliablyImproved = (change: MeasureChange, points: number) => -change.change >= points;
const reliablyDeteriorated = (change: MeasureChange, points: number) => change.change >= points;

/** "PHQ-9 20 → 10 (session 1 → session 6)" */
function describe(change: MeasureChange): string {
  const name = instrumentDefinitions[change.instrument].name;
  return (
    `${name} ${change.baseline.total} → ${change.latest.total} ` +
    `(session ${change.baseline.sessionNumber} → session ${change.latest.sessionNumber})`
  );
}

/** "down 50%", "up 20%", "unchanged" */
function movement(change: MeasureChange): string {
  if (change.change === 0) return "unchanged";
  if (change.reductionPercent === null) return `up ${change.change} points`;
  return change.change < 0 ? `down ${change.reductionPercent}%` : `up ${-change.reductionPercent}%`;
}

/** "down 8 points", "up 3 points", "unchanged" */
function pointMovement(change: MeasureChange): string {
  if (change.change === 0) return "unchanged";
  const points = Math.abs(change.change);
  return `${change.change < 0 ? "down" : "up"} ${points} point${points === 1 ? "" : "s"}`;
}

const NEEDS_PAIRED = "Needs PHQ-9 and GAD-7 at the start and at the latest score";
const PERCENT_RULES_SKIPPED = `Baseline PHQ-9 below ${D.percentRulesMinBaselinePhq9.value}: the percentage rules do not apply`;
const COMBINATION_CAVEAT =
  "Combination rule as CORC words it; the NHS Talking Therapies Manual's own sentence is unconfirmed.";

/** Plain-English label of each status. */
export const outcomeStatusLabels: Readonly<Record<OutcomeStatus, string>> = {
  no_scores: "No scores yet",
  baseline_only: "Baseline only",
  reliable_deterioration: "Reliable deterioration",
  remission: "Remission",
  response: "Response",
  partial_response: "Partial response",
  non_response: "No response yet",
  reliable_improvement: "Reliable improvement",
  no_reliable_change: "No reliable change",
};

/**
 * PHQ-9 and GAD-7 paired at the start and at the latest score: both instruments' first scores are from the
 * same session, both latest scores are from the same later session (NHS TT uses paired first and last
 * scores, docs/clinical-reference.md §8). Null when they are not paired that way.
 */
function pairedChanges(
  phq9: MeasureChange | null,
  gad7: MeasureChange | null,
): { phq9: MeasureChange; gad7: MeasureChange } | null {
  if (!followed(phq9) || !followed(gad7)) return null;
  if (phq9.baseline.sessionNumber !== gad7.baseline.sessionNumber) return null;
  if (phq9.latest.sessionNumber !== gad7.latest.sessionNumber) return null;
  return { phq9, gad7 };
}

/** One indicator's result: met, not met, or null (not applicable) with why. */
interface Check {
  met: boolean | null;
  detail: string;
}

function indicatorsOf(
  phq9: MeasureChange | null,
  gad7: MeasureChange | null,
  hamd17: MeasureChange | null,
  percentRulesApply: boolean,
): OutcomeIndicator[] {
  const out: OutcomeIndicator[] = [];
  const add = (code: OutcomeIndicatorCode, label: string, sources: readonly SourceTag[], check: Check) =>
    out.push({ code, label, met: check.met, detail: check.detail, sources: [...sources] });

  // Caseness at start, on each instrument's first score.
  const casenessAtStart = (
    change: MeasureChange | null,
    definition: OutcomeDefinition,
    name: string,
  ): Check =>
    change === null
      ? { met: null, detail: `Needs a baseline ${name}` }
      : {
          met: change.baseline.total >= definition.value,
          detail:
            `Baseline ${name} ${change.baseline.total} (session ${change.baseline.sessionNumber}); ` +
            `caseness is ${definition.value} or more`,
        };
  add(
    "phq9_caseness_at_start",
    `PHQ-9 caseness at start (NHS Talking Therapies, ≥ ${D.phq9Caseness.value})`,
    D.phq9Caseness.sources,
    casenessAtStart(phq9, D.phq9Caseness, "PHQ-9"),
  );
  add(
    "gad7_caseness_at_start",
    `GAD-7 caseness at start (NHS Talking Therapies, ≥ ${D.gad7Caseness.value}; not the screening cut-off of 10)`,
    D.gad7Caseness.sources,
    casenessAtStart(gad7, D.gad7Caseness, "GAD-7"),
  );

  // Percentage rules on PHQ-9: response, partial response, remission.
  const percentRule = (
    test: (change: MeasureChange) => boolean,
    what: (change: MeasureChange) => string,
  ): Check => {
    if (phq9 === null) return { met: null, detail: "Needs a baseline PHQ-9 and a later PHQ-9" };
    if (!percentRulesApply) return { met: null, detail: PERCENT_RULES_SKIPPED };
    if (!followed(phq9)) return { met: null, detail: "Needs a PHQ-9 after the baseline" };
    return { met: test(phq9), detail: what(phq9) };
  };
  const percentDetail = (change: MeasureChange) => `${describe(change)}: ${movement(change)}`;
  add(
    "response",
    `Response: PHQ-9 down ${D.responsePercent.value}% or more from baseline (HEDIS, ICSI)`,
    D.responsePercent.sources,
    percentRule(
      (c) => reducedByAtLeast(c.baseline.total, c.latest.total, D.responsePercent.value),
      percentDetail,
    ),
  );
  add(
    "partial_response",
    `Partial response: PHQ-9 down ${D.partialResponsePercent.value}% to under ${D.responsePercent.value}% from baseline (ICSI)`,
    D.partialResponsePercent.sources,
    percentRule(
      (c) =>
        reducedByAtLeast(c.baseline.total, c.latest.total, D.partialResponsePercent.value) &&
        !reducedByAtLeast(c.baseline.total, c.latest.total, D.responsePercent.value),
      percentDetail,
    ),
  );
  add(
    "remission",
    `Remission: latest PHQ-9 below ${D.phq9RemissionBelow.value} (HEDIS, ICSI; Kroenke 2001)`,
    D.phq9RemissionBelow.sources,
    percentRule(
      (c) => c.latest.total < D.phq9RemissionBelow.value,
      (c) => `Latest PHQ-9 ${c.latest.total} (session ${c.latest.sessionNumber})`,
    ),
  );

  // Reliable change on each instrument: improvement (down) on PHQ-9 and GAD-7, then deterioration (up).
  const addReliable = (
    code: OutcomeIndicatorCode,
    change: MeasureChange | null,
    name: string,
    definition: OutcomeDefinition,
    direction: "down" | "up",
  ) => {
    const test = direction === "down" ? reliablyImproved : reliablyDeteriorated;
    add(
      code,
      `${name} reliable ${direction === "down" ? "improvement" : "deterioration"} ` +
        `(NHS Talking Therapies: ${direction} ${definition.value} points or more)`,
      definition.sources,
      followed(change)
        ? { met: test(change, definition.value), detail: `${describe(change)}: ${pointMovement(change)}` }
        : { met: null, detail: `Needs a ${name} after the baseline` },
    );
  };
  addReliable("phq9_reliable_improvement", phq9, "PHQ-9", D.phq9ReliableChange, "down");
  addReliable("gad7_reliable_improvement", gad7, "GAD-7", D.gad7ReliableChange, "down");
  addReliable("phq9_reliable_deterioration", phq9, "PHQ-9", D.phq9ReliableChange, "up");
  addReliable("gad7_reliable_deterioration", gad7, "GAD-7", D.gad7ReliableChange, "up");

  // NHS Talking Therapies combined indicators, on paired PHQ-9 and GAD-7.
  const paired = pairedChanges(phq9, gad7);
  let improvement: Check = { met: null, detail: NEEDS_PAIRED };
  let recovery: Check = { met: null, detail: NEEDS_PAIRED };
  let reliableRecovery: Check = { met: null, detail: NEEDS_PAIRED };
  if (paired !== null) {
    const p = paired.phq9;
    const g = paired.gad7;
    const pair = `PHQ-9 ${p.baseline.total} → ${p.latest.total}, GAD-7 ${g.baseline.total} → ${g.latest.total} (session ${p.baseline.sessionNumber} → session ${p.latest.sessionNumber})`;
    const improvedOn = [
      reliablyImproved(p, D.phq9ReliableChange.value) ? "PHQ-9" : null,
      reliablyImproved(g, D.gad7ReliableChange.value) ? "GAD-7" : null,
    ].filter((name): name is string => name !== null);
    const worseOn = [
      reliablyDeteriorated(p, D.phq9ReliableChange.value) ? "PHQ-9" : null,
      reliablyDeteriorated(g, D.gad7ReliableChange.value) ? "GAD-7" : null,
    ].filter((name): name is string => name !== null);
    const improved = improvedOn.length > 0 && worseOn.length === 0;
    const why =
      worseOn.length > 0
        ? `reliable deterioration on ${worseOn.join(" and ")}`
        : improvedOn.length > 0
          ? `reliable improvement on ${improvedOn.join(" and ")}, neither reliably deteriorated`
          : "no reliable improvement on either measure";
    improvement = { met: improved, detail: `${pair}: ${why}. ${COMBINATION_CAVEAT}` };

    const caseAtStart = p.baseline.total >= D.phq9Caseness.value || g.baseline.total >= D.gad7Caseness.value;
    if (!caseAtStart) {
      const notCase =
        `Not a case at the start on PHQ-9 (≥ ${D.phq9Caseness.value}) or GAD-7 (≥ ${D.gad7Caseness.value}): ` +
        "recovery does not apply";
      recovery = { met: null, detail: notCase };
      reliableRecovery = { met: null, detail: notCase };
    } else {
      const recovered = p.latest.total < D.phq9Caseness.value && g.latest.total < D.gad7Caseness.value;
      recovery = {
        met: recovered,
        detail: `${pair}: ${recovered ? "both below caseness at the latest score" : "not both below caseness at the latest score"}`,
      };
      reliableRecovery = {
        met: recovered && improved,
        detail:
          `${pair}: ${recovered ? "recovered" : "not recovered"}, ` +
          `${improved ? "with" : "without"} reliable improvement. ${COMBINATION_CAVEAT}`,
      };
    }
  }
  const ttSources: SourceTag[] = ["NHS-TT"];
  add(
    "nhs_tt_reliable_improvement",
    "Reliable improvement (NHS Talking Therapies: reliable improvement on PHQ-9 or GAD-7, and neither reliably deteriorated)",
    ttSources,
    improvement,
  );
  add(
    "nhs_tt_recovery",
    `Recovery (NHS Talking Therapies: a case at the start on PHQ-9 ≥ ${D.phq9Caseness.value} or GAD-7 ≥ ${D.gad7Caseness.value}, and both below caseness at the latest score)`,
    ttSources,
    recovery,
  );
  add(
    "nhs_tt_reliable_recovery",
    "Reliable recovery (NHS Talking Therapies: recovery and reliable improvement)",
    ttSources,
    reliableRecovery,
  );

  // HAM-D-17 remission, only when the HAM-D-17 is used in the course.
  if (hamd17 !== null) {
    add(
      "hamd17_remission",
      `HAM-D-17 remission (≤ ${D.hamd17RemissionAtMost.value})`,
      D.hamd17RemissionAtMost.sources,
      followed(hamd17)
        ? {
            met: hamd17.latest.total <= D.hamd17RemissionAtMost.value,
            detail: `Latest HAM-D-17 ${hamd17.latest.total} (session ${hamd17.latest.sessionNumber})`,
          }
        : { met: null, detail: "Needs a HAM-D-17 after the baseline" },
    );
  }
  return out;
}

/** HAM-D-17 response: 50% or more lower than baseline — a convention, unconfirmed for HAM-D (IPT.md §4b). */
const HAMD17_RESPONSE_PERCENT = 50;

/** Labels of the statuses a course scored only with HAM-D-17 can have. */
export const hamd17StatusLabels: Readonly<Partial<Record<OutcomeStatus, string>>> = {
  baseline_only: "HAM-D-17 baseline only",
  remission: `HAM-D-17 remission (${D.hamd17RemissionAtMost.value} or less)`,
  response: "HAM-D-17 response (50% or more lower; a convention, unconfirmed for HAM-D)",
  non_response: "HAM-D-17 less than 50% lower (no response yet)",
};

/**
 * The status of a course scored with HAM-D-17 and no PHQ-9 (a clinician-rated course): remission at 7
 * or less [S25i]; response at 50% or more lower, by convention; otherwise no response yet.
 */
function hamd17StatusOf(hamd17: MeasureChange): OutcomeStatus {
  if (!followed(hamd17)) return "baseline_only";
  if (hamd17.latest.total <= D.hamd17RemissionAtMost.value) return "remission";
  if (
    hamd17.baseline.total > 0 &&
    reducedByAtLeast(hamd17.baseline.total, hamd17.latest.total, HAMD17_RESPONSE_PERCENT)
  ) {
    return "response";
  }
  return "non_response";
}

function statusOf(
  phq9: MeasureChange | null,
  gad7: MeasureChange | null,
  hamd17: MeasureChange | null,
  percentRulesApply: boolean,
): OutcomeStatus {
  if (phq9 === null) return hamd17 === null ? "no_scores" : hamd17StatusOf(hamd17);
  if (!followed(phq9)) return "baseline_only";
  if (
    reliablyDeteriorated(phq9, D.phq9ReliableChange.value) ||
    (followed(gad7) && reliablyDeteriorated(gad7, D.gad7ReliableChange.value))
  ) {
    return "reliable_deterioration";
  }
  const { total: base } = phq9.baseline;
  const { total: latest } = phq9.latest;
  if (percentRulesApply) {
    if (latest < D.phq9RemissionBelow.value) return "remission";
    if (reducedByAtLeast(base, latest, D.responsePercent.value)) return "response";
    if (reducedByAtLeast(base, latest, D.partialResponsePercent.value)) return "partial_response";
    return "non_response";
  }
  return reliablyImproved(phq9, D.phq9ReliableChange.value) ? "reliable_improvement" : "no_reliable_change";
}

/**
 * Where a course stands on its measures. The status uses PHQ-9 (and GAD-7 for reliable deterioration);
 * a course scored only with HAM-D-17 takes its status from HAM-D-17 (hamd17StatusOf). For PHQ-9,
 * most serious first: no scores, baseline only, reliable deterioration, then — when baseline PHQ-9 ≥ 10 —
 * remission, response, partial response or no response; otherwise reliable improvement or no reliable change.
 */
export function courseOutcomeOf(series: ScoreSeries): CourseOutcomeResult {
  const phq9 = measureChangeOf("phq9", series.phq9);
  const gad7 = measureChangeOf("gad7", series.gad7);
  const hamd17 = measureChangeOf("hamd17", series.hamd17);
  const percentRulesApply = phq9 !== null && phq9.baseline.total >= D.percentRulesMinBaselinePhq9.value;
  const status = statusOf(phq9, gad7, hamd17, percentRulesApply);
  const hamd17Only = phq9 === null && hamd17 !== null;
  return {
    status,
    statusLabel: (hamd17Only ? hamd17StatusLabels[status] : undefined) ?? outcomeStatusLabels[status],
    percentRulesApply,
    phq9,
    gad7,
    hamd17,
    indicators: indicatorsOf(phq9, gad7, hamd17, percentRulesApply),
  };
}
