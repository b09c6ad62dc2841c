// The error answers routes declare in their OpenAPI responses. Every error is the shared error body;
// a route lists the statuses it can actually answer, so the document says when to expect 409 or 422.
import { apiErrorBody } from "@ipt/shared";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

/** The shared error body under each of `statuses`, to spread into a route's `response`. */
export function errorResponses<const S extends readonly ErrorStatus[]>(
  ...statuses: S
): { [K in S[number]]: typeof apiErrorBody } {
  return Object.fromEntries(statuses.map((status) => [status, apiErrorBody])) as {
    [K in S[number]]: typeof apiErrorBody;
  };
}

/** A signed-in request with validated input: 400, not signed in 401, refused by the policy 403. */
export const inputErrors = errorResponses(400, 401, 403);
/** As `inputErrors`, for a route that names a record: 404 when it is missing or not the caller's. */
export const recordErrors = errorResponses(400, 401, 403, 404);
/** As `recordErrors`, for a write that can conflict: a stale version or a state that forbids it (409). */
export const writeErrors = errorResponses(400, 401, 403, 404, 409);
/** As `writeErrors`, for a write guarded by a clinical rule: 422 rule_unmet lists what is missing. */
export const ruleErrors = errorResponses(400, 401, 403, 404, 409, 422);
