// Forms name their fields as the shared schemas do (the API's field paths without `body.`), so the
// server's field errors land next to them. The names come from the schema a form checks its body
// with (`schema.keyof()`): a field added or renamed in the schema follows here, and a key a form
// leaves out must be one the schema has, or the build breaks.
import type { z } from "zod";

/** The version a form read travels with its body unseen; it is never a field to show an error at. */
const UNSEEN = "version";

/**
 * The fields a form shows, in the schema's order (the order the forms show them in): every key of
 * `schema` except `version` and the keys in `leaveOut` (those the page sets, not the user).
 */
export function fieldNamesOf<S extends z.ZodObject, L extends keyof S["shape"] & string = never>(
  schema: S,
  ...leaveOut: L[]
): Exclude<keyof S["shape"] & string, L | typeof UNSEEN>[] {
  const hidden = new Set<string>([UNSEEN, ...leaveOut]);
  return Object.keys(schema.keyof().enum).filter((name) => !hidden.has(name)) as Exclude<
    keyof S["shape"] & string,
    L | typeof UNSEEN
  >[];
}
