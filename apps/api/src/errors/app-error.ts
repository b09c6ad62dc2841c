import { statusByErrorCode, type ErrorCode, type FieldError } from "@ipt/shared";

/** The one error type services throw; the error handler turns it into the shared error body. */
export class AppError extends Error {
  readonly statusCode: number;
  /** Sent as Retry-After (429, 503): when the client may try again. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = "AppError";
    this.statusCode = statusByErrorCode[code];
  }
}

export const notFound = (what = "The record") => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string) => new AppError("conflict", message);
export const invalidFields = (fields: FieldError[]) =>
  new AppError("validation_failed", "Some fields are not valid.", fields);
export const invalid = (field: string, message: string) => invalidFields([{ field, message }]);

// The refusals every route shares (the auth plugin, and handlers that read the principal).
export const unauthenticated = () => new AppError("unauthenticated", "Sign in to continue.");
export const forbidden = () => new AppError("forbidden", "You do not have access to this.");
export const passwordChangeRequired = () =>
  new AppError("password_change_required", "Change your temporary password to continue.");
export const secondFactorRequired = () =>
  new AppError("second_factor_required", "Enter the code from your authenticator app to continue.");
export const factorEnrolmentRequired = () =>
  new AppError("factor_enrolment_required", "Set up an authenticator app to continue.");
export const stepUpRequired = () =>
  new AppError("step_up_required", "Enter a code from your authenticator app again to do this.");
export const csrfFailed = () =>
  new AppError("csrf_failed", "The request could not be verified. Reload the page and try again.");
