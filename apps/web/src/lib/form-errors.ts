// Maps client-side zod issues and the server's field errors onto the fields of one form, so both
// are shown the same way: next to the field they belong to.
import type { z } from "zod";
import { ApiError } from "./api-client";

export interface FormErrors {
  /** Field name → first message for that field. */
  fields: Record<string, string>;
  /** A message for the form as a whole (shown in an alert above the fields). */
  message: string | null;
}

export const noFormErrors: FormErrors = { fields: {}, message: null };

/** `body.email` → `email`; `query.from` → `from`; `body.address.city` → `address.city`. */
export function fieldNameFromServerPath(path: string): string {
  return path.replace(/^(body|query|params|querystring)\./, "");
}

export function formErrorsFromZod(error: z.ZodError): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of error.issues) {
    const name = issue.path.map(String).join(".");
    if (!name) general.push(issue.message);
    else fields[name] ??= issue.message;
  }
  // Field messages are shown (and focused) at their fields; only errors about the whole form
  // become the form-level message.
  return { fields, message: general.length > 0 ? general.join(" ") : null };
}

/**
 * Any error from a submit → what the form shows. Server field errors for fields the form has go
 * next to those fields; others (and the error's own message) go in the form-level message.
 */
export function formErrorsFromError(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) {
    return {
      fields: {},
      message: error instanceof Error ? error.message : "Something went wrong. Please try again.",
    };
  }
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const { field, message } of error.fields) {
    const name = fieldNameFromServerPath(field);
    if (fieldNames.includes(name)) fields[name] ??= message;
    else other.push(message);
  }
  // Say it once: a message already shown at its field is not repeated above the form.
  const shownAtFields = new Set(Object.values(fields));
  const messages = [error.message, ...other].filter((message) => !shownAtFields.has(message));
  return { fields, message: messages.length > 0 ? messages.join(" ") : null };
}

export function hasFormErrors(errors: FormErrors): boolean {
  return errors.message !== null || Object.keys(errors.fields).length > 0;
}
