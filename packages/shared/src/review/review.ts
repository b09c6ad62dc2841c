// Wire shapes of supervision review: comment threads and change requests on a course's formulation,
// plan or one session, and supervisor co-signatures of them. Supervisors never edit clinical content: they comment, request changes and co-sign; the
// therapist replies, amends the record through the usual routes and resolves the thread.
import { z } from "zod";
import { entityId, version } from "../clinical/clients";
import { personRef, recordAuthor } from "../users/users";

/** What a thread or co-signature is about: the course's formulation, its plan, or one session. */
export const reviewTargets = ["formulation", "plan", "session"] as const;
export const reviewTarget = z.enum(reviewTargets);
export type ReviewTarget = z.infer<typeof reviewTarget>;

export const reviewThreadKinds = ["comment", "change_request"] as const;
export const reviewThreadKind = z.enum(reviewThreadKinds);
export type ReviewThreadKind = z.infer<typeof reviewThreadKind>;

export const reviewThreadStatus = z.enum(["open", "resolved"]);
export type ReviewThreadStatus = z.infer<typeof reviewThreadStatus>;

/** The role a participant had when writing: the course's therapist or an assigned supervisor. */
export const reviewAuthorRole = z.enum(["therapist", "supervisor"]);
export type ReviewAuthorRole = z.infer<typeof reviewAuthorRole>;

export const reviewMessageBody = z
  .string("Write a message.")
  .trim()
  .min(1, "Write a message.")
  .max(4000, "Keep a message under 4,000 characters.");

/** One message of a thread; messages are never edited or deleted. */
export const reviewMessage = z.object({
  id: z.uuid(),
  /** A user here, or a supervisor of the instance the course was imported from (`external`). */
  author: recordAuthor,
  authorRole: reviewAuthorRole,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type ReviewMessage = z.infer<typeof reviewMessage>;

export const reviewThread = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  target: reviewTarget,
  /** Set when the target is a session. */
  sessionId: z.uuid().nullable(),
  /** The session's number in the plan (null when cancelled or not a session thread). */
  sessionNumber: z.int().nullable(),
  kind: reviewThreadKind,
  status: reviewThreadStatus,
  /** A user here, or a supervisor of the instance the course was imported from (`external`). */
  openedBy: recordAuthor,
  openedByRole: reviewAuthorRole,
  /** Oldest first; the first message is the one that opened the thread. */
  messages: z.array(reviewMessage).min(1),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: personRef.nullable(),
  /** What the therapist changed or why no change was needed. */
  resolution: z.string().nullable(),
  version: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReviewThread = z.infer<typeof reviewThread>;

/** Open threads first (oldest first), then resolved ones (most recently resolved first). */
export const reviewThreadsResponse = z.object({ items: z.array(reviewThread) });
export type ReviewThreadsResponse = z.infer<typeof reviewThreadsResponse>;

export const reviewThreadsQuery = z.object({
  target: reviewTarget.optional(),
  sessionId: entityId.optional(),
  status: reviewThreadStatus.optional(),
});
export type ReviewThreadsQuery = z.infer<typeof reviewThreadsQuery>;

/** Opens a thread. Supervisors may open comments and change requests; therapists open comments. */
export const openReviewThreadRequest = z
  .strictObject({
    target: reviewTarget,
    sessionId: entityId.optional(),
    kind: reviewThreadKind,
    body: reviewMessageBody,
  })
  .superRefine((request, ctx) => {
    if (request.target === "session" && !request.sessionId) {
      ctx.addIssue({ code: "custom", path: ["sessionId"], message: "Choose the session this is about." });
    }
    if (request.target !== "session" && request.sessionId) {
      ctx.addIssue({
        code: "custom",
        path: ["sessionId"],
        message: "Only a thread about a session names a session.",
      });
    }
  });
export type OpenReviewThreadRequest = z.infer<typeof openReviewThreadRequest>;

export const reviewReplyRequest = z.strictObject({ body: reviewMessageBody });
export type ReviewReplyRequest = z.infer<typeof reviewReplyRequest>;

/** The therapist resolves a thread, naming the version they read. */
export const resolveReviewThreadRequest = z.strictObject({
  version,
  resolution: z.string().trim().max(2000, "Keep the resolution under 2,000 characters.").default(""),
});
export type ResolveReviewThreadRequest = z.infer<typeof resolveReviewThreadRequest>;

export const reviewThreadParams = z.object({ threadId: entityId });

// --- Co-signing ---

/**
 * not_cosigned: never co-signed; cosigned: the latest co-signature covers what is recorded now;
 * changed_since: the formulation, plan or session changed after the latest co-signature.
 */
export const coSignState = z.enum(["not_cosigned", "cosigned", "changed_since"]);
export type CoSignState = z.infer<typeof coSignState>;

export const coSignature = z.object({
  id: z.uuid(),
  target: reviewTarget,
  sessionId: z.uuid().nullable(),
  /** A local supervisor, or one of the instance the course was imported from ("Imported: <reference>"). */
  supervisor: recordAuthor,
  note: z.string(),
  createdAt: z.iso.datetime(),
});
export type CoSignature = z.infer<typeof coSignature>;

export const coSignStatus = z.object({
  target: reviewTarget,
  sessionId: z.uuid().nullable(),
  sessionNumber: z.int().nullable(),
  state: coSignState,
  latest: coSignature.nullable(),
  openChangeRequests: z.int(),
  /** Why a co-signature cannot be given now (not ready, or change requests still open); null if it can. */
  blocker: z.string().nullable(),
});
export type CoSignStatus = z.infer<typeof coSignStatus>;

export const courseCoSignsResponse = z.object({
  /** The organisation setting: formulation and plan must be co-signed before the middle phase. */
  requiredBeforeMiddle: z.boolean(),
  formulation: coSignStatus,
  plan: coSignStatus,
  /** Held sessions, in plan order. */
  sessions: z.array(coSignStatus),
});
export type CourseCoSignsResponse = z.infer<typeof courseCoSignsResponse>;

/** A supervisor co-signs what is recorded now. */
export const coSignRequest = z
  .strictObject({
    target: reviewTarget,
    sessionId: entityId.optional(),
    note: z.string().trim().max(2000, "Keep the note under 2,000 characters.").default(""),
  })
  .superRefine((request, ctx) => {
    if (request.target === "session" && !request.sessionId) {
      ctx.addIssue({ code: "custom", path: ["sessionId"], message: "Choose the session to co-sign." });
    }
    if (request.target !== "session" && request.sessionId) {
      ctx.addIssue({
        code: "custom",
        path: ["sessionId"],
        message: "Only a session co-signature names a session.",
      });
    }
  });
export type CoSignRequest = z.infer<typeof coSignRequest>;
