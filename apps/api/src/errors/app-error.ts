import { statusByErrorCode, type ErrorCode, type FieldError } from "@ipt/shared";

/** The one error type services throw; the error handler turns it into the shared error body. */
export class AppError extends Error {
  readonly statusCode: number;

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
