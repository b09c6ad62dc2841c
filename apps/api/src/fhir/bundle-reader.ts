// The way back: a course Bundle of ours read into the rows of one course, with every problem named by
// its path ("entry[4].resource.extension…"). The reverse of the mapping modules; it trusts nothing:
// each value is checked against the same vocabularies the API uses.
import {
  agendaItem,
  clientStatus,
  courseFormat,
  courseOutcome,
  coursePhase,
  type difficultyAnswers,
  disputeStage,
  frequency,
  isCalendarDate,
  isoWeekday,
  isTimeOfDay,
  lineage,
  nextStep,
  nonResponseOffer,
  outreachMethod,
  outreachOutcome,
  parentAttendance,
  type ParentAttendance,
  problemArea,
  type riskLevel,
  type safetyPlanAction,
  sessionPhase,
  sessionStatus,
  technique,
  type Instrument,
} from "@ipt/shared";
import type {
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  Condition,
  Encounter,
  Patient,
  Provenance,
  Resource,
} from "@medplum/fhirtypes";
import { z } from "zod";
import { complexParts, dateOnly, ExtensionReader, located, type Located } from "./extension-reader";
import { readHistories, type ImportedHistories } from "./histories";
import { readInventory, type ImportedInventory } from "./inventory";
import { readCoSignatures, type ImportedCoSignature } from "./read-cosignatures";
import { readScoresAndFlags } from "./read-scores-flags";
import { readSupervision, type ImportedSupervision } from "./supervision";
import type { FhirProblem } from "./structure-validation";

/** What the import writes: the export's source shape, with the exporting instance's ids still in it. */
export interface ImportedCourse {
  /** The client's interpersonal inventory (fhir/inventory.ts). */
  inventory: ImportedInventory;
  /** The course's problem-area and plan-change histories (fhir/histories.ts). */
  histories: ImportedHistories;
  /** The course's review threads and fidelity ratings (fhir/supervision.ts). */
  supervision: ImportedSupervision;
  /** Supervisors' co-signatures, by their signer's reference (fhir/read-cosignatures.ts). */
  coSignatures: ImportedCoSignature[];
  client: {
    displayName: string;
    yearOfBirth: number | null;
    referralReason: string;
    workingDiagnosis: string | null;
    status: z.infer<typeof clientStatus>;
  };
  course: {
    sequence: number;
    format: z.infer<typeof courseFormat>;
    lineage: z.infer<typeof lineage>;
    phase: z.infer<typeof coursePhase>;
    plannedSessions: number;
    frequency: z.infer<typeof frequency>;
    startDate: string;
    sessionMinutes: number;
    sessionWeekday: number;
    sessionTime: string;
    terminationLead: number;
    diagnosisNamed: boolean;
    sickRoleGiven: boolean;
    primaryArea: z.infer<typeof problemArea> | null;
    secondaryArea: z.infer<typeof problemArea> | null;
    disputeStage: z.infer<typeof disputeStage> | null;
    sensitivityModifier: boolean;
    formulation: string | null;
    formulationAgreedOn: string | null;
    episodeOnsetOn: string | null;
    griefDeathEvents: string | null;
    griefRelationshipPositive: string | null;
    griefRelationshipNegative: string | null;
    griefAvoidedGrief: string | null;
    contractAgreedOn: string | null;
    missedSessionPolicy: string | null;
    templateVersion: string | null;
    middleStartedAt: string | null;
    terminationRaisedAt: string | null;
    terminationEarlyReason: string | null;
    progressReviewed: boolean;
    gainsCredited: boolean;
    feelingsDiscussed: boolean;
    relapsePlan: string | null;
    relapseWarningSigns: string | null;
    relapseWhatHelped: string | null;
    relapsePeople: string | null;
    noFinalScoreReason: string | null;
    nonResponseOffer: z.infer<typeof nonResponseOffer> | null;
    nextStep: z.infer<typeof nextStep> | null;
    outcome: z.infer<typeof courseOutcome> | null;
    outcomeReason: string | null;
    endedOn: string | null;
  };
  outreachAttempts: {
    attemptedAt: string;
    method: z.infer<typeof outreachMethod>;
    outcome: z.infer<typeof outreachOutcome>;
    note: string;
  }[];
  sessions: {
    sourceId: string;
    number: number | null;
    createdOrder: number;
    plannedDate: string;
    startTime: string;
    durationMinutes: number;
    phase: z.infer<typeof sessionPhase> | null;
    slot: string | null;
    status: z.infer<typeof sessionStatus>;
    /** The calendar feed's SEQUENCE; 0 when the Bundle has none (never moved). */
    scheduleSequence: number;
    /** The calendar feed's UID of the session's event; null when the Bundle has none (a new one is made). */
    calendarUid: string | null;
    agenda: z.infer<typeof agendaItem>[];
    techniques: z.infer<typeof technique>[];
    incident: string;
    notes: string;
    betweenSessionWork: string;
    nextFocus: string;
    riskReviewDone: boolean;
    riskReviewNote: string;
    parentAttendance: ParentAttendance | null;
    cancelReason: string | null;
    signedAt: string | null;
    amendments: { reason: string; text: string; createdAt: string }[];
  }[];
  scores: {
    sourceId: string;
    sessionSourceId: string;
    instrument: Instrument;
    items: number[];
    total: number;
    difficulty: keyof typeof difficultyAnswers | null;
    administeredOn: string;
    correctsSourceId: string | null;
    correctionReason: string | null;
    enteredAt: string;
    completedByClientAt: string | null;
  }[];
  riskFlags: {
    sessionSourceId: string;
    scoreSourceId: string;
    itemValue: number;
    raisedAt: string;
    resolvedAt: string | null;
    resolved: boolean;
    resolutionReason: string | null;
    /** A supervisor's acknowledgement at the exporting instance: when, and their user identifier there. */
    acknowledgedAt: string | null;
    acknowledgedByExternal: string | null;
    followUps: {
      riskLevel: z.infer<typeof riskLevel>;
      actionsTaken: string;
      safetyPlan: z.infer<typeof safetyPlanAction>;
      supervisorInformed: boolean;
      /** The supervisor named as informed: their user identifier at the exporting instance. */
      supervisorExternal: string | null;
      followedUpAt: string;
      createdAt: string;
    }[];
  }[];
}

/**
 * One course of a Bundle. `continues`: the course is a maintenance course whose CarePlan replaces the
 * acute course's of the same Bundle (fhir/bundle-courses.ts); any other course must be acute.
 */
export function readCourseBundle(
  entries: BundleEntry[],
  { continues = false }: { continues?: boolean } = {},
): {
  course: ImportedCourse | null;
  problems: FhirProblem[];
} {
  const problems: FhirProblem[] = [];
  const byUrl = new Map(
    entries.flatMap((entry) => (entry.fullUrl && entry.resource ? [[entry.fullUrl, entry.resource]] : [])),
  );
  const one = <T extends Resource>(type: T["resourceType"], required: boolean): Located<T> | null => {
    const found = located<T>(entries, type);
    if (found.length > 1)
      problems.push({ path: found[1]?.path ?? "entry", message: `A course Bundle holds one ${type}.` });
    if (found.length === 0 && required)
      problems.push({ path: "entry", message: `A course Bundle needs a ${type}.` });
    return found[0] ?? null;
  };

  const patient = one<Patient>("Patient", true);
  const condition = one<Condition>("Condition", false);
  const plan = one<CarePlan>("CarePlan", true);
  if (!patient || !plan) return { course: null, problems };

  const patientExt = new ExtensionReader(patient.resource.extension, patient.path, problems);
  const planExt = new ExtensionReader(plan.resource.extension, plan.path, problems);
  // A maintenance course continues an acute course of the same record, which its Bundle carries (a
  // second CarePlan this one replaces); without it, it is refused, named (docs/decisions/018, 026).
  const courseKind = planExt.string("course-kind");
  if (courseKind === "maintenance" && !continues) {
    problems.push({
      path: `${plan.path}.extension`,
      message:
        "A maintenance course continues an acute course of the same record: its Bundle must carry that course (a CarePlan this one replaces).",
    });
  }
  if (continues && courseKind !== "maintenance") {
    problems.push({
      path: `${plan.path}.replaces`,
      message: "Only a maintenance course replaces another course's CarePlan.",
    });
  }
  // A group IPT member's course belongs to a therapy group, which a course Bundle does not carry
  // (docs/decisions/027): refused, named.
  if (courseKind === "group") {
    problems.push({
      path: `${plan.path}.extension`,
      message: "A group IPT member's course belongs to its therapy group: it cannot be imported on its own.",
    });
  }
  const startDate = dateOnly(plan.resource.period?.start);
  if (!startDate)
    problems.push({ path: `${plan.path}.period.start`, message: "The course's start date is missing." });

  const birthYear = patient.resource.birthDate ? Number(patient.resource.birthDate.slice(0, 4)) : null;
  const client: ImportedCourse["client"] = {
    displayName: patient.resource.name?.[0]?.text ?? "Imported client",
    yearOfBirth: birthYear,
    referralReason: patientExt.string("referral-reason", true) ?? "",
    workingDiagnosis: condition?.resource.code?.text ?? null,
    status: patientExt.code("client-status", clientStatus, true) ?? "active",
  };

  const course: ImportedCourse["course"] = {
    sequence: planExt.integer("course-sequence", true) ?? 1,
    format: planExt.code("ipt-format", courseFormat, true) ?? "standard",
    lineage: planExt.code("ipt-lineage", lineage, true) ?? "weissman",
    phase: planExt.code("ipt-phase", coursePhase, true) ?? "initial",
    plannedSessions: planExt.integer("planned-sessions", true) ?? 0,
    frequency: planExt.code("frequency", frequency, true) ?? "weekly",
    startDate: startDate ?? "",
    sessionMinutes: planExt.integer("session-minutes", true) ?? 0,
    sessionWeekday: planExt.integer("session-weekday", true) ?? 1,
    sessionTime: planExt.string("session-time", true) ?? "09:00",
    terminationLead: planExt.integer("termination-lead", true) ?? 2,
    diagnosisNamed: planExt.boolean("diagnosis-named"),
    sickRoleGiven: planExt.boolean("sick-role-given"),
    primaryArea: planExt.code("problem-area-primary", problemArea),
    secondaryArea: planExt.code("problem-area-secondary", problemArea),
    disputeStage: planExt.code("dispute-stage", disputeStage),
    sensitivityModifier: planExt.boolean("sensitivity-modifier"),
    formulation: planExt.string("formulation"),
    formulationAgreedOn: planExt.date("formulation-agreed-on"),
    episodeOnsetOn: planExt.date("episode-onset-on"),
    griefDeathEvents: planExt.string("grief-death-events"),
    griefRelationshipPositive: planExt.string("grief-relationship-positive"),
    griefRelationshipNegative: planExt.string("grief-relationship-negative"),
    griefAvoidedGrief: planExt.string("grief-avoided-grief"),
    contractAgreedOn: planExt.date("contract-agreed-on"),
    missedSessionPolicy: planExt.string("missed-session-policy"),
    templateVersion: planExt.string("template-version"),
    middleStartedAt: planExt.dateTime("middle-started-at"),
    terminationRaisedAt: planExt.dateTime("termination-raised-at"),
    terminationEarlyReason: planExt.string("termination-early-reason"),
    progressReviewed: planExt.boolean("progress-reviewed"),
    gainsCredited: planExt.boolean("gains-credited"),
    feelingsDiscussed: planExt.boolean("feelings-discussed"),
    relapsePlan: planExt.string("relapse-plan"),
    relapseWarningSigns: planExt.string("relapse-warning-signs"),
    relapseWhatHelped: planExt.string("relapse-what-helped"),
    relapsePeople: planExt.string("relapse-people"),
    noFinalScoreReason: planExt.string("no-final-score-reason"),
    nonResponseOffer: planExt.code("non-response-offer", nonResponseOffer),
    nextStep: planExt.code("next-step", nextStep),
    outcome: planExt.code("outcome", courseOutcome),
    outcomeReason: planExt.string("outcome-reason"),
    endedOn: dateOnly(plan.resource.period?.end),
  };

  // Signatures of session records, by the Encounter they sign.
  const signedAt = new Map<string, string>();
  for (const provenance of located<Provenance>(entries, "Provenance")) {
    const kind = new ExtensionReader(provenance.resource.extension, provenance.path, problems).string(
      "provenance-kind",
    );
    const target = provenance.resource.target[0]?.reference;
    if (kind === "session-signature" && target) signedAt.set(target, provenance.resource.recorded);
  }

  const activities = (plan.resource.activity ?? []).slice(1);
  const sessions = activities.flatMap((activity: CarePlanActivity, index) => {
    const path = `${plan.path}.activity[${String(index + 1)}].detail`;
    const ext = new ExtensionReader(activity.detail?.extension, path, problems);
    const sourceId = ext.string("session-id", true);
    const status = ext.code("session-status", sessionStatus, true);
    const plannedDate = ext.date("session-planned-date");
    if (!plannedDate)
      problems.push({ path: `${path}.extension`, message: "The session's planned date is missing." });
    const encounterUrl = activity.outcomeReference?.[0]?.reference;
    const linked = encounterUrl ? byUrl.get(encounterUrl) : undefined;
    const encounter: Encounter | undefined = linked?.resourceType === "Encounter" ? linked : undefined;
    if (status === "held" && !encounter) {
      problems.push({
        path: `${path.replace(/\.detail$/, "")}.outcomeReference`,
        message: "A held session needs its Encounter.",
      });
    }
    const encounterPath = `entry[${String(entries.findIndex((e) => e.fullUrl === encounterUrl))}].resource`;
    const record = new ExtensionReader(encounter?.extension, encounterPath, problems);
    const agendaText = encounter ? record.string("agenda") : null;
    const agenda = z.array(agendaItem).safeParse(agendaText === null ? [] : safeJson(agendaText));
    if (!agenda.success) {
      problems.push({
        path: `${encounterPath}.extension`,
        message: "The session's agenda is not in our agenda format.",
      });
    }
    const techniques = record.strings("technique").flatMap((value) => {
      const parsed = technique.safeParse(value);
      if (!parsed.success)
        problems.push({
          path: `${encounterPath}.extension`,
          message: `"${value}" is not a known technique.`,
        });
      return parsed.success ? [parsed.data] : [];
    });
    if (!sourceId || !status || !plannedDate) return [];
    return [
      {
        sourceId,
        number: ext.integer("session-number"),
        createdOrder: ext.integer("session-created-order", true) ?? index + 1,
        plannedDate,
        startTime: ext.string("session-start-time", true) ?? "09:00",
        durationMinutes: ext.integer("session-duration-minutes", true) ?? 50,
        phase: ext.code("session-phase", sessionPhase),
        slot: ext.string("session-slot"),
        status,
        scheduleSequence: ext.integer("session-schedule-sequence") ?? 0,
        calendarUid: ext.string("session-calendar-uid"),
        agenda: agenda.success ? agenda.data : [],
        techniques,
        incident: record.string("incident") ?? "",
        notes: record.string("notes") ?? "",
        betweenSessionWork: record.string("between-session-work") ?? "",
        nextFocus: record.string("next-focus") ?? "",
        riskReviewDone: record.boolean("risk-review-done"),
        riskReviewNote: record.string("risk-review-note") ?? "",
        parentAttendance: record.code("parent-attendance", parentAttendance),
        cancelReason: ext.string("session-cancel-reason"),
        signedAt: encounterUrl ? (signedAt.get(encounterUrl) ?? null) : null,
        amendments: complexParts(encounter?.extension, "amendment").flatMap((parts) => {
          const reason = parts.get("reason")?.valueString;
          const text = parts.get("text")?.valueString;
          const createdAt = parts.get("createdAt")?.valueDateTime;
          if (!reason || !text || !createdAt) {
            problems.push({
              path: `${encounterPath}.extension`,
              message: "An amendment needs its reason, text and time.",
            });
            return [];
          }
          return [{ reason, text, createdAt }];
        }),
      },
    ];
  });
  const sessionIds = new Set(sessions.map((s) => s.sourceId));
  const { scores, riskFlags } = readScoresAndFlags(entries, sessionIds, problems);

  const outreachAttempts = complexParts(plan.resource.extension, "outreach-attempt").flatMap((parts) => {
    const attemptedAt = parts.get("attemptedAt")?.valueDateTime;
    const method = outreachMethod.safeParse(parts.get("method")?.valueString);
    const outcome = outreachOutcome.safeParse(parts.get("outcome")?.valueString);
    if (!attemptedAt || !method.success || !outcome.success) {
      problems.push({
        path: `${plan.path}.extension`,
        message: "An outreach attempt needs its time, method and outcome.",
      });
      return [];
    }
    return [
      { attemptedAt, method: method.data, outcome: outcome.data, note: parts.get("note")?.valueString ?? "" },
    ];
  });

  const inventory = readInventory(entries, problems);
  const histories = readHistories(plan.resource.extension, plan.path, problems);
  const supervision = readSupervision(entries, sessions, problems);
  const coSignatures = readCoSignatures(entries, sessions, problems);
  const read = {
    client,
    course,
    sessions,
    scores,
    riskFlags,
    outreachAttempts,
    inventory,
    histories,
    supervision,
    coSignatures,
  };
  problems.push(...consistencyProblems(read, plan.path));
  return { course: read, problems };
}

/** A calendar UID as iCalendar carries it (RFC 5545 advises a globally unique text; ours are
 *  "<32 hex>@session-planner"): printable, no spaces or line breaks. */
const CALENDAR_UID = /^[A-Za-z0-9._@+=:-]{1,255}$/;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Values another part of the app relies on: times and dates in our formats, and the uniqueness the
 *  database requires (so a hand-made Bundle is refused with a path, never a failed write). */
function consistencyProblems(read: ImportedCourse, planPath: string): FhirProblem[] {
  const problems: FhirProblem[] = [];
  const at = (message: string, path = planPath) => problems.push({ path, message });
  const { course } = read;
  if (!isCalendarDate(course.startDate)) at("The start date is not a date.", `${planPath}.period.start`);
  if (!isTimeOfDay(course.sessionTime))
    at("The session time is not a time like 09:30.", `${planPath}.extension`);
  if (!isoWeekday.safeParse(course.sessionWeekday).success)
    at("The session weekday is not 1–7.", `${planPath}.extension`);
  if (course.plannedSessions < 1 || course.sessionMinutes < 1)
    at("The contract's numbers must be positive.", `${planPath}.extension`);
  read.sessions.forEach((session, index) => {
    const path = `${planPath}.activity[${String(index + 1)}].detail.extension`;
    if (!isCalendarDate(session.plannedDate)) at("The session's date is not a date.", path);
    if (!isTimeOfDay(session.startTime)) at("The session's time is not a time like 09:30.", path);
    if (session.durationMinutes < 1) at("The session's length must be positive.", path);
    if (session.scheduleSequence < 0) at("The session's calendar sequence cannot be negative.", path);
    if (session.calendarUid !== null && !CALENDAR_UID.test(session.calendarUid))
      at("The session's calendar UID must be 1–255 letters, digits and . _ @ + = : -.", path);
  });
  const repeated = (values: (string | number | null)[]) =>
    values.filter((value, index) => value !== null && values.indexOf(value) !== index);
  if (repeated(read.sessions.map((s) => s.sourceId)).length > 0)
    at("Two sessions have the same id.", `${planPath}.activity`);
  if (repeated(read.sessions.map((s) => s.calendarUid)).length > 0)
    at("Two sessions have the same calendar UID.", `${planPath}.activity`);
  if (repeated(read.sessions.map((s) => s.createdOrder)).length > 0)
    at("Two sessions have the same order.", `${planPath}.activity`);
  if (repeated(read.scores.map((s) => s.sourceId)).length > 0) at("Two scores have the same id.", "entry");
  if (repeated(read.scores.map((s) => s.correctsSourceId)).length > 0)
    at("A score is corrected twice.", "entry");
  if (repeated(read.riskFlags.map((f) => f.scoreSourceId)).length > 0)
    at("Two risk flags name one score.", "entry");
  return problems;
}
