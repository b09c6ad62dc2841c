// The entry form's logic, apart from React: field names, the live status line, the digit shortcut,
// and the request bodies (checked with the shared schemas, so the form names each missing item the
// way the API does). Totals and bands come from the shared scoring: the form only previews them.
import {
  bandOf,
  correctMeasureRequest,
  HAMD17_MAX,
  instrumentDefinitions,
  ITEM_COUNTS,
  recordMeasureRequest,
  runningTotal,
  scoreItems,
  type AnswerOption,
  type CorrectMeasureRequest,
  type DifficultyLevel,
  type Instrument,
  type ItemInstrument,
  type RecordMeasureRequest,
} from "@ipt/shared";
import type { z } from "zod";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError, type WriteErrors } from "../../../lib/write-errors";

/** One answer per item in form order; null while unanswered. */
export type Answers = (number | null)[];

/** What the form holds: item answers and difficulty (PHQ-9, GAD-7) or the typed total (HAM-D-17). */
export interface EntryValues {
  answers: Answers;
  difficulty: DifficultyLevel | null;
  /** HAM-D-17 total as typed. */
  total: string;
}

export const isItemInstrument = (instrument: Instrument): instrument is ItemInstrument =>
  instrumentDefinitions[instrument].entry === "items";

export function emptyValues(instrument: Instrument): EntryValues {
  const count = isItemInstrument(instrument) ? ITEM_COUNTS[instrument] : 0;
  return { answers: Array.from({ length: count }, () => null), difficulty: null, total: "" };
}

/** The radio group of item `index` (0-based) is named like the API's field path: `items.8` is item 9. */
export const itemFieldName = (index: number) => `items.${index}`;

/** Every field of the form, in order, so server field errors land on them. */
export function entryFieldNames(instrument: Instrument): string[] {
  const { total, difficulty, reason } = correctMeasureRequest.keyof().enum;
  if (!isItemInstrument(instrument)) return [total, reason];
  return [
    ...Array.from({ length: ITEM_COUNTS[instrument] }, (_, index) => itemFieldName(index)),
    difficulty,
    reason,
  ];
}

/** "0 Not at all": the value first, so a keyboard user hears (and can type) the score. */
export const optionLabel = (option: AnswerOption) => `${option.value} ${option.label}`;

/** The digit shortcut: typing 0–3 on an item answers it. */
export function answerForKey(key: string): 0 | 1 | 2 | 3 | null {
  return key === "0" || key === "1" || key === "2" || key === "3" ? (Number(key) as 0 | 1 | 2 | 3) : null;
}

/** "Total 5 of 27 · Mild" once every item is answered; until then only "4 of 9 answered", never a guessed total. */
export function itemsStatus(instrument: ItemInstrument, answers: Answers): string {
  const result = scoreItems(instrument, answers);
  if (result.ok)
    return `Total ${result.total} of ${instrumentDefinitions[instrument].max} · ${result.band.label}`;
  return `${runningTotal(answers).answered} of ${ITEM_COUNTS[instrument]} answered`;
}

/** The typed HAM-D-17 total as a whole number in range, else null. */
export function parseTotal(typed: string): number | null {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return null;
  const total = Number(text);
  return total <= HAMD17_MAX ? total : null;
}

/** "Total 12 of 52 · Mild", or what is still needed. */
export function totalStatus(typed: string): string {
  const total = parseTotal(typed);
  if (total === null) {
    return typed.trim() === "" ? "No total entered" : `Enter a whole number from 0 to ${HAMD17_MAX}`;
  }
  return `Total ${total} of ${HAMD17_MAX} · ${bandOf("hamd17", total).label}`;
}

export function entryStatus(instrument: Instrument, values: EntryValues): string {
  return isItemInstrument(instrument) ? itemsStatus(instrument, values.answers) : totalStatus(values.total);
}

/** The typed total for the schema: a number when it looks like one, so the schema's own messages apply. */
function totalForSchema(typed: string): number | undefined {
  const text = typed.trim();
  if (text === "") return undefined;
  return Number(text);
}

type Parsed<T> = { ok: true; body: T } | { ok: false; errors: WriteErrors };

function parsed<T>(result: z.ZodSafeParseResult<T>): Parsed<T> {
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, errors: { ...noWriteErrors, ...formErrorsFromZod(result.error) } };
}

/** The body of a new score, or the form's errors naming each unanswered item (`items.8`: "Answer item 9."). */
export function recordBody(
  instrument: Instrument,
  sessionId: string,
  values: EntryValues,
): Parsed<RecordMeasureRequest> {
  const body = isItemInstrument(instrument)
    ? { sessionId, instrument, items: values.answers, difficulty: values.difficulty }
    : { sessionId, instrument, total: totalForSchema(values.total) };
  return parsed(recordMeasureRequest.safeParse(body));
}

/**
 * The body of a correction. The correction schema does not know the instrument, so the items are
 * checked against it first, with the same messages as a new score.
 */
export function correctionBody(
  instrument: Instrument,
  values: EntryValues,
  reason: string,
): Parsed<CorrectMeasureRequest> {
  const fields: Record<string, string> = {};
  if (isItemInstrument(instrument)) {
    values.answers.forEach((answer, index) => {
      if (answer === null) fields[itemFieldName(index)] = `Answer item ${index + 1}.`;
    });
  }
  const body = isItemInstrument(instrument)
    ? { items: values.answers, difficulty: values.difficulty, reason }
    : { total: totalForSchema(values.total), reason };
  if (!isItemInstrument(instrument) && body.total === undefined) fields.total = "Enter the HAM-D-17 total.";
  const result = parsed(correctMeasureRequest.safeParse(body));
  if (Object.keys(fields).length === 0) return result;
  const schemaFields = result.ok ? {} : result.errors.fields;
  return { ok: false, errors: { ...noWriteErrors, fields: { ...fields, ...withoutItems(schemaFields) } } };
}

/** Schema messages about items are replaced by the plainer "Answer item N." above. */
function withoutItems(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !name.startsWith("items")));
}

/** A failed save → what the form shows; the API's `body.items.8` lands on item 9's group. */
export function entryErrorsFromError(instrument: Instrument, error: unknown): WriteErrors {
  return writeErrorsFromError(error, entryFieldNames(instrument));
}

/** Values of a recorded score, to start a correction from. */
export function valuesOfScore(score: {
  instrument: Instrument;
  items: number[];
  total: number;
  difficulty: DifficultyLevel | null;
}): EntryValues {
  if (!isItemInstrument(score.instrument)) {
    return { answers: [], difficulty: null, total: String(score.total) };
  }
  const count = ITEM_COUNTS[score.instrument];
  return {
    answers: Array.from({ length: count }, (_, index) => score.items[index] ?? null),
    difficulty: score.difficulty,
    total: "",
  };
}
