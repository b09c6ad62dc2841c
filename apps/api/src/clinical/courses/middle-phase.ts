// Leaving the initial phase. The move is guarded: every initial-phase task must be done (and, when the
// organisation requires it, the formulation and plan co-signed as they stand), and a refusal lists
// exactly what is missing (422 rule_unmet) and is audited.
import type { CourseDetail, VersionRequest } from "@ipt/shared";
import type { PrismaClient } from "../../db/prisma";
import { conflict } from "../../errors/app-error";
import { coSignGapSelect, coSignGaps } from "../../review/cosign-service";
import { auditClinical, ownedCourse, ruleUnmet, type Actor } from "../access";
import { live } from "../live";
import { getCourseDetail, initialPhaseGapsOf } from "./course-detail";
import { courseForWrite, withRefusalAudit } from "../plan/course-write";
import { refreshCourseSummary } from "../../supervision/course-summary";

export async function startMiddlePhase(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: VersionRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return withRefusalAudit(prisma, actor, courseId, "middle_phase", () =>
    prisma.$transaction(async (tx) => {
      const course = await courseForWrite(tx, courseId, request.version);
      if (course.kind === "maintenance")
        throw conflict("A maintenance course has no initial or middle phase.");
      if (course.phase !== "initial") throw conflict("The middle phase has already started for this course.");
      const client = await tx.client.findUniqueOrThrow({
        where: { id: course.clientId },
        select: { workingDiagnosis: true },
      });
      const people = await tx.inventoryPerson.count({ where: { clientId: course.clientId, ...live } });
      const gate = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: coSignGapSelect });
      const gaps = [
        ...initialPhaseGapsOf(course, client.workingDiagnosis, people),
        ...(await coSignGaps(tx, gate)),
      ];
      if (gaps.length > 0) {
        throw ruleUnmet(
          `The initial phase is not complete: ${gaps.length} ${gaps.length === 1 ? "item is" : "items are"} missing.`,
          gaps,
        );
      }
      await tx.course.update({
        where: { id: courseId },
        data: { phase: "middle", middleStartedAt: actor.now },
      });
      await auditClinical(tx, actor, "course.middle_phase_started", "course", courseId);
      await refreshCourseSummary(tx, courseId);
      return getCourseDetail(tx, actor, courseId, { audit: false });
    }),
  );
}
