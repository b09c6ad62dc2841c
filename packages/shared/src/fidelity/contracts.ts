// Wire shapes of fidelity ratings (self and supervisor) with their averages and the review sample.
import { z } from "zod";
import { sessionWhen, version } from "../clinical/clients";
import { sessionStatus } from "../ipt/vocabulary";
import { personRef, recordAuthor } from "../users/users";
import { fidelityItemKey, fidelityScores } from "./fidelity";

export const fidelityRaterRole = z.enum(["self", "supervisor"]);
export type FidelityRaterRole = z.infer<typeof fidelityRaterRole>;

/** Saves the signed-in rater's own rating of a session; version 0 creates it. */
export const fidelityRatingRequest = z.strictObject({
  version: z.int("Must be a whole number.").min(0),
  scores: fidelityScores,
  comment: z.string().trim().max(2000).default(""),
});
export type FidelityRatingRequest = z.input<typeof fidelityRatingRequest>;

export const fidelityRating = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  /** A user here, or a supervisor of the instance the course was imported from (`external`). */
  rater: recordAuthor,
  raterRole: fidelityRaterRole,
  scores: fidelityScores,
  /** Mean of the rated items; null if every item is "not applicable". */
  average: z.number().nullable(),
  comment: z.string(),
  version,
  updatedAt: z.iso.datetime(),
});
export type FidelityRating = z.infer<typeof fidelityRating>;

export const sessionFidelity = z.object({
  sessionId: z.uuid(),
  number: z.int().nullable(),
  ...sessionWhen,
  status: sessionStatus,
  selfRating: fidelityRating.nullable(),
  supervisorRatings: z.array(fidelityRating),
  /** Items where self and a supervisor differ by 2 or more, per supervisor's rating (its id). */
  disagreements: z.array(z.object({ ratingId: z.uuid(), items: z.array(fidelityItemKey) })),
  /** Proposed for formal review, and whether a supervisor has rated it. */
  sampled: z.boolean(),
  reviewed: z.boolean(),
});
export type SessionFidelity = z.infer<typeof sessionFidelity>;

export const courseFidelity = z.object({
  courseId: z.uuid(),
  therapist: personRef,
  sessions: z.array(sessionFidelity),
  averages: z.object({ self: z.number().nullable(), supervisor: z.number().nullable() }),
  passMark: z.number(),
  /** The viewer's role for this course: the therapist rates "self", a supervisor rates "supervisor". */
  viewerRole: fidelityRaterRole,
});
export type CourseFidelity = z.infer<typeof courseFidelity>;
