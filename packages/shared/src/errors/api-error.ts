import { z } from "zod";

/** Every error the API returns has this one shape, so the web can parse any failure the same way. */
export const errorCodes = [
  "validation_failed",
  "unauthenticated",
  "password_change_required",
  /** The session has passed the password but not yet the second factor (docs/decisions/021). */
  "second_factor_required",
  /** The sign-in settings require a second factor of this user's role: only enrolment is open. */
  "factor_enrolment_required",
  /** A sensitive action: pass the second factor again (the last check is too old), then retry. */
  "step_up_required",
  "forbidden",
  "csrf_failed",
  "not_found",
  "conflict",
  /** A clinical rule is not met yet (e.g. leaving the initial phase); `fields` lists what is missing. */
  "rule_unmet",
  /** An Idempotency-Key already used by this user for a different request. */
  "idempotency_key_reused",
  "unsupported_media_type",
  "payload_too_large",
  "rate_limited",
  "internal_error",
  /** The database is unreachable or the server is overloaded: retry after the `Retry-After` seconds. */
  "service_unavailable",
] as const;
export const errorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCode>;

export const fieldError = z.object({
  /** Dotted path of the invalid field, e.g. `body.email` or `query.page`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldError>;

export const apiErrorBody = z.object({
  error: z.object({
    code: errorCode,
    message: z.string(),
    fields: z.array(fieldError).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

export const statusByErrorCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  password_change_required: 403,
  second_factor_required: 403,
  factor_enrolment_required: 403,
  step_up_required: 403,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  rule_unmet: 422,
  idempotency_key_reused: 422,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

/** The plainest code for an HTTP status, for errors raised outside our own code (403 is "forbidden"). */
export const plainErrorCodeByStatus: Partial<Record<number, ErrorCode>> = {
  400: "validation_failed",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  422: "rule_unmet",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "service_unavailable",
};
