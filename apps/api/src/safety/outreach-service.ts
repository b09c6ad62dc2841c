// Recording an outreach attempt (packages/shared/src/safety/outreach.ts): the therapist's own course,
// in the course's lock, audited with ids only.
import { fromDateColumn, toZoned, type CourseDetail, type OutreachAttemptRequest } from "@ipt/shared";
import type { PrismaClient } from "../db/prisma";
import { invalidFields } from "../errors/app-error";
import { auditClinical, ownedCourse, type Actor } from "../clinical/access";
import { getCourseDetail } from "../clinical/courses/course-detail";
import { lockCourse } from "../clinical/plan/course-write";
import { getServiceTimeZone } from "../clinical/measures/settings-read";

/** Clock drift allowed between the clinician's device and the server. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records an outreach attempt on the therapist's own course (also after it has closed: risk outlives
 * the course). Append-only; it does not move the course's version, as an amendment does not.
 */
export async function recordOutreachAttempt(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: OutreachAttemptRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return prisma.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const course = await tx.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { startDate: true },
    });
    const attemptedAt = new Date(request.attemptedAt);
    const attemptedOn = toZoned(attemptedAt, await getServiceTimeZone(tx)).date;
    const startDate = fromDateColumn(course.startDate);
    if (attemptedAt.getTime() > actor.now.getTime() + CLOCK_SKEW_MS) {
      throw invalidFields([{ field: "body.attemptedAt", message: "The attempt cannot be in the future." }]);
    }
    if (attemptedOn < startDate) {
      throw invalidFields([
        {
          field: "body.attemptedAt",
          message: `The course started on ${startDate}: the attempt is on that day or later.`,
        },
      ]);
    }
    const attempt = await tx.outreachAttempt.create({
      data: {
        courseId,
        recordedById: actor.userId,
        attemptedAt,
        method: request.method,
        outcome: request.outcome,
        note: request.note ?? "",
      },
      select: { id: true },
    });
    await auditClinical(tx, actor, "course.outreach_recorded", "course", courseId, {
      outreachAttemptId: attempt.id,
    });
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}
