// One IPT course: set-up, the guarded phase moves, the plan and termination. Wire shapes only;
// the clinical rules themselves live in ../ipt.
import { z } from "zod";
import { courseOutreach } from "../safety/outreach";
import { shortText } from "../common/text";
import { personRef } from "../users/users";
import { flag, parentAttendance, ruleGap, warning } from "../ipt";
import { measureSummary } from "../measures/results";
import { nonResponseOffer } from "../measures/completion";
import {
  courseFormat,
  courseKind,
  courseOutcome,
  coursePhase,
  disputeStage,
  frequency,
  lineage,
  nextStep,
  problemArea,
  sessionPhase,
  sessionStatus,
} from "../ipt/vocabulary";
import { isoWeekday, timeOfDay } from "../dates/schemas";
import { entityId, isoDate, sessionWhen, version } from "./clients";

export const courseParams = z.object({ courseId: entityId });

const reason = shortText(1000, "Give a reason.");

export const createCourseRequest = z.strictObject({
  format: courseFormat,
  lineage,
  /** Defaults to the next working day (Monday to Friday) in the service's zone; the contract can move it. */
  startDate: isoDate.optional(),
  /** The initial tasks already done when the course is opened (e.g. at the assessment); default no. */
  diagnosisNamed: z.boolean().optional(),
  sickRoleGiven: z.boolean().optional(),
});
export type CreateCourseRequest = z.infer<typeof createCourseRequest>;

export const initialTasksRequest = z
  .strictObject({ version, diagnosisNamed: z.boolean().optional(), sickRoleGiven: z.boolean().optional() })
  .refine((v) => v.diagnosisNamed !== undefined || v.sickRoleGiven !== undefined, {
    message: "Change at least one task.",
  });
export type InitialTasksRequest = z.infer<typeof initialTasksRequest>;

export const problemAreaRequest = z.strictObject({
  version,
  primaryArea: problemArea,
  secondaryArea: problemArea.nullable().default(null),
  disputeStage: disputeStage.nullable().default(null),
  sensitivityModifier: z.boolean().default(false),
  /** Required once the course has left the initial phase: the change is recorded with it. */
  reason: reason.optional(),
});
export type ProblemAreaRequest = z.input<typeof problemAreaRequest>;

export const formulationRequest = z.strictObject({
  version,
  formulation: z.string().trim().min(1, "Write the formulation.").max(5000),
  /** The date the client agreed with it; null while it is still a draft. */
  agreedOn: isoDate.nullable(),
  /**
   * When the current episode began (the interpersonal timeline), not after the service's today.
   * Left out: unchanged; null: cleared.
   */
  episodeOnsetOn: isoDate.nullable().optional(),
});
export type FormulationRequest = z.infer<typeof formulationRequest>;

/** One grief task's note; "" clears it. */
const griefNote = z.string().trim().max(5000, "Keep this to 5,000 characters or fewer.");

/**
 * The grief tasks (ipt/grief), kept while grief is the course's primary or secondary area. Each note
 * left out stays as it was; "" clears it.
 */
export const griefTasksRequest = z.strictObject({
  version,
  /** The events before, during and after the death, and the feelings about them. */
  deathEvents: griefNote.optional(),
  /** The relationship with the person who died, reconstructed: its positive and its negative aspects. */
  relationshipPositive: griefNote.optional(),
  relationshipNegative: griefNote.optional(),
  /** Grief avoided or postponed: the feelings kept away from. */
  avoidedGrief: griefNote.optional(),
});
export type GriefTasksRequest = z.infer<typeof griefTasksRequest>;

export const contractRequest = z.strictObject({
  version,
  plannedSessions: z.int("Enter a whole number of sessions."),
  frequency,
  sessionMinutes: z.int("Enter minutes as a whole number."),
  /** The first session is on the first `weekday` on or after this date. */
  startDate: isoDate,
  /** The day of the week and time of day (service's time zone) the sessions are held. */
  weekday: isoWeekday,
  startTime: timeOfDay,
  terminationLead: z
    .int()
    .min(2, "Start termination 2 to 4 sessions before the end.")
    .max(4, "Start termination 2 to 4 sessions before the end."),
  missedSessionPolicy: z.string().trim().min(1, "Say what happens after a missed session.").max(1000),
  agreedOn: isoDate,
});
export type ContractRequest = z.infer<typeof contractRequest>;

/**
 * A maintenance contract after a completed acute course (ipt/maintenance): its length (6–12 sessions), its
 * interval (monthly by default), the session length of the course's format, its first date, weekday and
 * time of day (service's time zone), and when it was agreed. The plan is generated at once.
 */
export const startMaintenanceRequest = z.strictObject({
  plannedSessions: z.int("Enter a whole number of sessions."),
  frequency,
  sessionMinutes: z.int("Enter minutes as a whole number."),
  startDate: isoDate,
  weekday: isoWeekday,
  startTime: timeOfDay,
  missedSessionPolicy: z.string().trim().min(1, "Say what happens after a missed session.").max(1000),
  agreedOn: isoDate,
});
export type StartMaintenanceRequest = z.infer<typeof startMaintenanceRequest>;

export const versionRequest = z.strictObject({ version });
export type VersionRequest = z.infer<typeof versionRequest>;

/** Raising the ending; more than 4 sessions before the end it needs the reason (endingIsEarly). */
export const raiseEndingRequest = z.strictObject({
  version,
  earlyReason: z.string().trim().min(1, "Give the reason for ending early.").max(1000).optional(),
});
export type RaiseEndingRequest = z.infer<typeof raiseEndingRequest>;

export const terminationChecklistRequest = z.strictObject({
  version,
  progressReviewed: z.boolean().optional(),
  gainsCredited: z.boolean().optional(),
  feelingsDiscussed: z.boolean().optional(),
  /** The relapse-prevention plan: what to do and when to come back; "" clears it. */
  relapsePlan: z.string().trim().max(5000).optional(),
  /** Early warning signs, what helped, people to contact; "" clears each. */
  relapseWarningSigns: z.string().trim().max(2000, "Keep this to 2,000 characters or fewer.").optional(),
  relapseWhatHelped: z.string().trim().max(2000, "Keep this to 2,000 characters or fewer.").optional(),
  relapsePeople: z.string().trim().max(2000, "Keep this to 2,000 characters or fewer.").optional(),
  nextStep: nextStep.nullable().optional(),
  /** Why no final score was obtained; "" clears it. */
  noFinalScoreReason: z.string().trim().max(1000, "Keep the reason to 1,000 characters or fewer.").optional(),
  /** For a course that did not respond: whether further treatment or a referral was offered. */
  nonResponseOffer: nonResponseOffer.nullable().optional(),
});
export type TerminationChecklistRequest = z.infer<typeof terminationChecklistRequest>;

export const completeCourseRequest = z.strictObject({
  version,
  outcome: courseOutcome,
  /** Required when the course is discontinued. */
  reason: z.string().trim().max(1000).optional(),
  endedOn: isoDate,
});
export type CompleteCourseRequest = z.infer<typeof completeCourseRequest>;

// --- Plan edits: each re-flows numbers, phases and agendas and is recorded in the plan history ---

export const addSessionRequest = z.strictObject({
  version,
  /** Defaults to the contract's weekday one interval after the last session. */
  plannedDate: isoDate.optional(),
  /** Defaults to the contract's time of day. */
  startTime: timeOfDay.optional(),
});
export type AddSessionRequest = z.infer<typeof addSessionRequest>;

export const dropSessionRequest = z.strictObject({ version, sessionId: entityId, reason });
export type DropSessionRequest = z.infer<typeof dropSessionRequest>;

export const cancelSessionRequest = z.strictObject({
  version,
  sessionId: entityId,
  reason,
  /** Add a replacement session at the end so the contracted number is kept. */
  replace: z.boolean(),
});
export type CancelSessionRequest = z.infer<typeof cancelSessionRequest>;

export const rescheduleSessionRequest = z.strictObject({
  version,
  sessionId: entityId,
  plannedDate: isoDate,
  /** The new time of day; the session keeps its own when left out. */
  startTime: timeOfDay.optional(),
  /** Move every later planned session by the same number of days. */
  moveLater: z.boolean().default(false),
});
export type RescheduleSessionRequest = z.input<typeof rescheduleSessionRequest>;

export const sessionSummary = z.object({
  id: z.uuid(),
  number: z.int().nullable(),
  ...sessionWhen,
  phase: sessionPhase.nullable(),
  slot: z.string().nullable(),
  status: sessionStatus,
  signed: z.boolean(),
  agendaDone: z.int(),
  agendaTotal: z.int(),
  /** IPT-A: a parent's or carer's attendance at this session; null when not recorded. */
  parentAttendance: parentAttendance.nullable(),
  version: z.int(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const problemAreaChange = z.object({
  id: z.uuid(),
  changedAt: z.iso.datetime(),
  changedBy: personRef,
  fromPrimary: problemArea.nullable(),
  toPrimary: problemArea,
  fromSecondary: problemArea.nullable(),
  toSecondary: problemArea.nullable(),
  fromStage: disputeStage.nullable(),
  toStage: disputeStage.nullable(),
  reason: z.string(),
});

export const planChange = z.object({
  id: z.uuid(),
  changedAt: z.iso.datetime(),
  changedBy: personRef,
  kind: z.string(),
  summary: z.string(),
});

export const courseDetail = z.object({
  id: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string(), workingDiagnosis: z.string(), version: z.int() }),
  sequence: z.int(),
  /** An acute course, or a maintenance course after one (ipt/maintenance). */
  kind: courseKind,
  /** A maintenance course's acute course. */
  acuteCourse: z.object({ id: z.uuid(), sequence: z.int() }).nullable(),
  /** An acute course's maintenance courses, oldest first. */
  maintenanceCourses: z.array(z.object({ id: z.uuid(), sequence: z.int(), phase: coursePhase })),
  format: courseFormat,
  lineage,
  phase: coursePhase,
  plannedSessions: z.int(),
  frequency,
  startDate: isoDate,
  sessionMinutes: z.int(),
  /** The contract's day of the week (1 = Monday) and time of day of the sessions. */
  sessionWeekday: isoWeekday,
  sessionTime: timeOfDay,
  terminationLead: z.int(),
  /** The session number at which termination starts and the ending must be raised. */
  terminationStartNumber: z.int(),
  diagnosisNamed: z.boolean(),
  sickRoleGiven: z.boolean(),
  primaryArea: problemArea.nullable(),
  secondaryArea: problemArea.nullable(),
  disputeStage: disputeStage.nullable(),
  sensitivityModifier: z.boolean(),
  formulation: z.string().nullable(),
  formulationAgreedOn: isoDate.nullable(),
  /** When the current episode began; null until recorded. */
  episodeOnsetOn: isoDate.nullable(),
  /** The grief tasks' notes (ipt/grief); null where nothing is recorded. */
  griefTasks: z.object({
    deathEvents: z.string().nullable(),
    relationshipPositive: z.string().nullable(),
    relationshipNegative: z.string().nullable(),
    avoidedGrief: z.string().nullable(),
  }),
  contractAgreedOn: isoDate.nullable(),
  missedSessionPolicy: z.string().nullable(),
  templateVersion: z.string().nullable(),
  middleStartedAt: z.iso.datetime().nullable(),
  terminationRaisedAt: z.iso.datetime().nullable(),
  /** Why the ending was raised more than 4 sessions before the end; null when it was on time. */
  terminationEarlyReason: z.string().nullable(),
  termination: z.object({
    progressReviewed: z.boolean(),
    gainsCredited: z.boolean(),
    feelingsDiscussed: z.boolean(),
    /** What to do and when to come back. */
    relapsePlan: z.string().nullable(),
    relapseWarningSigns: z.string().nullable(),
    relapseWhatHelped: z.string().nullable(),
    relapsePeople: z.string().nullable(),
    nextStep: nextStep.nullable(),
    noFinalScoreReason: z.string().nullable(),
    nonResponseOffer: nonResponseOffer.nullable(),
    /** A PHQ-9 or HAM-D-17 at the last held session. */
    finalScoreRecorded: z.boolean(),
    /** The outcome status is no response, no reliable change or reliable deterioration. */
    nonResponding: z.boolean(),
  }),
  outcome: courseOutcome.nullable(),
  outcomeReason: z.string().nullable(),
  endedOn: isoDate.nullable(),
  version: z.int(),
  /** What still stands between this course and the middle phase; empty when it may move on. */
  initialPhaseGaps: z.array(ruleGap),
  warnings: z.array(warning),
  /** Risk and measurement alerts first (most serious first), then course flags. */
  flags: z.array(flag),
  /** Latest scores, change from baseline and outcome status. */
  measures: measureSummary,
  /** All sessions, cancelled ones included, in date order. */
  sessions: z.array(sessionSummary),
  /** The next planned session, with the focus the last held session set for it. */
  nextSession: z
    .object({ id: z.uuid(), number: z.int(), ...sessionWhen, phase: sessionPhase, focus: z.string() })
    .nullable(),
  problemAreaChanges: z.array(problemAreaChange),
  planChanges: z.array(planChange),
  /** Recent risk, no-shows and outreach attempts: what closing the course needs first. */
  outreach: courseOutreach,
});
export type CourseDetail = z.infer<typeof courseDetail>;
