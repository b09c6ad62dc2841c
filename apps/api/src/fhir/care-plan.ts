// The CarePlan of a course (status, intent "plan", period, the IPT format, problem areas, dispute stage,
// phase, the Condition, IPT itself as SNOMED CT 443730003, one activity per planned session) and a Goal
// per goal of the course's problem areas (the shared guidance, packages/shared/src/ipt/guidance.ts).
import {
  areaGuidance,
  formatPresets,
  fromDateColumn,
  fromZoned,
  iptCodeSystems,
  lineagePresets,
  snomedCodes,
  type ProblemArea,
} from "@ipt/shared";
import type { CarePlan, CarePlanActivity, Goal } from "@medplum/fhirtypes";
import { complexExtension, extension, localCoding, ref, stableUuid, urnOf } from "./extensions";
import type { ExportSession, ExportSource } from "./export-source";

export function carePlanStatus(source: ExportSource): CarePlan["status"] {
  if (source.outcome === "completed") return "completed";
  if (source.outcome === "discontinued") return "revoked";
  return "active";
}

/** FHIR's activity status for a session; the exact status also travels in an extension. */
const activityStatus = {
  planned: "scheduled",
  held: "completed",
  cancelled: "cancelled",
  no_show: "stopped",
} as const;

/** The areas the course works on, primary first. */
export const areasOf = (source: ExportSource): ProblemArea[] =>
  [source.primaryArea, source.secondaryArea].filter((area): area is ProblemArea => area !== null);

export interface GoalEntry {
  fullUrl: string;
  resource: Goal;
}

export function goalsOf(source: ExportSource, patientUrl: string): GoalEntry[] {
  const lifecycleStatus =
    source.outcome === "completed" ? "completed" : source.outcome ? "cancelled" : "active";
  return areasOf(source).flatMap((area) =>
    areaGuidance[area].goals.map((goal) => ({
      // Stable per course and goal, so a re-export names the same Goal.
      fullUrl: urnOf(stableUuid("goal", source.id, goal.key)),
      resource: {
        resourceType: "Goal",
        lifecycleStatus,
        description: {
          coding: [localCoding(iptCodeSystems.goal, goal.key, goal.text)],
          text: goal.text,
        },
        subject: ref(patientUrl),
      },
    })),
  );
}

function sessionActivity(
  session: ExportSession,
  timeZone: string,
  encounterUrl: string | null,
): CarePlanActivity {
  const date = fromDateColumn(session.plannedDate);
  const start = fromZoned(date, session.startTime, timeZone);
  const end = new Date(start.getTime() + session.durationMinutes * 60_000);
  return {
    ...(encounterUrl ? { outcomeReference: [ref(encounterUrl)] } : {}),
    detail: {
      extension: [
        ...extension("session-id", session.id),
        ...extension("session-status", session.status),
        ...extension("session-number", session.number),
        ...extension("session-created-order", session.createdOrder),
        ...extension("session-planned-date", session.plannedDate, "date"),
        ...extension("session-start-time", session.startTime),
        ...extension("session-duration-minutes", session.durationMinutes),
        ...extension("session-phase", session.phase),
        ...extension("session-slot", session.slot),
        ...extension("session-cancel-reason", session.cancelReason),
        // The calendar feed's SEQUENCE (bumped on every move or status change); left out while 0.
        ...extension("session-schedule-sequence", session.scheduleSequence || null),
        // The calendar feed's UID of the session's event (opaque, stable), kept by an import.
        ...extension("session-calendar-uid", session.calendarUid),
      ],
      code: {
        coding: [snomedCodes.interpersonalPsychotherapy],
        text: session.number !== null ? `Session ${String(session.number)}` : "Session (cancelled)",
      },
      status: activityStatus[session.status],
      scheduledPeriod: { start: start.toISOString(), end: end.toISOString() },
    },
  };
}

export function carePlanOf(
  source: ExportSource,
  urls: {
    patient: string;
    condition: string | null;
    goals: string[];
    encounterOf: (sessionId: string) => string | null;
  },
  timeZone: string,
): CarePlan {
  const format = formatPresets[source.format];
  const lineage = lineagePresets[source.lineage];
  const areaCoding = (area: ProblemArea | null) =>
    area ? localCoding(iptCodeSystems.problemArea, area, areaGuidance[area].label) : null;
  const status = carePlanStatus(source);
  return {
    resourceType: "CarePlan",
    extension: [
      ...extension("course-sequence", source.sequence),
      // "maintenance": a course under a maintenance contract after an acute course (docs/decisions/026).
      ...extension("course-kind", source.kind),
      ...extension("ipt-format", localCoding(iptCodeSystems.format, source.format, format.label)),
      ...extension("ipt-lineage", localCoding(iptCodeSystems.lineage, source.lineage, lineage.label)),
      ...extension("ipt-phase", localCoding(iptCodeSystems.phase, source.phase, source.phase)),
      ...extension("problem-area-primary", areaCoding(source.primaryArea)),
      ...extension("problem-area-secondary", areaCoding(source.secondaryArea)),
      ...extension(
        "dispute-stage",
        source.disputeStage
          ? localCoding(iptCodeSystems.disputeStage, source.disputeStage, source.disputeStage)
          : null,
      ),
      ...extension("planned-sessions", source.plannedSessions),
      ...extension("frequency", source.frequency),
      ...extension("session-minutes", source.sessionMinutes),
      ...extension("session-weekday", source.sessionWeekday),
      ...extension("session-time", source.sessionTime),
      ...extension("termination-lead", source.terminationLead),
      ...extension("diagnosis-named", source.diagnosisNamed),
      ...extension("sick-role-given", source.sickRoleGiven),
      ...extension("sensitivity-modifier", source.sensitivityModifier),
      ...extension("formulation", source.formulation),
      ...extension("formulation-agreed-on", source.formulationAgreedOn, "date"),
      ...extension("episode-onset-on", source.episodeOnsetOn, "date"),
      // The grief tasks' notes (ipt/grief).
      ...extension("grief-death-events", source.griefDeathEvents),
      ...extension("grief-relationship-positive", source.griefRelationshipPositive),
      ...extension("grief-relationship-negative", source.griefRelationshipNegative),
      ...extension("grief-avoided-grief", source.griefAvoidedGrief),
      ...extension("contract-agreed-on", source.contractAgreedOn, "date"),
      ...extension("missed-session-policy", source.missedSessionPolicy),
      ...extension("template-version", source.templateVersion),
      ...extension("middle-started-at", source.middleStartedAt),
      ...extension("termination-raised-at", source.terminationRaisedAt),
      ...extension("termination-early-reason", source.terminationEarlyReason),
      ...extension("progress-reviewed", source.progressReviewed),
      ...extension("gains-credited", source.gainsCredited),
      ...extension("feelings-discussed", source.feelingsDiscussed),
      ...extension("relapse-plan", source.relapsePlan),
      ...extension("relapse-warning-signs", source.relapseWarningSigns),
      ...extension("relapse-what-helped", source.relapseWhatHelped),
      ...extension("relapse-people", source.relapsePeople),
      ...extension("no-final-score-reason", source.noFinalScoreReason),
      ...extension("non-response-offer", source.nonResponseOffer),
      ...extension("next-step", source.nextStep),
      ...extension("outcome", source.outcome),
      ...extension("outcome-reason", source.outcomeReason),
      // Attempts to reach the client before the course closed (safety pathway), in order.
      ...source.outreachAttempts.map((attempt) =>
        complexExtension("outreach-attempt", {
          attemptedAt: attempt.attemptedAt,
          method: attempt.method,
          outcome: attempt.outcome,
          note: attempt.note,
        }),
      ),
    ],
    status,
    intent: "plan",
    title: `${format.label} course ${String(source.sequence)}`,
    subject: ref(urls.patient),
    period: {
      start: fromDateColumn(source.startDate),
      ...(source.endedOn ? { end: fromDateColumn(source.endedOn) } : {}),
    },
    ...(urls.condition ? { addresses: [ref(urls.condition)] } : {}),
    goal: urls.goals.map((url) => ref(url)),
    activity: [
      {
        detail: {
          code: { coding: [snomedCodes.interpersonalPsychotherapy] },
          status: status === "completed" ? "completed" : status === "revoked" ? "stopped" : "in-progress",
        },
      },
      ...source.sessions.map((session) => sessionActivity(session, timeZone, urls.encounterOf(session.id))),
    ],
  };
}
