// The trend of a course's PHQ-9 and GAD-7, apart from the chart: one row per session with a
// score, the phases of the plan, the alerts to mark, and the sentence that names the chart.
import {
  type BandRef,
  type CalendarDate,
  type CourseMeasures,
  daysBetween,
  type Flag,
  type SessionPhase,
} from "@ipt/shared";

export interface TrendCell {
  total: number;
  band: BandRef;
  /** When the client sent it through a questionnaire link; null when a clinician entered it. */
  completedByClientAt: string | null;
}

/** One session with a current PHQ-9 or GAD-7 score. */
export interface TrendRow {
  sessionNumber: number;
  /** When the first of its scores was given. */
  date: string;
  phq9: TrendCell | null;
  gad7: TrendCell | null;
}

/** Current PHQ-9 and GAD-7 scores (corrections replace originals), by session number. */
export function trendRows(measures: Pick<CourseMeasures, "scores">): TrendRow[] {
  const rows = new Map<number, TrendRow>();
  for (const score of measures.scores) {
    if (!score.current || score.sessionNumber === null) continue;
    if (score.instrument !== "phq9" && score.instrument !== "gad7") continue;
    const row = rows.get(score.sessionNumber) ?? {
      sessionNumber: score.sessionNumber,
      date: score.administeredOn,
      phq9: null,
      gad7: null,
    };
    row[score.instrument] = {
      total: score.total,
      band: score.band,
      completedByClientAt: score.completedByClientAt,
    };
    rows.set(score.sessionNumber, row);
  }
  return [...rows.values()].sort((a, b) => a.sessionNumber - b.sessionNumber);
}

export interface PhaseRange {
  phase: SessionPhase;
  from: number;
  to: number;
}

/** Consecutive numbered sessions of the same phase, in order. */
export function phaseRanges(sessions: CourseMeasures["sessions"]): PhaseRange[] {
  const numbered = sessions
    .filter((session) => session.number !== null && session.phase !== null)
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  const ranges: PhaseRange[] = [];
  for (const session of numbered) {
    const number = session.number as number;
    const phase = session.phase as SessionPhase;
    const last = ranges.at(-1);
    if (last && last.phase === phase) last.to = number;
    else ranges.push({ phase, from: number, to: number });
  }
  return ranges;
}

/** A mark on the chart where an alert arose. */
export interface TrendAnnotation {
  key: string;
  sessionNumber: number;
  total: number;
  label: string;
  severity: Flag["severity"];
}

/**
 * Where to mark alerts: each risk flag at its session's PHQ-9, and the course's PHQ-9 alerts
 * (reliable deterioration, not on track, early non-response) at the latest PHQ-9 they were judged on.
 */
export function trendAnnotations(
  measures: Pick<CourseMeasures, "riskFlags" | "flags" | "outcome" | "settings">,
  rows: readonly TrendRow[],
): TrendAnnotation[] {
  const phq9At = (sessionNumber: number | null) =>
    rows.find((row) => row.sessionNumber === sessionNumber)?.phq9?.total ?? null;
  const marks: TrendAnnotation[] = [];
  for (const flag of measures.riskFlags) {
    const total = phq9At(flag.sessionNumber);
    if (flag.sessionNumber === null || total === null) continue;
    // A corrected score can raise a second flag at the same session: mark the session once.
    if (marks.some((mark) => mark.sessionNumber === flag.sessionNumber && mark.label.startsWith("Item 9")))
      continue;
    marks.push({
      key: `risk-${flag.id}`,
      sessionNumber: flag.sessionNumber,
      total,
      label: flag.resolvedAt ? "Item 9 (resolved)" : "Item 9",
      severity: "red",
    });
  }
  const codes = new Set(measures.flags.map((flag) => flag.code));
  const { phq9, gad7 } = measures.outcome;
  if (codes.has("reliable_deterioration")) {
    if (phq9 && phq9.count > 1 && phq9.change >= measures.settings.deteriorationPhq9Points) {
      marks.push({ key: "deterioration-phq9", ...phq9.latest, label: "Deterioration", severity: "red" });
    }
    if (gad7 && gad7.count > 1 && gad7.change >= measures.settings.deteriorationGad7Points) {
      marks.push({
        key: "deterioration-gad7",
        ...gad7.latest,
        label: "GAD-7 deterioration",
        severity: "red",
      });
    }
  }
  if (phq9) {
    if (codes.has("not_on_track")) {
      marks.push({ key: "not-on-track", ...phq9.latest, label: "Not on track", severity: "amber" });
    } else if (codes.has("early_non_response")) {
      marks.push({
        key: "early-non-response",
        ...phq9.latest,
        label: "Early non-response",
        severity: "amber",
      });
    }
  }
  return marks;
}

function seriesSentence(name: string, rows: readonly TrendRow[], pick: (row: TrendRow) => TrendCell | null) {
  const points = rows.flatMap((row) => {
    const cell = pick(row);
    return cell ? [{ sessionNumber: row.sessionNumber, total: cell.total }] : [];
  });
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${name} scores.`;
  if (points.length === 1) return `${name} ${first.total} at session ${first.sessionNumber}.`;
  return `${name} from ${first.total} at session ${first.sessionNumber} to ${last.total} at session ${last.sessionNumber}.`;
}

/** The chart's accessible name: "PHQ-9 from 18 at session 1 to 8 at session 8. GAD-7 … Marked: …" */
export function trendSummary(rows: readonly TrendRow[], annotations: readonly TrendAnnotation[]): string {
  const sentences = [
    seriesSentence("PHQ-9", rows, (row) => row.phq9),
    seriesSentence("GAD-7", rows, (row) => row.gad7),
  ];
  if (annotations.length > 0) {
    sentences.push(
      `Marked: ${annotations.map((mark) => `${mark.label} at session ${mark.sessionNumber}`).join("; ")}.`,
    );
  }
  return sentences.join(" ");
}

/** A dated event to mark on the chart (the episode's onset, a life event). */
export interface DatedMark {
  date: CalendarDate;
  label: string;
}

export interface EventMark extends DatedMark {
  /** The position on the session axis. */
  x: number;
}

/**
 * Where each dated event falls on the session axis: between the two numbered sessions whose dates
 * bracket it, in proportion. Events before the first or after the last numbered session have no
 * place on the axis; the timeline list shows them.
 */
export function eventMarks(sessions: CourseMeasures["sessions"], events: readonly DatedMark[]): EventMark[] {
  const numbered = sessions
    .flatMap((session) =>
      session.number === null || session.status === "cancelled"
        ? []
        : [{ number: session.number, date: session.plannedDate }],
    )
    .sort((a, b) => a.number - b.number);
  const marks: EventMark[] = [];
  for (const event of events) {
    for (let index = 0; index < numbered.length; index += 1) {
      const from = numbered[index];
      const to = numbered[index + 1] ?? from;
      if (!from || !to || event.date < from.date || event.date > to.date) continue;
      const span = daysBetween(from.date, to.date);
      const x =
        span === 0
          ? from.number
          : from.number + (daysBetween(from.date, event.date) / span) * (to.number - from.number);
      marks.push({ ...event, x });
      break;
    }
  }
  return marks;
}

/** The problem area's key events placed on the session axis (ipt/key-events). */
export interface KeyEventPlacement {
  /** Within the course's sessions, positioned as `eventMarks` does. */
  within: EventMark[];
  /** Before the first numbered session: marked together in a "Before" slot left of session 1. */
  before: DatedMark[];
}

/** Where the "Before" slot sits on the session axis: left of session 1. */
export const BEFORE_COURSE_X = -0.5;

export function keyEventPlacement(
  sessions: CourseMeasures["sessions"],
  keyEvents: readonly DatedMark[],
): KeyEventPlacement {
  const first = sessions
    .filter((session) => session.number !== null && session.status !== "cancelled")
    .reduce<CalendarDate | null>(
      (earliest, session) =>
        earliest === null || session.plannedDate < earliest ? session.plannedDate : earliest,
      null,
    );
  const before = first === null ? [] : keyEvents.filter((event) => event.date < first);
  return { within: eventMarks(sessions, keyEvents), before };
}

/** The chart's words for the key events, for its accessible name: "Key events: Death (2026-03-02, before session 1)." */
export function keyEventsSentence(placement: KeyEventPlacement): string {
  const parts = [
    ...placement.before.map((mark) => `${mark.label} (${mark.date}, before session 1)`),
    ...placement.within.map((mark) => `${mark.label} (${mark.date})`),
  ];
  return parts.length === 0 ? "" : ` Key events of the problem area: ${parts.join("; ")}.`;
}
