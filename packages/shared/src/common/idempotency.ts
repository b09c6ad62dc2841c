// The Idempotency-Key request header: the client's name for one attempt at a write. A retry with the
// same key and body (after an answer was lost) gets the first answer again and changes nothing more.
import { z } from "zod";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
/** Set on an answer that replays the stored answer to an earlier request with the same key. */
export const IDEMPOTENT_REPLAY_HEADER = "idempotent-replayed";

export const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "Use 1 to 128 visible ASCII characters, such as a UUID.");

/** The headers of a write that takes an Idempotency-Key; every other header passes through. */
export const idempotencyKeyHeaders = z.looseObject({
  [IDEMPOTENCY_KEY_HEADER]: idempotencyKey
    .optional()
    .describe(
      "Optional. A new random value (e.g. a UUID) per intended write, reused only to retry it: the same key and body within 24 hours replay the first answer (with the Idempotent-Replayed header) and change nothing; the same key with another body answers 422 idempotency_key_reused. Keys are per user.",
    ),
});
