// Short text typed by people (names, codes, reasons). Unicode format characters (category Cf: the
// bidirectional overrides such as U+202E, zero-width spaces and joiners, soft hyphens) are invisible
// and can make a name display as something else, so short fields refuse them. Long clinical notes
// keep them: emoji sequences need the zero-width joiner.
import { z } from "zod";

const FORMAT_CHARACTER = /\p{Cf}/u;

export const FORMAT_CHARACTER_MESSAGE =
  "Remove invisible formatting characters (such as a right-to-left override or a zero-width space).";

export function hasFormatCharacter(value: string): boolean {
  return FORMAT_CHARACTER.test(value);
}

/** A trimmed short text field without format characters; `empty` makes it required with that message. */
export function shortText(max: number, empty?: string) {
  const trimmed = z.string().trim();
  const sized = (empty === undefined ? trimmed : trimmed.min(1, empty)).max(max);
  return sized.refine((value) => !hasFormatCharacter(value), FORMAT_CHARACTER_MESSAGE);
}
