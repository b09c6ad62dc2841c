// What every write to a course's plan, sessions or ending shares: the course row is locked first, so
// plan edits, session writes and termination steps of one course run one at a time and each check
// sees the latest state; a completed course takes no more changes; refused rules are audited.
import { PlanRuleError, toDateColumn, type PlannedSession } from "@ipt/shared";
import { type PrismaClient, type Tx } from "../../db/prisma";
import { AppError, conflict, invalidFields } from "../../errors/app-error";
import { recordAudit } from "../../audit/audit-log";
import { assertVersion, type Actor } from "../access";

export async function lockCourse(tx: Tx, courseId: string) {
  await tx.$queryRaw`SELECT 1 FROM courses WHERE id = ${courseId}::uuid FOR UPDATE`;
}

export function assertCourseOpen(phase: string) {
  if (phase === "completed") {
    throw conflict("This course is completed: its plan and records can no longer be changed.");
  }
}

/**
 * Locks the course, checks it is open and still at `version`, and bumps the version. A stale version
 * answers 409; the caller's transaction then rolls back, so nothing is changed.
 */
export async function courseForWrite(tx: Tx, courseId: string, version: number) {
  await lockCourse(tx, courseId);
  const course = await tx.course.findUniqueOrThrow({ where: { id: courseId } });
  assertCourseOpen(course.phase);
  const { count } = await tx.course.updateMany({
    where: { id: courseId, version },
    data: { version: { increment: 1 } },
  });
  await assertVersion(count, "This course");
  return course;
}

export type CourseRow = Awaited<ReturnType<typeof courseForWrite>>;

/**
 * Runs `work`; when it refuses a clinical rule (422 rule_unmet), records "course.rule_refused"
 * (outcome failure) with the rule and the missing items' names, after the transaction rolled back.
 */
export async function withRefusalAudit<T>(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  rule: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "rule_unmet") {
      await recordAudit(prisma, actor.audit, {
        action: "course.rule_refused",
        outcome: "failure",
        entityType: "course",
        entityId: courseId,
        details: { rule, missing: (error.fields ?? []).map((f) => f.field) },
      });
    }
    throw error;
  }
}

/** A generated plan's session as its therapy_sessions row (contract, maintenance and group plans). */
export function plannedSessionRow(courseId: string, session: PlannedSession, createdOrder: number) {
  return {
    courseId,
    number: session.number,
    createdOrder,
    plannedDate: toDateColumn(session.plannedDate),
    startTime: session.startTime,
    durationMinutes: session.durationMinutes,
    phase: session.phase,
    slot: session.slot,
    agenda: session.agenda,
  };
}

/**
 * A generated plan, or the shared plan rules' refusal as a 400 naming the request's field: `fieldOf`
 * maps a rule's field (e.g. `total`) to the request's (e.g. `body.plannedSessions`).
 */
export function planOrFieldError<T>(generate: () => T, fieldOf: (ruleField: string) => string): T {
  try {
    return generate();
  } catch (error) {
    if (error instanceof PlanRuleError) {
      throw invalidFields([{ field: fieldOf(error.field), message: error.message }]);
    }
    throw error;
  }
}
