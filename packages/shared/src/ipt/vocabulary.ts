// The IPT vocabulary the whole product shares. Each list cites the source tags of docs/clinical-reference.md.
import { z } from "zod";

/** Standard IPT (12–16) [S10a][S6], brief IPT-B (1 engagement + 8) [S21a][S21b], IPT-A (12) [S20a][S10c]. */
export const courseFormats = ["standard", "ipt_b", "ipt_a"] as const;
export const courseFormat = z.enum(courseFormats);
export type CourseFormat = z.infer<typeof courseFormat>;

/**
 * Manual lineage: Weissman/Markowitz/Klerman use four problem areas [S10a]; Stuart & Robertson use
 * three, with interpersonal sensitivity as a complicating style, not a focus [S11a][S11c].
 */
export const lineages = ["weissman", "stuart"] as const;
export const lineage = z.enum(lineages);
export type Lineage = z.infer<typeof lineage>;

/**
 * The course's phase. An acute course moves initial → middle → termination → completed; maintenance is a
 * new course under a new contract [S1a], in the "maintenance" phase from its start until it is completed.
 */
export const coursePhases = ["initial", "middle", "termination", "completed", "maintenance"] as const;
export const coursePhase = z.enum(coursePhases);
export type CoursePhase = z.infer<typeof coursePhase>;

/** The phase a planned session belongs to; a maintenance course's sessions are all "maintenance". */
export const sessionPhases = ["initial", "middle", "termination", "maintenance"] as const;
export const sessionPhase = z.enum(sessionPhases);
export type SessionPhase = z.infer<typeof sessionPhase>;

/** Problem areas [S10a]; Stuart's lineage has no "interpersonal deficits" [S11a]. */
export const problemAreas = ["grief", "role_dispute", "role_transition", "interpersonal_deficits"] as const;
export const problemArea = z.enum(problemAreas);
export type ProblemArea = z.infer<typeof problemArea>;

/** Stages of a role dispute [S29b][S29e]. */
export const disputeStages = ["renegotiation", "impasse", "dissolution"] as const;
export const disputeStage = z.enum(disputeStages);
export type DisputeStage = z.infer<typeof disputeStage>;

/** Standard IPT techniques [S5a][S1c][S19]. "Timeline" and "adjunctive" are unconfirmed and left out. */
export const techniques = [
  "nondirective_exploration",
  "direct_elicitation",
  "encouragement_of_affect",
  "clarification",
  "communication_analysis",
  "decision_analysis",
  "role_play",
  "therapeutic_relationship",
  "directive_techniques",
  "between_session_work",
] as const;
export const technique = z.enum(techniques);
export type Technique = z.infer<typeof technique>;

export const clientStatuses = ["intake", "active", "completed", "discontinued"] as const;
export const clientStatus = z.enum(clientStatuses);
export type ClientStatus = z.infer<typeof clientStatus>;

export const sessionStatuses = ["planned", "held", "cancelled", "no_show"] as const;
export const sessionStatus = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof sessionStatus>;

/** Closeness-circle rings, innermost first [S20e][S12b]. */
export const closenessRings = ["inner", "middle", "outer"] as const;
export const closenessRing = z.enum(closenessRings);
export type ClosenessRing = z.infer<typeof closenessRing>;

/** Life events on the timeline of onset; the kind drives the problem-area warnings [S29d][S3]. */
export const lifeEventKinds = ["death", "dispute", "transition", "other"] as const;
export const lifeEventKind = z.enum(lifeEventKinds);
export type LifeEventKind = z.infer<typeof lifeEventKind>;

export const courseOutcomes = ["completed", "discontinued"] as const;
export const courseOutcome = z.enum(courseOutcomes);
export type CourseOutcome = z.infer<typeof courseOutcome>;

/** What follows the acute course [S4][S11b][S16]. */
export const nextSteps = ["maintenance_offered", "referral_offered", "no_further_treatment"] as const;
export const nextStep = z.enum(nextSteps);
export type NextStep = z.infer<typeof nextStep>;

/** Where an agenda item came from. */
export const agendaItemKinds = ["phase_task", "area_strategy", "technique", "custom"] as const;
export const agendaItemKind = z.enum(agendaItemKinds);
export type AgendaItemKind = z.infer<typeof agendaItemKind>;

/**
 * Weekly is the standard [S10a]; fortnightly for later sessions is a clinic choice. Monthly (every 4
 * weeks, on the contract's weekday) is for maintenance contracts only: maintenance IPT was given monthly
 * in two trials [S4][S27c] (see ./maintenance).
 */
export const frequencies = ["weekly", "fortnightly", "monthly"] as const;
export const frequency = z.enum(frequencies);
export type Frequency = z.infer<typeof frequency>;
/** The intervals an acute course's contract may use. */
export const acuteFrequencies = ["weekly", "fortnightly"] as const satisfies readonly Frequency[];

/**
 * An acute course (the three phases), or a maintenance course: a new contract after a completed acute
 * course, linked to it [S1a][S4][S11b], or a group IPT member's course: the member's own course in a
 * therapy group (WHO group IPT [S22a][S22d]; ./group).
 */
export const courseKinds = ["acute", "maintenance", "group"] as const;
export const courseKind = z.enum(courseKinds);
export type CourseKind = z.infer<typeof courseKind>;
