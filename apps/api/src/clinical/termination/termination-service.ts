// The ending of a course: raising it explicitly, the termination checklist, and completion or
// discontinuation. Each step is versioned on the course and audited in the same transaction.
import {
  completionMeasureGaps,
  endingIsEarly,
  fromDateColumn,
  lastHeldNumberOf,
  outreachGap,
  toDateColumn,
} from "@ipt/shared";
import type {
  CompleteCourseRequest,
  CourseDetail,
  RaiseEndingRequest,
  TerminationChecklistRequest,
} from "@ipt/shared";
import type { PrismaClient, Tx } from "../../db/prisma";
import { loadMeasureState, measuresFromState } from "../measures/measure-state";
import { conflict, invalid } from "../../errors/app-error";
import { auditClinical, ownedCourse, ruleUnmet, type Actor } from "../access";
import { getCourseDetail } from "../courses/course-detail";
import { live } from "../live";
import { courseForWrite, withRefusalAudit, type CourseRow } from "../plan/course-write";
import { serviceToday } from "../../settings/service-time";
import { outreachStateFor } from "../../safety/outreach";
import { refreshCourseSummary } from "../../supervision/course-summary";

export const DISCONTINUED_REASON = "Course discontinued";

/**
 * "Raise the ending explicitly": the course moves from the middle phase to termination. More than
 * 4 sessions before the end (endingIsEarly) it needs the reason, kept on the course.
 */
export async function raiseTermination(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: RaiseEndingRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return withRefusalAudit(prisma, actor, courseId, "termination_raised", () =>
    prisma.$transaction(async (tx) => {
      const course = await courseForWrite(tx, courseId, request.version);
      if (course.phase === "termination")
        throw conflict("The ending has already been raised for this course.");
      if (course.phase === "maintenance") {
        throw ruleUnmet("A maintenance course has no termination phase.", [
          {
            item: "phase",
            message:
              "A maintenance course ends at its last session (the next step is decided there): complete it when its sessions are held.",
          },
        ]);
      }
      if (course.phase === "initial") {
        throw ruleUnmet("The ending can be raised only in the middle phase.", [
          {
            item: "phase",
            message:
              "The middle phase has not started: finish the initial phase (formulation and contract) and start it first.",
          },
        ]);
      }
      const next = await nextSessionNumber(tx, courseId);
      const early = next !== null && endingIsEarly(course.plannedSessions, next);
      if (early && !request.earlyReason) {
        throw ruleUnmet("The ending is being raised early: give the reason.", [
          {
            item: "early_reason",
            message: `Session ${next} is ${course.plannedSessions - next} sessions before the end; the plan raises the ending 2–4 sessions before it. Give the reason for ending early.`,
          },
        ]);
      }
      await tx.course.update({
        where: { id: courseId },
        data: {
          phase: "termination",
          terminationRaisedAt: actor.now,
          terminationEarlyReason: early ? (request.earlyReason ?? null) : null,
        },
      });
      // Whether it was early, never the reason's words (free text stays out of the audit log).
      await auditClinical(tx, actor, "course.termination_raised", "course", courseId, { early });
      await refreshCourseSummary(tx, courseId);
      return getCourseDetail(tx, actor, courseId, { audit: false });
    }),
  );
}

/** The number of the course's next planned session (the first not yet held), or null. */
async function nextSessionNumber(tx: Tx, courseId: string): Promise<number | null> {
  const next = await tx.therapySession.findFirst({
    where: { courseId, ...live, status: "planned", number: { not: null } },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  return next?.number ?? null;
}

export async function updateTerminationChecklist(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: TerminationChecklistRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  return prisma.$transaction(async (tx) => {
    const course = await courseForWrite(tx, courseId, request.version);
    // A maintenance course keeps it too: its relapse-prevention plan, next step and final score's reason.
    if (course.phase !== "termination" && course.phase !== "maintenance") {
      throw conflict("The termination checklist is kept once the ending has been raised.");
    }
    const { version: _version, ...rest } = request;
    // A cleared text (the relapse plan's parts, the reason for no final score) is stored as none.
    const data = Object.fromEntries(
      Object.entries(rest).map(([key, value]) => [key, value === "" ? null : value]),
    ) as Omit<TerminationChecklistRequest, "version">;
    await tx.course.update({ where: { id: courseId }, data });
    await auditClinical(tx, actor, "course.termination_checklist_updated", "course", courseId, {
      fields: Object.keys(request).filter((key) => key !== "version"),
    });
    await refreshCourseSummary(tx, courseId);
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}

type ChecklistState = Pick<
  CourseRow,
  | "phase"
  | "progressReviewed"
  | "gainsCredited"
  | "feelingsDiscussed"
  | "relapseWarningSigns"
  | "relapsePlan"
  | "nextStep"
>;

/**
 * What still stands between a maintenance course and its completion: its sessions held (the last one
 * decides the next step and updates the relapse-prevention plan; ipt/maintenance).
 */
function maintenanceCompletionGaps(plannedLeft: number) {
  return plannedLeft > 0
    ? [
        {
          item: "plannedSessions",
          message: `${plannedLeft} planned ${plannedLeft === 1 ? "session is" : "sessions are"} not yet recorded as held or no-show, or cancelled.`,
        },
      ]
    : [];
}

/** What still stands between a course and its completion, one entry per missing item. */
function completionGaps(course: ChecklistState, plannedLeft: number) {
  const gaps: { item: string; message: string }[] = [];
  if (course.phase !== "termination") {
    gaps.push({
      item: "phase",
      message: "The ending has not been raised: raise it before completing the course.",
    });
  }
  if (!course.progressReviewed) {
    gaps.push({ item: "progressReviewed", message: "Review progress with the client." });
  }
  if (!course.gainsCredited) {
    gaps.push({ item: "gainsCredited", message: "Credit the client with the gains made." });
  }
  if (!course.feelingsDiscussed) {
    gaps.push({ item: "feelingsDiscussed", message: "Discuss the client's feelings about ending." });
  }
  // The relapse-prevention plan: warning signs, and what to do and when to come back [S4][S11b].
  if (!course.relapseWarningSigns?.trim()) {
    gaps.push({ item: "relapseWarningSigns", message: "Write the early warning signs of the relapse plan." });
  }
  if (!course.relapsePlan?.trim()) {
    gaps.push({
      item: "relapsePlan",
      message: "Write what to do and when to come back in the relapse plan.",
    });
  }
  if (!course.nextStep) {
    gaps.push({
      item: "nextStep",
      message: "Choose the next step: maintenance, referral or no further treatment.",
    });
  }
  if (plannedLeft > 0) {
    gaps.push({
      item: "plannedSessions",
      message: `${plannedLeft} planned ${plannedLeft === 1 ? "session is" : "sessions are"} not yet recorded as held or no-show, or cancelled.`,
    });
  }
  return gaps;
}

/** The final score and, for a non-responding course, what was offered (shared measures/completion). */
async function measureGaps(tx: Tx, course: CourseRow) {
  const sessions = await tx.therapySession.findMany({
    where: { courseId: course.id, ...live },
    select: { id: true, number: true, status: true },
  });
  const { series, outcome } = measuresFromState(
    await loadMeasureState(tx, [course.id]),
    course.id,
    course,
    sessions,
  );
  return completionMeasureGaps({
    series,
    status: outcome.status,
    lastHeldNumber: lastHeldNumberOf(sessions),
    noFinalScoreReason: course.noFinalScoreReason,
    nonResponseOffer: course.nonResponseOffer,
  });
}

/**
 * Ends the course. "completed" needs the termination phase, the whole checklist and no planned
 * sessions left; "discontinued" needs a reason and cancels the planned sessions that remain.
 */
export async function completeCourse(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: CompleteCourseRequest,
): Promise<CourseDetail> {
  const discontinued = request.outcome === "discontinued";
  const reason = request.reason?.trim() ? request.reason.trim() : null;
  await ownedCourse(prisma, actor, courseId);
  if (discontinued && !reason) throw invalid("body.reason", "Give the reason the course was discontinued.");
  return withRefusalAudit(prisma, actor, courseId, "course_completed", () =>
    prisma.$transaction(async (tx) => {
      const course = await courseForWrite(tx, courseId, request.version);
      const today = await serviceToday(tx, actor.now);
      if (request.endedOn > today) {
        throw invalid("body.endedOn", `The course cannot end in the future (today is ${today}).`);
      }
      if (request.endedOn < fromDateColumn(course.startDate)) {
        throw invalid(
          "body.endedOn",
          `The course started on ${fromDateColumn(course.startDate)}: it cannot end before that.`,
        );
      }
      // Recent risk: no closing without a recorded outreach attempt (safety/outreach, [S25l][S25m]).
      const outreach = outreachGap(await outreachStateFor(tx, courseId, actor.now), discontinued);
      let cancelled = 0;
      if (discontinued) {
        if (outreach) throw ruleUnmet("The course cannot be discontinued yet.", [outreach]);
        ({ count: cancelled } = await tx.therapySession.updateMany({
          where: { courseId, status: "planned", ...live },
          data: {
            status: "cancelled",
            cancelReason: DISCONTINUED_REASON,
            number: null,
            phase: null,
            version: { increment: 1 },
          },
        }));
      } else {
        const plannedLeft = await tx.therapySession.count({
          where: { courseId, status: "planned", ...live },
        });
        const gaps = [
          ...(course.kind === "maintenance"
            ? maintenanceCompletionGaps(plannedLeft)
            : completionGaps(course, plannedLeft)),
          // Response is judged on the acute (or group) course: maintenance keeps gains already made;
          // a group member whose symptoms persist is considered for referral [S22d].
          ...(await measureGaps(tx, course)).filter(
            (gap) => course.kind !== "maintenance" || gap.item !== "nonResponseOffer",
          ),
          ...(outreach ? [outreach] : []),
        ];
        if (gaps.length) throw ruleUnmet("The course cannot be completed yet.", gaps);
      }
      await tx.course.update({
        where: { id: courseId },
        data: {
          phase: "completed",
          outcome: request.outcome,
          outcomeReason: reason,
          endedOn: toDateColumn(request.endedOn),
        },
      });
      await tx.client.update({
        where: { id: course.clientId },
        data: { status: request.outcome, version: { increment: 1 } },
      });
      await auditClinical(tx, actor, "course.completed", "course", courseId, {
        outcome: request.outcome,
        ...(discontinued ? { sessionsCancelled: cancelled } : {}),
      });
      await refreshCourseSummary(tx, courseId);
      return getCourseDetail(tx, actor, courseId, { audit: false });
    }),
  );
}
