// The grief problem area's structured tasks (packages/shared/src/ipt/grief.ts): notes on the events
// around the death, the relationship reconstructed (both sides) and avoided grief, kept on the course
// while grief is its primary or secondary area. Like the termination checklist: a note left out stays,
// "" clears it; one transaction, the course's version checked, audited with the field names only.
import { hasGriefArea, type CourseDetail, type GriefTaskField, type GriefTasksRequest } from "@ipt/shared";
import type { PrismaClient } from "../../db/prisma";
import { conflict } from "../../errors/app-error";
import { auditClinical, ownedCourse, type Actor } from "../access";
import { courseForWrite } from "../plan/course-write";
import { getCourseDetail } from "./course-detail";

/** The course's column for each note of the request. */
export const griefTaskColumns = {
  deathEvents: "griefDeathEvents",
  relationshipPositive: "griefRelationshipPositive",
  relationshipNegative: "griefRelationshipNegative",
  avoidedGrief: "griefAvoidedGrief",
} as const satisfies Record<GriefTaskField, string>;

type GriefColumn = (typeof griefTaskColumns)[GriefTaskField];

export async function updateGriefTasks(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: GriefTasksRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return prisma.$transaction(async (tx) => {
    const course = await courseForWrite(tx, courseId, request.version);
    if (!hasGriefArea(course)) {
      throw conflict(
        "The grief tasks are kept when grief is the course's problem area: choose grief as the primary or secondary area first.",
      );
    }
    const fields = (Object.keys(griefTaskColumns) as GriefTaskField[]).filter(
      (field) => request[field] !== undefined,
    );
    const data: Partial<Record<GriefColumn, string | null>> = {};
    for (const field of fields) {
      const value = request[field];
      data[griefTaskColumns[field]] = value === "" || value === undefined ? null : value;
    }
    await tx.course.update({ where: { id: courseId }, data });
    // Which notes were sent, never their words (free text stays out of the audit log).
    await auditClinical(tx, actor, "course.grief_tasks_updated", "course", courseId, { fields });
    // Nothing the cockpit's course summary shows depends on these notes: it is not refreshed.
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}
