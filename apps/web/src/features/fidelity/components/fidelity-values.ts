// The fidelity form's logic, apart from React: what each item's radios hold, the field names the
// API's errors use (`body.scores.<item>` → `scores.<item>`), and the request body, checked with the
// shared schema so the form refuses what the API would.
import {
  fidelityItemKeys,
  fidelityItems,
  fidelityRatingRequest,
  type FidelityItemKey,
  type FidelityRating,
  type FidelityRatingRequest,
} from "@ipt/shared";
import { fieldNamesOf } from "../../../lib/field-names";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError, type WriteErrors } from "../../../lib/write-errors";

/** "1" to "5", "na" for not applicable, "" while the item is not answered. */
export type FidelityChoice = "" | "na" | "1" | "2" | "3" | "4" | "5";

export interface FidelityValues {
  scores: Record<FidelityItemKey, FidelityChoice>;
  comment: string;
}

export const NOT_APPLICABLE = "na";
export const scoreChoices = ["1", "2", "3", "4", "5"] as const;

/** The radio group of an item, named like the API's field path. */
export const scoreFieldName = (key: FidelityItemKey) => `scores.${key}`;

/** Every field of the form, in order, so server field errors land on them. */
export const fidelityFieldNames: readonly string[] = [
  ...fidelityItemKeys.map(scoreFieldName),
  ...fieldNamesOf(fidelityRatingRequest, "scores"),
];

const UNANSWERED = "Choose a rating from 1 to 5, or Not applicable.";

/** The form's starting values: the rater's saved rating, or nothing chosen yet. */
export function valuesOfRating(rating: Pick<FidelityRating, "scores" | "comment"> | null): FidelityValues {
  const scores = Object.fromEntries(
    fidelityItemKeys.map((key) => {
      if (!rating) return [key, ""];
      const score = rating.scores[key];
      return [key, score === null ? NOT_APPLICABLE : String(score)];
    }),
  ) as Record<FidelityItemKey, FidelityChoice>;
  return { scores, comment: rating?.comment ?? "" };
}

type Parsed = { ok: true; body: FidelityRatingRequest } | { ok: false; errors: WriteErrors };

/** The request body, or the form's errors naming each item still to rate. */
export function ratingBody(values: FidelityValues, version: number): Parsed {
  const unanswered = fidelityItems.filter((item) => values.scores[item.key] === "");
  if (unanswered.length > 0) {
    const fields = Object.fromEntries(unanswered.map((item) => [scoreFieldName(item.key), UNANSWERED]));
    return { ok: false, errors: { ...noWriteErrors, fields } };
  }
  const scores = Object.fromEntries(
    fidelityItemKeys.map((key) => {
      const choice = values.scores[key];
      return [key, choice === NOT_APPLICABLE ? null : Number(choice)];
    }),
  );
  const parsed = fidelityRatingRequest.safeParse({ version, scores, comment: values.comment });
  if (!parsed.success) return { ok: false, errors: { ...noWriteErrors, ...formErrorsFromZod(parsed.error) } };
  return { ok: true, body: parsed.data };
}

/** A failed save → what the form shows: `body.scores.risk_reviewed` lands on that item's group. */
export function ratingErrorsFromError(error: unknown): WriteErrors {
  return writeErrorsFromError(error, fidelityFieldNames);
}
