// The therapist's "needs your attention" list: what waits for them across their caseload.
import { z } from "zod";
import { recordAuthor } from "../users/users";
import { reviewTarget } from "../review/review";

export const attentionKinds = ["risk_follow_up", "change_request", "comment", "unsigned_session"] as const;
export const attentionKind = z.enum(attentionKinds);
export type AttentionKind = z.infer<typeof attentionKind>;

/**
 * One thing waiting for the therapist: a risk flag with no follow-up, an open change request, a
 * comment thread whose latest message is a supervisor's, or a held session not yet signed.
 */
export const attentionItem = z.object({
  kind: attentionKind,
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  courseId: z.uuid(),
  sessionId: z.uuid().nullable(),
  sessionNumber: z.int().nullable(),
  target: reviewTarget.nullable(),
  threadId: z.uuid().nullable(),
  /** Who is waiting (the supervisor who wrote last, maybe one of the instance the course was
   *  imported from); null for record items. */
  from: recordAuthor.nullable(),
  /** When it started waiting. */
  since: z.iso.datetime(),
});
export type AttentionItem = z.infer<typeof attentionItem>;

/** Sorted by kind in the order of attentionKinds, then oldest first. */
export const attentionResponse = z.object({
  items: z.array(attentionItem),
  /** Changes to who can read the caseload that the therapist has not acknowledged (docs/decisions/025). */
  caseloadAccessChanges: z.number().int().min(0).default(0),
});
export type AttentionResponse = z.infer<typeof attentionResponse>;
