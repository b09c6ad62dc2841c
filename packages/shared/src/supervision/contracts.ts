// Wire shapes of the supervisor's views: the cockpit across supervisees' clients and the
// per-therapist summary.
import { z } from "zod";
import { entityId } from "../clinical/clients";
import { pageQuery, paginated } from "../common/pagination";
import { flag } from "../ipt/rules";
import { courseFormat, coursePhase } from "../ipt/vocabulary";
import { measureSummary } from "../measures/results";
import { personRef } from "../users/users";

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
export const cockpitResponse = paginated(cockpitRow).extend({
  /**
   * Risk flags of the supervisor's supervisees awaiting their acknowledgement (safety/escalation.ts):
   * shown at the top of the cockpit whatever the page or filter.
   */
  riskFlagsAwaitingAcknowledgement: z.int(),
});
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
