// Maintenance IPT (docs/decisions/026): after a completed acute course, a new course of the same client
// under a new contract, linked to the acute course, in the "maintenance" phase, its plan generated at once
// at the contract's interval in the service's time zone (shared ipt/maintenance). The acute course's
// problem area, formulation and relapse-prevention plan are carried over: the maintenance sessions keep
// the gains in that area and review that plan.
import {
  type CourseDetail,
  formatPresets,
  fromDateColumn,
  generateMaintenancePlan,
  maintenanceContractErrors,
  maintenanceStartGaps,
  type StartMaintenanceRequest,
  TEMPLATE_VERSION,
  toDateColumn,
} from "@ipt/shared";
import { Prisma, type PrismaClient } from "../../db/prisma";
import { AppError, invalidFields } from "../../errors/app-error";
import { auditClinical, ownedCourse, ruleUnmet, type Actor } from "../access";
import { lockCourse, plannedSessionRow, planOrFieldError, withRefusalAudit } from "../plan/course-write";
import { getCourseDetail } from "./course-detail";
import { required } from "../../errors/required";
import { refreshCourseSummary } from "../../supervision/course-summary";

const OPEN_COURSE_MESSAGE = "This client already has an open course.";

/** 409 naming the open course: one course at a time per client, maintenance included. */
const openCourseConflict = (field: string, message: string) =>
  new AppError("conflict", message, [{ field, message }]);

export async function startMaintenance(
  prisma: PrismaClient,
  actor: Actor,
  acuteCourseId: string,
  request: StartMaintenanceRequest,
): Promise<CourseDetail> {
  const { clientId } = await ownedCourse(prisma, actor, acuteCourseId);
  try {
    return await withRefusalAudit(prisma, actor, acuteCourseId, "maintenance_started", () =>
      prisma.$transaction(async (tx) => {
        // The acute course's lock serialises two starts of its maintenance.
        await lockCourse(tx, acuteCourseId);
        const acute = await tx.course.findUniqueOrThrow({ where: { id: acuteCourseId } });
        const open = await tx.course.findFirst({
          // Another open course of the client (the course itself is judged by its own phase).
          where: { clientId, id: { not: acuteCourseId }, phase: { not: "completed" } },
          select: { kind: true, acuteCourseId: true },
        });
        const gaps = maintenanceStartGaps({ courseId: acuteCourseId, course: acute, openCourse: open });
        const openGap = gaps.find((gap) => gap.field === "maintenanceCourse" || gap.field === "openCourse");
        if (openGap) throw openCourseConflict(openGap.field, openGap.message);
        if (gaps.length > 0) {
          throw ruleUnmet(
            "Maintenance starts after a completed acute course.",
            gaps.map((gap) => ({ item: gap.field, message: gap.message })),
          );
        }

        const preset = formatPresets[acute.format];
        const errors = maintenanceContractErrors({
          plannedSessions: request.plannedSessions,
          frequency: request.frequency,
          startDate: request.startDate,
          acuteEndedOn: fromDateColumn(
            required(acute.endedOn, `the end date of completed course ${acuteCourseId}`),
          ),
        }).map((error) => ({ field: `body.${error.field}`, message: error.message }));
        if (
          request.sessionMinutes < preset.minSessionMinutes ||
          request.sessionMinutes > preset.maxSessionMinutes
        ) {
          errors.push({
            field: "body.sessionMinutes",
            message: `${preset.label} sessions last ${preset.minSessionMinutes} to ${preset.maxSessionMinutes} minutes.`,
          });
        }
        if (errors.length > 0) throw invalidFields(errors);

        const plan = planOrFieldError(
          () =>
            generateMaintenancePlan({
              format: acute.format,
              lineage: acute.lineage,
              primaryArea: acute.primaryArea,
              disputeStage: acute.disputeStage,
              sensitivity: acute.sensitivityModifier,
              total: request.plannedSessions,
              frequency: request.frequency,
              startDate: request.startDate,
              weekday: request.weekday,
              startTime: request.startTime,
              durationMinutes: request.sessionMinutes,
            }),
          (field) => `body.${field === "total" ? "plannedSessions" : field}`,
        );
        const firstDate = plan[0]?.plannedDate ?? request.startDate;

        const last = await tx.course.findFirst({
          where: { clientId },
          select: { sequence: true },
          orderBy: { sequence: "desc" },
        });
        const sequence = (last?.sequence ?? 0) + 1;
        const { id } = await tx.course.create({
          data: {
            clientId,
            sequence,
            kind: "maintenance",
            acuteCourseId,
            phase: "maintenance",
            format: acute.format,
            lineage: acute.lineage,
            plannedSessions: request.plannedSessions,
            frequency: request.frequency,
            startDate: toDateColumn(firstDate),
            sessionMinutes: request.sessionMinutes,
            sessionWeekday: request.weekday,
            sessionTime: request.startTime,
            // Carried over from the acute course: what maintenance keeps and watches.
            diagnosisNamed: acute.diagnosisNamed,
            sickRoleGiven: acute.sickRoleGiven,
            primaryArea: acute.primaryArea,
            secondaryArea: acute.secondaryArea,
            disputeStage: acute.disputeStage,
            sensitivityModifier: acute.sensitivityModifier,
            formulation: acute.formulation,
            formulationAgreedOn: acute.formulationAgreedOn,
            episodeOnsetOn: acute.episodeOnsetOn,
            relapsePlan: acute.relapsePlan,
            relapseWarningSigns: acute.relapseWarningSigns,
            relapseWhatHelped: acute.relapseWhatHelped,
            relapsePeople: acute.relapsePeople,
            contractAgreedOn: toDateColumn(request.agreedOn),
            missedSessionPolicy: request.missedSessionPolicy,
            templateVersion: TEMPLATE_VERSION,
          },
          select: { id: true },
        });
        await tx.therapySession.createMany({
          data: plan.map((session) => plannedSessionRow(id, session, session.number)),
        });
        await tx.planChange.create({
          data: {
            courseId: id,
            changedById: actor.userId,
            kind: "generated",
            summary: `Maintenance plan of ${plan.length} ${request.frequency} sessions from ${firstDate} at ${request.startTime}`,
          },
        });
        // The client is in treatment again.
        await tx.client.updateMany({
          where: { id: clientId, status: { not: "active" } },
          data: { status: "active", version: { increment: 1 } },
        });
        await auditClinical(tx, actor, "course.maintenance_started", "course", id, {
          clientId,
          sequence,
          acuteCourseId,
          fields: [
            "plannedSessions",
            "frequency",
            "sessionMinutes",
            "startDate",
            "sessionWeekday",
            "sessionTime",
          ],
        });
        await auditClinical(tx, actor, "plan.generated", "course", id, {
          sessions: plan.length,
          templateVersion: TEMPLATE_VERSION,
        });
        // The supervisor's views list the new course at once (its row in course_summaries).
        await refreshCourseSummary(tx, id);
        return getCourseDetail(tx, actor, id, { audit: false });
      }),
    );
  } catch (error) {
    // Two courses opened at once: the second loses the race for the sequence number.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw openCourseConflict(
        "openCourse",
        `${OPEN_COURSE_MESSAGE} Complete it before starting maintenance.`,
      );
    }
    throw error;
  }
}
