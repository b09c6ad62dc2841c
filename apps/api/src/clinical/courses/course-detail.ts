// The course as the planner shows it: set-up, the gaps before the middle phase, warnings, flags
// (risk and measurement alerts first), the measures summary, the plan and its history. Every course
// endpoint answers with this; writes pass { audit: false } so one request leaves one audit row.
import {
  type CourseDetail,
  fromDateColumn,
  fromNullableDateColumn,
  hasFinalScore,
  initialPhaseGaps,
  isNonResponding,
  isoWeekday,
  type LifeEventKind,
  problemAreaWarnings,
  formatWarnings,
  griefTimingWarnings,
  terminationStartNumber,
} from "@ipt/shared";
import { personSelect } from "../../db/person-select";
import { type Prisma, type Db } from "../../db/prisma";
import { coSignGaps, gateCoSignaturesSelect } from "../../review/cosign-service";
import { auditClinical, denied, readableClientWhere, type Actor } from "../access";
import { live } from "../live";
import { loadMeasureState, measuresFromState, mergeFlags } from "../measures/measure-state";
import { getServiceTimeZone } from "../measures/settings-read";
import { agendaOf } from "../sessions/session-detail";
import { courseRecordColumns } from "./course-columns";
import { flagsOf, nextPlanned } from "./course-flags";
import { sessionWhen, sessionWhenSelect } from "../../settings/service-time";
import { outreachCourseSelect, toCourseOutreach } from "../../safety/outreach";

const courseDetailSelect = {
  ...courseRecordColumns,
  version: true,
  client: {
    select: {
      id: true,
      displayName: true,
      workingDiagnosis: true,
      yearOfBirth: true,
      version: true,
      // Kinds and dates only, for the problem-area warnings, flags and grief timing; a timeline holds a
      // handful of events.
      lifeEvents: { where: live, select: { kind: true, occurredOn: true } },
    },
  },
  sessions: {
    where: live,
    select: {
      id: true,
      number: true,
      ...sessionWhenSelect,
      phase: true,
      slot: true,
      status: true,
      signedAt: true,
      agenda: true,
      nextFocus: true,
      parentAttendance: true,
      version: true,
    },
    orderBy: [{ plannedDate: "asc" }, { startTime: "asc" }, { createdOrder: "asc" }],
  },
  problemAreaChanges: {
    select: {
      id: true,
      changedAt: true,
      changedBy: { select: personSelect },
      fromPrimary: true,
      toPrimary: true,
      fromSecondary: true,
      toSecondary: true,
      fromStage: true,
      toStage: true,
      reason: true,
    },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
  },
  planChanges: {
    select: { id: true, changedAt: true, changedBy: { select: personSelect }, kind: true, summary: true },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
  },
  // The maintenance link both ways (ipt/maintenance).
  acuteCourse: { select: { id: true, sequence: true } },
  maintenanceCourses: { select: { id: true, sequence: true, phase: true }, orderBy: { sequence: "asc" } },
  // For the co-sign gaps (joined into this query, so they cost no extra round trip).
  coSignatures: gateCoSignaturesSelect,
  // The course's flags and outreach attempts: what closing it needs (safety/outreach).
  ...outreachCourseSelect,
} satisfies Prisma.CourseSelect;

/**
 * The course if the actor may read it — its client's therapist or a supervisor assigned to that
 * therapist (404 otherwise, audited as denied). Writes pass the therapist, so they reach only their
 * own. Writes an audit row "course.viewed" unless `options.audit` is false.
 */
export async function getCourseDetail(
  db: Db,
  actor: Actor,
  courseId: string,
  options: { audit?: boolean } = {},
): Promise<CourseDetail> {
  // Access, the course, its plan, history and the client's life-event kinds in one query.
  const course = await db.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: courseDetailSelect,
  });
  if (!course) throw await denied(db, actor, "course", courseId, "The course");
  // The distinct kinds of life event on the client's timeline (the problem-area warnings use them).
  const lifeEventKinds: LifeEventKind[] = [...new Set(course.client.lifeEvents.map((event) => event.kind))];
  // A plain count by client id: a relation `_count` would aggregate the whole people table. The
  // co-sign gaps read the organisation's setting (one small query).
  const gaps =
    course.phase === "initial"
      ? [
          ...initialPhaseGapsOf(
            course,
            course.client.workingDiagnosis,
            await db.inventoryPerson.count({ where: { clientId: course.client.id, ...live } }),
          ),
          ...(await coSignGaps(db, course)),
        ]
      : [];
  const { client, sessions } = course;
  const measures = measuresFromState(await loadMeasureState(db, [course.id]), course.id, course, sessions);
  if (options.audit !== false) await auditClinical(db, actor, "course.viewed", "course", course.id);

  const held = sessions.flatMap((s) =>
    s.status === "held" && s.number !== null ? [{ ...s, number: s.number }] : [],
  );
  const lastHeld = held.reduce<(typeof held)[number] | null>(
    (last, s) => (!last || s.number > last.number ? s : last),
    null,
  );
  const next = nextPlanned(sessions);
  const timeZone = await getServiceTimeZone(db);

  return {
    id: course.id,
    client: {
      id: client.id,
      displayName: client.displayName,
      workingDiagnosis: client.workingDiagnosis ?? "",
      version: client.version,
    },
    sequence: course.sequence,
    kind: course.kind,
    acuteCourse: course.acuteCourse,
    maintenanceCourses: course.maintenanceCourses,
    format: course.format,
    lineage: course.lineage,
    phase: course.phase,
    plannedSessions: course.plannedSessions,
    frequency: course.frequency,
    startDate: fromDateColumn(course.startDate),
    sessionMinutes: course.sessionMinutes,
    sessionWeekday: isoWeekday.parse(course.sessionWeekday),
    sessionTime: course.sessionTime,
    terminationLead: course.terminationLead,
    terminationStartNumber: terminationStartNumber(course.plannedSessions, course.terminationLead),
    diagnosisNamed: course.diagnosisNamed,
    sickRoleGiven: course.sickRoleGiven,
    primaryArea: course.primaryArea,
    secondaryArea: course.secondaryArea,
    disputeStage: course.disputeStage,
    sensitivityModifier: course.sensitivityModifier,
    formulation: course.formulation,
    formulationAgreedOn: fromNullableDateColumn(course.formulationAgreedOn),
    episodeOnsetOn: fromNullableDateColumn(course.episodeOnsetOn),
    griefTasks: {
      deathEvents: course.griefDeathEvents,
      relationshipPositive: course.griefRelationshipPositive,
      relationshipNegative: course.griefRelationshipNegative,
      avoidedGrief: course.griefAvoidedGrief,
    },
    contractAgreedOn: fromNullableDateColumn(course.contractAgreedOn),
    missedSessionPolicy: course.missedSessionPolicy,
    templateVersion: course.templateVersion,
    middleStartedAt: course.middleStartedAt?.toISOString() ?? null,
    terminationRaisedAt: course.terminationRaisedAt?.toISOString() ?? null,
    terminationEarlyReason: course.terminationEarlyReason,
    termination: {
      progressReviewed: course.progressReviewed,
      gainsCredited: course.gainsCredited,
      feelingsDiscussed: course.feelingsDiscussed,
      relapsePlan: course.relapsePlan,
      relapseWarningSigns: course.relapseWarningSigns,
      relapseWhatHelped: course.relapseWhatHelped,
      relapsePeople: course.relapsePeople,
      nextStep: course.nextStep,
      noFinalScoreReason: course.noFinalScoreReason,
      nonResponseOffer: course.nonResponseOffer,
      finalScoreRecorded: hasFinalScore(measures.series, lastHeld?.number ?? null),
      // Response is judged on an acute course; maintenance keeps gains already made.
      nonResponding: course.kind !== "maintenance" && isNonResponding(measures.outcome.status),
    },
    outcome: course.outcome,
    outcomeReason: course.outcomeReason,
    endedOn: fromNullableDateColumn(course.endedOn),
    version: course.version,
    initialPhaseGaps: gaps,
    warnings: [
      ...formatWarnings({
        format: course.format,
        yearOfBirth: client.yearOfBirth,
        startYear: Number(fromDateColumn(course.startDate).slice(0, 4)),
      }),
      ...problemAreaWarnings({
        lineage: course.lineage,
        primaryArea: course.primaryArea,
        secondaryArea: course.secondaryArea,
        disputeStage: course.disputeStage,
        sensitivity: course.sensitivityModifier,
        lifeEventKinds,
      }),
      ...griefTimingWarnings({
        lineage: course.lineage,
        primaryArea: course.primaryArea,
        secondaryArea: course.secondaryArea,
        episodeOnsetOn: fromNullableDateColumn(course.episodeOnsetOn),
        deathDates: course.client.lifeEvents.flatMap((event) =>
          event.kind === "death" ? [fromDateColumn(event.occurredOn)] : [],
        ),
      }),
    ],
    flags: mergeFlags(measures.flags, flagsOf(course, sessions, lifeEventKinds)),
    measures: measures.summary,
    sessions: sessions.map((s) => {
      const agenda = agendaOf(s.agenda);
      return {
        id: s.id,
        number: s.number,
        ...sessionWhen(s, timeZone),
        phase: s.phase,
        slot: s.slot,
        status: s.status,
        signed: s.signedAt !== null,
        agendaDone: agenda.filter((item) => item.done).length,
        agendaTotal: agenda.length,
        parentAttendance: s.parentAttendance,
        version: s.version,
      };
    }),
    nextSession:
      next && next.phase
        ? {
            id: next.id,
            number: next.number,
            ...sessionWhen(next, timeZone),
            phase: next.phase,
            focus: lastHeld?.nextFocus ?? "",
          }
        : null,
    problemAreaChanges: course.problemAreaChanges.map((change) => ({
      ...change,
      changedAt: change.changedAt.toISOString(),
    })),
    planChanges: course.planChanges.map((change) => ({
      ...change,
      changedAt: change.changedAt.toISOString(),
    })),
    outreach: toCourseOutreach(course, sessions, timeZone, actor.now),
  };
}

type InitialPhaseCourse = Pick<
  Prisma.CourseGetPayload<{ select: typeof courseDetailSelect }>,
  | "diagnosisNamed"
  | "sickRoleGiven"
  | "primaryArea"
  | "disputeStage"
  | "formulation"
  | "formulationAgreedOn"
  | "contractAgreedOn"
>;

/** What the initial phase still lacks (the rule in packages/shared/src/ipt/rules.ts). */
export function initialPhaseGapsOf(
  course: InitialPhaseCourse,
  workingDiagnosis: string | null,
  inventoryPeople: number,
) {
  return initialPhaseGaps({
    workingDiagnosis,
    diagnosisNamed: course.diagnosisNamed,
    sickRoleGiven: course.sickRoleGiven,
    inventoryPeople,
    primaryArea: course.primaryArea,
    disputeStage: course.disputeStage,
    formulationAgreedOn: fromNullableDateColumn(course.formulationAgreedOn),
    formulation: course.formulation,
    contractAgreed: course.contractAgreedOn !== null,
  });
}
