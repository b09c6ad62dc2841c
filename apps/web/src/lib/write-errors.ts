// What a form shows when saving a clinical record fails. Besides field errors (400) there are two
// answers a form must explain in its own way: the record changed since it was read (409: offer a
// reload) and a clinical rule is not met yet (422: list what is missing).
import { isApiError } from "./api-client";
import { formErrorsFromError, noFormErrors, type FormErrors } from "./form-errors";

export interface WriteErrors extends FormErrors {
  /** The record changed elsewhere (or is locked) since it was read: reload before trying again. */
  stale: boolean;
  /** A clinical rule refused the change: what is missing, one plain sentence each. */
  missing: string[];
}

export const noWriteErrors: WriteErrors = { ...noFormErrors, stale: false, missing: [] };

export function writeErrorsFromError(error: unknown, fieldNames: readonly string[]): WriteErrors {
  if (isApiError(error, "conflict")) {
    return { fields: {}, message: error.message, stale: true, missing: [] };
  }
  if (isApiError(error, "rule_unmet")) {
    const missing = [...new Set(error.fields.map((gap) => gap.message))];
    return { fields: {}, message: error.message, stale: false, missing };
  }
  return { ...formErrorsFromError(error, fieldNames), stale: false, missing: [] };
}

/** Field errors in the order the fields appear in the form (for the error summary); others last. */
export function inFieldOrder(
  fields: Record<string, string>,
  fieldNames: readonly string[],
): Record<string, string> {
  const rank = (name: string) => {
    const index = fieldNames.indexOf(name);
    return index === -1 ? fieldNames.length : index;
  };
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b)));
}
