/**
 * A value the surrounding code guarantees (a row an aggregate always returns, a map entry built from
 * the same list, a field the request schema made required) turned out missing: a bug, never bad input
 * (that is an AppError), so it surfaces as a 500 with this name in the log.
 */
export class MissingValueError extends Error {
  override name = "MissingValueError";
}

/** The value, which the code around it guarantees is there; `what` names it if it is not. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new MissingValueError(`${what} is missing.`);
  return value;
}
