// Rating-scale scores, their corrections, risk flags and safety follow-ups, the course's measures
// view, the end-of-treatment summary and the organisation's measurement settings: wire shapes only.
// Scoring, outcomes and alerts are computed by ../measures (the API is authoritative).
import { z } from "zod";
import { shortText } from "../common/text";
import { flag } from "../ipt/rules";
import {
  courseFormat,
  courseOutcome,
  coursePhase,
  disputeStage,
  lineage,
  nextStep,
  problemArea,
  sessionPhase,
  sessionStatus,
  technique,
} from "../ipt/vocabulary";
import { serviceSettings } from "../dates/service-settings";
import { bandRef, courseOutcomeResult, duePoint, measureChange, measureSummary } from "../measures/results";
import { measurementSettings } from "../measures/settings";
import { supervisionSettings } from "../supervision/settings";
import { riskEscalation } from "../safety/escalation";
import { safetySettings } from "../safety/settings";
import { questionnaireSendingSettings, questionnaireSettings } from "../questionnaires/settings";
import {
  difficultyLevel,
  HAMD17_MAX,
  instrument,
  ITEM_COUNTS,
  riskLevel,
  safetyPlanAction,
} from "../measures/vocabulary";
import { personRef, recordAuthor } from "../users/users";
import { entityId, isoDate, version } from "./clients";

export const measureParams = z.object({ measureId: entityId });
export const riskFlagParams = z.object({ riskFlagId: entityId });

const answer = z
  .int("Answer with 0, 1, 2 or 3.")
  .min(0, "Answer with 0, 1, 2 or 3.")
  .max(3, "Answer with 0, 1, 2 or 3.");
/** Item answers in form order. A missing answer (null or absent) is refused item by item, never guessed. */
const answers = z.array(answer.nullable()).max(9, "Too many answers for this form.");
const hamdTotal = z
  .int("Enter the HAM-D-17 total as a whole number.")
  .min(0, `Enter a total from 0 to ${HAMD17_MAX}.`)
  .max(HAMD17_MAX, `Enter a total from 0 to ${HAMD17_MAX}.`);
const reason = shortText(1000, "Give a reason.");

/** Names each unanswered or extra item, e.g. items.8 "Answer item 9." */
function checkAnswerCount(count: number, items: (number | null)[] | undefined, ctx: z.RefinementCtx) {
  for (let index = 0; index < count; index++) {
    if (items?.[index] === null || items?.[index] === undefined) {
      ctx.addIssue({ code: "custom", path: ["items", index], message: `Answer item ${index + 1}.` });
    }
  }
  if (items && items.length > count) {
    ctx.addIssue({ code: "custom", path: ["items"], message: `This form has ${count} items.` });
  }
}

export const recordMeasureRequest = z
  .strictObject({
    /** A held session of this course: the score is tied to its session number. */
    sessionId: entityId,
    instrument,
    /** PHQ-9: 9 answers, GAD-7: 7; not given for HAM-D-17. */
    items: answers.optional(),
    /** HAM-D-17 only: the clinician-rated total. */
    total: hamdTotal.optional(),
    /** PHQ-9 and GAD-7 only; never part of the total. */
    difficulty: difficultyLevel.nullable().optional(),
    /** Defaults to the session's date. */
    administeredOn: isoDate.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.instrument === "hamd17") {
      if (body.total === undefined) {
        ctx.addIssue({ code: "custom", path: ["total"], message: "Enter the HAM-D-17 total." });
      }
      if (body.items !== undefined) {
        ctx.addIssue({ code: "custom", path: ["items"], message: "HAM-D-17 is recorded as a total only." });
      }
      if (body.difficulty !== undefined && body.difficulty !== null) {
        ctx.addIssue({
          code: "custom",
          path: ["difficulty"],
          message: "HAM-D-17 has no difficulty question.",
        });
      }
      return;
    }
    checkAnswerCount(ITEM_COUNTS[body.instrument], body.items, ctx);
    if (body.total !== undefined) {
      ctx.addIssue({ code: "custom", path: ["total"], message: "The total is worked out from the items." });
    }
  });
export type RecordMeasureRequest = z.infer<typeof recordMeasureRequest>;

/** A correction replaces the score's answers (or HAM-D-17 total); the original is kept. */
export const correctMeasureRequest = z.strictObject({
  items: answers.optional(),
  total: hamdTotal.optional(),
  difficulty: difficultyLevel.nullable().optional(),
  reason,
});
export type CorrectMeasureRequest = z.infer<typeof correctMeasureRequest>;

export const measureScore = z.object({
  id: z.uuid(),
  instrument,
  sessionId: z.uuid(),
  sessionNumber: z.int().nullable(),
  items: z.array(z.int()),
  total: z.int(),
  band: bandRef,
  difficulty: difficultyLevel.nullable(),
  administeredOn: isoDate,
  enteredAt: z.iso.datetime(),
  enteredBy: personRef,
  /** The score this one corrects, and why. */
  correctsId: z.uuid().nullable(),
  correctionReason: z.string().nullable(),
  /** False once a correction has replaced it (the original stays on record). */
  current: z.boolean(),
  /** When the client filled it in themself through a questionnaire link; null when entered by a clinician. */
  completedByClientAt: z.iso.datetime().nullable(),
});
export type MeasureScore = z.infer<typeof measureScore>;

export const safetyFollowUpRequest = z.strictObject({
  riskAssessed: z.literal(true, "Assess the risk before recording the follow-up."),
  riskLevel,
  actionsTaken: z.string().trim().min(1, "Describe the actions taken.").max(5000),
  safetyPlan: safetyPlanAction,
  supervisorInformed: z.boolean("Say whether a supervisor was informed."),
  /** Which of the therapist's supervisors was informed, if any. */
  supervisorId: entityId.nullable().optional(),
  /** When the follow-up took place. */
  followedUpAt: z.iso.datetime({ offset: true, message: "Use a date and time." }),
});
export type SafetyFollowUpRequest = z.infer<typeof safetyFollowUpRequest>;

export const safetyFollowUp = z.object({
  id: z.uuid(),
  riskAssessed: z.literal(true),
  riskLevel,
  actionsTaken: z.string(),
  safetyPlan: safetyPlanAction,
  supervisorInformed: z.boolean(),
  /** The supervisor named as informed: a local user, or one of an instance a FHIR import came from. */
  supervisor: recordAuthor.nullable(),
  followedUpAt: z.iso.datetime(),
  recordedBy: personRef,
  createdAt: z.iso.datetime(),
});
export type SafetyFollowUp = z.infer<typeof safetyFollowUp>;

export const resolveRiskFlagRequest = z.strictObject({ version, reason });
export type ResolveRiskFlagRequest = z.infer<typeof resolveRiskFlagRequest>;

export const riskFlagDetail = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  sessionId: z.uuid(),
  sessionNumber: z.int().nullable(),
  scoreId: z.uuid(),
  /** The PHQ-9 item 9 answer that raised it (1–3). */
  itemValue: z.int(),
  raisedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: personRef.nullable(),
  resolutionReason: z.string().nullable(),
  version: z.int(),
  followUps: z.array(safetyFollowUp),
  /** Whether it escalated to the supervisors, and who acknowledged it when (safety/escalation.ts). */
  escalation: riskEscalation,
});
export type RiskFlagDetail = z.infer<typeof riskFlagDetail>;

export const recordMeasureResponse = z.object({
  score: measureScore,
  /** Raised at once when PHQ-9 item 9 is above 0. */
  riskFlag: riskFlagDetail.nullable(),
});
export type RecordMeasureResponse = z.infer<typeof recordMeasureResponse>;

/** Everything about a course's measures: scores (with corrections), outcome, schedule, alerts, risk. */
export const courseMeasures = z.object({
  courseId: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  therapist: personRef,
  format: courseFormat,
  phase: coursePhase,
  plannedSessions: z.int(),
  /** The plan, for the chart's phase bands and the session picker. */
  sessions: z.array(
    z.object({
      id: z.uuid(),
      number: z.int().nullable(),
      plannedDate: isoDate,
      phase: sessionPhase.nullable(),
      status: sessionStatus,
    }),
  ),
  /** Every score, originals and corrections, oldest first. */
  scores: z.array(measureScore),
  summary: measureSummary,
  outcome: courseOutcomeResult,
  schedule: z.array(duePoint),
  /** Risk and measurement alerts, most serious first. */
  flags: z.array(flag),
  riskFlags: z.array(riskFlagDetail),
  settings: z.strictObject(measurementSettings.shape),
  /** Only the client's therapist writes; supervisors read. */
  canWrite: z.boolean(),
});
export type CourseMeasures = z.infer<typeof courseMeasures>;

/** The printable end-of-treatment summary. */
export const endOfTreatmentSummary = z.object({
  course: z.object({
    id: z.uuid(),
    sequence: z.int(),
    format: courseFormat,
    lineage,
    phase: coursePhase,
    plannedSessions: z.int(),
    startDate: isoDate,
    endedOn: isoDate.nullable(),
    outcome: courseOutcome.nullable(),
    outcomeReason: z.string().nullable(),
    primaryArea: problemArea.nullable(),
    secondaryArea: problemArea.nullable(),
    disputeStage: disputeStage.nullable(),
    sensitivityModifier: z.boolean(),
    formulation: z.string().nullable(),
  }),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  therapist: personRef,
  sessions: z.object({ held: z.int(), noShow: z.int(), cancelled: z.int(), planned: z.int() }),
  firstHeldOn: isoDate.nullable(),
  lastHeldOn: isoDate.nullable(),
  measures: z.object({
    phq9: measureChange.nullable(),
    gad7: measureChange.nullable(),
    hamd17: measureChange.nullable(),
  }),
  baselineBands: z.object({ phq9: bandRef.nullable(), gad7: bandRef.nullable(), hamd17: bandRef.nullable() }),
  finalBands: z.object({ phq9: bandRef.nullable(), gad7: bandRef.nullable(), hamd17: bandRef.nullable() }),
  outcome: courseOutcomeResult,
  /** Work done: how many held sessions used each technique. */
  techniques: z.array(z.object({ technique, sessions: z.int() })),
  termination: z.object({
    raisedAt: z.iso.datetime().nullable(),
    progressReviewed: z.boolean(),
    gainsCredited: z.boolean(),
    feelingsDiscussed: z.boolean(),
    relapsePlan: z.string().nullable(),
    nextStep: nextStep.nullable(),
  }),
  riskFlags: z.object({ raised: z.int(), open: z.int() }),
  generatedAt: z.iso.datetime(),
});
export type EndOfTreatmentSummary = z.infer<typeof endOfTreatmentSummary>;

/** An open risk flag among a supervisor's supervisees' clients. */
export const supervisionRiskFlag = z.object({
  riskFlagId: z.uuid(),
  raisedAt: z.iso.datetime(),
  itemValue: z.int(),
  sessionNumber: z.int().nullable(),
  followUpRecorded: z.boolean(),
  courseId: z.uuid(),
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  therapist: personRef,
  escalation: riskEscalation,
});
export type SupervisionRiskFlag = z.infer<typeof supervisionRiskFlag>;
/** Flags awaiting a supervisor's acknowledgement first, then the oldest first. */
export const supervisionRiskFlagsResponse = z.object({
  items: z.array(supervisionRiskFlag),
  /** How many of them await an acknowledgement: the count the supervisor's pages show at the top. */
  awaitingAcknowledgement: z.int(),
});
export type SupervisionRiskFlagsResponse = z.infer<typeof supervisionRiskFlagsResponse>;

export const measurementSettingsResponse = z.object({
  settings: z.strictObject(measurementSettings.shape),
  defaults: measurementSettings,
  supervision: supervisionSettings,
  supervisionDefaults: supervisionSettings,
  service: serviceSettings,
  serviceDefaults: serviceSettings,
  safety: safetySettings,
  safetyDefaults: safetySettings,
  questionnaires: questionnaireSettings,
  questionnairesDefaults: questionnaireSettings,
  questionnaireSending: questionnaireSendingSettings,
  questionnaireSendingDefaults: questionnaireSendingSettings,
  /** 0 while the defaults have never been changed. */
  version: z.int(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: personRef.nullable(),
});
export type MeasurementSettingsResponse = z.infer<typeof measurementSettingsResponse>;

export const updateMeasurementSettingsRequest = z.strictObject({
  /** The version last read (0 for the defaults). */
  version: z.int("Must be a whole number.").min(0),
  // Closed like the body itself: an unknown setting is refused, not dropped.
  settings: z.strictObject(measurementSettings.shape),
  supervision: z.strictObject(supervisionSettings.shape),
  service: z.strictObject(serviceSettings.shape),
  safety: z.strictObject(safetySettings.shape),
  /** Left out, the stored questionnaire settings stay as they are. */
  questionnaires: z.strictObject(questionnaireSettings.shape).optional(),
  /** Left out, the stored automatic-sending settings stay as they are. */
  questionnaireSending: z.strictObject(questionnaireSendingSettings.shape).optional(),
});
export type UpdateMeasurementSettingsRequest = z.infer<typeof updateMeasurementSettingsRequest>;
