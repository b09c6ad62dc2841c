// Scoring of the PHQ-9 and GAD-7 forms and the severity band of any total. The API scores authoritatively
// with scoreItems; the web form uses runningTotal as a live preview. A missing item is refused, never guessed
// or prorated: the total is the plain sum of every item (docs/clinical-reference.md §6).
import { PHQ9_RISK_ITEM, instrumentDefinitions, type SeverityBand } from "./instruments";
import { ITEM_COUNTS, type Instrument, type ItemInstrument } from "./vocabulary";

export type ScoreResult =
  | { ok: true; total: number; band: SeverityBand }
  /** missing and invalid hold 1-based item numbers. */
  | { ok: false; missing: number[]; invalid: number[] };

/** An item answer is a whole number from 0 ("Not at all") to 3 ("Nearly every day"). */
export const isItemAnswer = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 3;

/**
 * Totals a completed form. Refuses it when any item is unanswered (missing) or not a whole number from 0
 * to 3 (invalid); answers past the last item are invalid, so a form of the wrong length is refused too.
 */
export function scoreItems(
  instrument: ItemInstrument,
  answers: ReadonlyArray<number | null | undefined>,
): ScoreResult {
  const count = ITEM_COUNTS[instrument];
  const missing: number[] = [];
  const invalid: number[] = [];
  let total = 0;
  for (let index = 0; index < Math.max(count, answers.length); index += 1) {
    const number = index + 1;
    const value = answers[index];
    if (index >= count) invalid.push(number);
    else if (value === null || value === undefined) missing.push(number);
    else if (!isItemAnswer(value)) invalid.push(number);
    else total += value;
  }
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };
  return { ok: true, total, band: bandOf(instrument, total) };
}

/** The severity band of a total; throws a RangeError for a total that is not a whole number in range. */
export function bandOf(instrument: Instrument, total: number): SeverityBand {
  const definition = instrumentDefinitions[instrument];
  const band = Number.isInteger(total)
    ? definition.bands.find((candidate) => total >= candidate.min && total <= candidate.max)
    : undefined;
  if (band === undefined) {
    throw new RangeError(
      `A ${definition.name} total must be a whole number from ${definition.min} to ${definition.max}; got ${total}.`,
    );
  }
  return band;
}

export interface RunningTotal {
  /** Items with a valid answer so far. */
  answered: number;
  /** Sum of the valid answers so far: a preview, not a score until every item is answered. */
  total: number;
}

/** Live preview of a partly filled form: unanswered and invalid items are left out of both counts. */
export function runningTotal(answers: ReadonlyArray<number | null | undefined>): RunningTotal {
  let answered = 0;
  let total = 0;
  for (const value of answers) {
    if (isItemAnswer(value)) {
      answered += 1;
      total += value;
    }
  }
  return { answered, total };
}

/** The answer to PHQ-9 item 9, or null when it is missing or not a valid answer. */
export function riskItemAnswer(items: ReadonlyArray<number | null | undefined>): number | null {
  const value = items[PHQ9_RISK_ITEM - 1];
  return isItemAnswer(value) ? value : null;
}

/** True iff the form is a PHQ-9 whose item 9 was answered above 0 [S25l]. */
export function raisesRiskFlag(
  instrument: Instrument,
  items: ReadonlyArray<number | null | undefined>,
): boolean {
  if (instrument !== "phq9") return false;
  const value = riskItemAnswer(items);
  return value !== null && value > 0;
}
