// Wire shapes of the supervisor's views: the cockpit across supervisees' clients, the per-therapist
// summary, and fidelity ratings (self and supervisor) with their averages and the review sample.
import { z } from "zod";
import { entityId, sessionWhen, version } from "../clinical/clients";
import { pageQuery, paginated } from "../common/pagination";
import { flag } from "../ipt/rules";
import { courseFormat, coursePhase, sessionStatus } from "../ipt/vocabulary";
import { measureSummary } from "../measures/results";
import { personRef } from "../users/users";
import { fidelityItemKey, fidelityScores } from "./fidelity";

export const cockpitFlagFilters = ["risk", "non_response", "overdue"] as const;
export const cockpitQuery = pageQuery.extend({
  therapistId: entityId.optional(),
  phase: coursePhase.optional(),
  /** risk: an open risk flag; non_response: deterioration, early non-response or not on track;
   * overdue: measures overdue, unsigned held sessions or the ending not raised. */
  flag: z.enum(cockpitFlagFilters).optional(),
});
export type CockpitQuery = z.infer<typeof cockpitQuery>;

/** One active client of a supervisee, with where the current course stands. */
export const cockpitRow = z.object({
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  therapist: personRef,
  course: z.object({
    id: z.uuid(),
    format: courseFormat,
    phase: coursePhase,
    /** Sessions held so far, of the planned number (session n of N). */
    sessionsHeld: z.int(),
    plannedSessions: z.int(),
  }),
  measures: measureSummary,
  risk: z.boolean(),
  nonResponse: z.boolean(),
  overdue: z.object({
    measures: z.boolean(),
    /** Held or no-show sessions not yet signed. */
    unsignedSessions: z.int(),
    terminationNotRaised: z.boolean(),
  }),
  /** Risk and measurement alerts first, then course flags. */
  flags: z.array(flag),
  /** The latest write to the course's records (session, score, follow-up); null if none yet. */
  lastActivityAt: z.iso.datetime().nullable(),
});
export type CockpitRow = z.infer<typeof cockpitRow>;
/** Sorted by urgency: unresolved risk first, then non-response, then overdue items, then the rest. */
export const cockpitResponse = paginated(cockpitRow);
export type CockpitResponse = z.infer<typeof cockpitResponse>;

/** One supervisee at a glance. Shares are over courses whose percentage rules apply (baseline PHQ-9 ≥ 10) with a later PHQ-9. */
export const therapistSummary = z.object({
  therapist: personRef,
  activeClients: z.int(),
  measuredCourses: z.int(),
  responseShare: z.number().nullable(),
  remissionShare: z.number().nullable(),
  openRiskFlags: z.int(),
  overdueItems: z.int(),
  /** Mean of the supervisor ratings' averages across the therapist's sessions; null if none. */
  fidelityAverage: z.number().nullable(),
  fidelityRatings: z.int(),
});
export type TherapistSummary = z.infer<typeof therapistSummary>;
export const therapistSummariesResponse = z.object({ items: z.array(therapistSummary) });
export type TherapistSummariesResponse = z.infer<typeof therapistSummariesResponse>;

// --- Fidelity ---

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
  rater: personRef,
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
  /** Items where self and a supervisor differ by 2 or more, per supervisor. */
  disagreements: z.array(z.object({ supervisorId: z.uuid(), items: z.array(fidelityItemKey) })),
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
