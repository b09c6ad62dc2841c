// The treatment contract: number, frequency and length of sessions, start date, the weekday and time
// of day of the sessions (in the service's time zone), when termination starts and the missed-session
// policy. Agreeing it (re)generates the whole session plan in the same
// transaction, which is only allowed before any session has been held, missed or signed: the planned
// sessions it replaces are removed (soft delete), and the new ones are created after them.
import {
  acuteFrequencies,
  type ContractRequest,
  type CourseDetail,
  type FieldError,
  formatPresets,
  generatePlan,
  TEMPLATE_VERSION,
  toDateColumn,
} from "@ipt/shared";
import type { PrismaClient } from "../../db/prisma";
import { conflict, invalidFields } from "../../errors/app-error";
import { auditClinical, ownedCourse, type Actor } from "../access";
import { live, removal } from "../live";
import { getCourseDetail } from "./course-detail";
import { courseForWrite, plannedSessionRow, planOrFieldError } from "../plan/course-write";
import { refreshCourseSummary } from "../../supervision/course-summary";

/** The plan module names its inputs; the request names them differently. */
const requestFieldOf: Record<string, string> = {
  total: "body.plannedSessions",
  lead: "body.terminationLead",
  startDate: "body.startDate",
  startTime: "body.startTime",
};

export const PLAN_STARTED_MESSAGE = "The plan has started; add, drop or reschedule sessions instead.";

function contractErrors(format: keyof typeof formatPresets, request: ContractRequest): FieldError[] {
  const preset = formatPresets[format];
  const errors: FieldError[] = [];
  if (!(acuteFrequencies as readonly string[]).includes(request.frequency)) {
    errors.push({
      field: "body.frequency",
      message:
        "An acute course meets weekly or every two weeks; monthly sessions are for a maintenance contract.",
    });
  }
  if (request.plannedSessions < preset.minSessions || request.plannedSessions > preset.maxSessions) {
    errors.push({
      field: "body.plannedSessions",
      message:
        preset.minSessions === preset.maxSessions
          ? `${preset.label} has exactly ${preset.minSessions} sessions.`
          : `${preset.label} has ${preset.minSessions} to ${preset.maxSessions} sessions.`,
    });
  }
  if (
    request.sessionMinutes < preset.minSessionMinutes ||
    request.sessionMinutes > preset.maxSessionMinutes
  ) {
    errors.push({
      field: "body.sessionMinutes",
      message: `${preset.label} sessions last ${preset.minSessionMinutes} to ${preset.maxSessionMinutes} minutes.`,
    });
  }
  return errors;
}

export async function setContract(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: ContractRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return prisma.$transaction(async (tx) => {
    const course = await courseForWrite(tx, courseId, request.version);
    if (course.kind === "maintenance") {
      throw conflict(
        "A maintenance course's contract was agreed when it started; add, drop or reschedule sessions instead.",
      );
    }
    if (course.kind === "group") {
      throw conflict("A group member's plan follows the group's sessions (docs/decisions/027).");
    }
    const errors = contractErrors(course.format, request);
    if (errors.length > 0) throw invalidFields(errors);
    const started = await tx.therapySession.count({
      where: {
        courseId,
        ...live,
        OR: [{ status: { in: ["held", "no_show"] } }, { signedAt: { not: null } }],
      },
    });
    if (started > 0) throw conflict(PLAN_STARTED_MESSAGE);
    // The client may have sent answers for a planned session (questionnaires): they keep their session.
    if ((await tx.measureScore.count({ where: { courseId } })) > 0) {
      throw conflict(
        "The client's answers are already recorded at a session of this plan, so the contract cannot replace it.",
      );
    }

    const plan = planOrFieldError(
      () =>
        generatePlan({
          format: course.format,
          lineage: course.lineage,
          lead: request.terminationLead,
          frequency: request.frequency,
          primaryArea: course.primaryArea,
          disputeStage: course.disputeStage,
          sensitivity: course.sensitivityModifier,
          total: request.plannedSessions,
          startDate: request.startDate,
          weekday: request.weekday,
          startTime: request.startTime,
          durationMinutes: request.sessionMinutes,
        }),
      (field) => requestFieldOf[field] ?? "body",
    );

    const firstDate = plan[0]?.plannedDate ?? request.startDate;
    await tx.course.update({
      where: { id: courseId },
      data: {
        plannedSessions: request.plannedSessions,
        frequency: request.frequency,
        sessionMinutes: request.sessionMinutes,
        // The first session's date: the start date, or the first contract weekday after it.
        startDate: toDateColumn(firstDate),
        sessionWeekday: request.weekday,
        sessionTime: request.startTime,
        terminationLead: request.terminationLead,
        missedSessionPolicy: request.missedSessionPolicy,
        contractAgreedOn: toDateColumn(request.agreedOn),
        templateVersion: TEMPLATE_VERSION,
      },
    });
    await tx.therapySession.updateMany({
      where: { courseId, ...live },
      data: { ...removal(), number: null },
    });
    // (courseId, createdOrder) is unique and removed rows keep theirs: number the new ones after them.
    const last = await tx.therapySession.aggregate({ where: { courseId }, _max: { createdOrder: true } });
    const after = last._max.createdOrder ?? 0;
    await tx.therapySession.createMany({
      data: plan.map((session) => plannedSessionRow(courseId, session, after + session.number)),
    });
    await tx.planChange.create({
      data: {
        courseId,
        changedById: actor.userId,
        kind: "generated",
        summary: `Plan of ${plan.length} ${request.frequency} sessions from ${firstDate} at ${request.startTime}`,
      },
    });
    // An agreed contract means the client is in treatment (again, for a maintenance course).
    await tx.client.updateMany({
      where: { id: course.clientId, status: { not: "active" } },
      data: { status: "active", version: { increment: 1 } },
    });
    await auditClinical(tx, actor, "course.contract_set", "course", courseId, {
      fields: [
        "plannedSessions",
        "frequency",
        "sessionMinutes",
        "startDate",
        "sessionWeekday",
        "sessionTime",
        "terminationLead",
        "missedSessionPolicy",
        "contractAgreedOn",
      ],
    });
    await auditClinical(tx, actor, "plan.generated", "course", courseId, {
      sessions: plan.length,
      templateVersion: TEMPLATE_VERSION,
    });
    await refreshCourseSummary(tx, courseId);
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}
