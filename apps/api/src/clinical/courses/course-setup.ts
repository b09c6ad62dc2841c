// Setting a course up in the initial phase: opening it, the initial tasks, the problem area and the
// formulation. Ownership is checked before the transaction (so a denied audit row is kept); each
// write then locks the course, checks its version and is audited in the same transaction.
import {
  agendaFor,
  type AgendaItem,
  type CourseDetail,
  type CreateCourseRequest,
  DEFAULT_SESSION_TIME,
  formatPresets,
  type FormulationRequest,
  type InitialTasksRequest,
  nextWorkingDay,
  problemAreaErrors,
  type problemAreaRequest,
  toDateColumn,
  weekdayOf,
} from "@ipt/shared";
import type { z } from "zod";
import { Prisma, type PrismaClient, type Tx } from "../../db/prisma";
import { conflict, invalid, invalidFields } from "../../errors/app-error";
import { auditClinical, ownedClient, ownedCourse, type Actor } from "../access";
import { changedFields } from "../clients/clients-service";
import { live } from "../live";
import { agendaOf } from "../sessions/session-detail";
import { courseForWrite, type CourseRow } from "../plan/course-write";
import { getCourseDetail } from "./course-detail";
import { required } from "../../errors/required";
import { serviceToday } from "../../settings/service-time";
import { refreshCourseSummary } from "../../supervision/course-summary";

export async function createCourse(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  request: CreateCourseRequest,
): Promise<CourseDetail> {
  await ownedClient(prisma, actor, clientId);
  const preset = formatPresets[request.format];
  try {
    return await prisma.$transaction(async (tx) => {
      const last = await tx.course.findFirst({
        where: { clientId },
        select: { sequence: true, phase: true },
        orderBy: { sequence: "desc" },
      });
      if (last && last.phase !== "completed") {
        throw conflict(
          "This client already has an open course. Complete or discontinue it before starting another.",
        );
      }
      const sequence = (last?.sequence ?? 0) + 1;
      // The first session defaults to the next working day in the service's zone, never today.
      const startDate = request.startDate ?? nextWorkingDay(await serviceToday(tx, actor.now));
      const { id } = await tx.course.create({
        data: {
          clientId,
          sequence,
          format: request.format,
          lineage: request.lineage,
          plannedSessions: preset.defaultSessions,
          sessionMinutes: preset.defaultSessionMinutes,
          startDate: toDateColumn(startDate),
          sessionWeekday: weekdayOf(startDate),
          sessionTime: DEFAULT_SESSION_TIME,
          diagnosisNamed: request.diagnosisNamed ?? false,
          sickRoleGiven: request.sickRoleGiven ?? false,
        },
        select: { id: true },
      });
      // Field names only, as for a later change of the initial tasks.
      const tasksDone = (["diagnosisNamed", "sickRoleGiven"] as const).filter((task) => request[task]);
      await auditClinical(tx, actor, "course.created", "course", id, {
        clientId,
        sequence,
        ...(tasksDone.length > 0 ? { initialTasks: tasksDone } : {}),
      });
      await refreshCourseSummary(tx, id);
      return getCourseDetail(tx, actor, id, { audit: false });
    });
  } catch (error) {
    // Two courses opened at once: the second loses the race for the sequence number.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(
        "This client already has an open course. Complete or discontinue it before starting another.",
      );
    }
    throw error;
  }
}

export async function setInitialTasks(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: InitialTasksRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  const { version, ...tasks } = request;
  return prisma.$transaction(async (tx) => {
    await courseForWrite(tx, courseId, version);
    await tx.course.update({ where: { id: courseId }, data: tasks });
    await auditClinical(tx, actor, "course.initial_tasks_updated", "course", courseId, {
      fields: changedFields(tasks),
    });
    await refreshCourseSummary(tx, courseId);
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}

export async function setFormulation(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: FormulationRequest,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  const onset = request.episodeOnsetOn;
  return prisma.$transaction(async (tx) => {
    await courseForWrite(tx, courseId, request.version);
    if (onset) {
      const today = await serviceToday(tx, actor.now);
      if (onset > today) {
        throw invalid("body.episodeOnsetOn", `The episode cannot begin in the future (today is ${today}).`);
      }
    }
    await tx.course.update({
      where: { id: courseId },
      data: {
        formulation: request.formulation,
        formulationAgreedOn: request.agreedOn ? toDateColumn(request.agreedOn) : null,
        // Left out of the request: the onset stays as it was.
        ...(onset === undefined ? {} : { episodeOnsetOn: onset ? toDateColumn(onset) : null }),
      },
    });
    await auditClinical(tx, actor, "course.formulation_set", "course", courseId, {
      fields: ["formulation", "formulationAgreedOn", ...(onset === undefined ? [] : ["episodeOnsetOn"])],
      agreed: request.agreedOn !== null,
    });
    await refreshCourseSummary(tx, courseId);
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}

/** The shared rule names the "sensitivity" input; the request calls it sensitivityModifier. */
const problemAreaField = (field: string) => `body.${field === "sensitivity" ? "sensitivityModifier" : field}`;

type ProblemAreaInput = z.output<typeof problemAreaRequest>;

/**
 * Sets the problem area. After the initial phase a change of area or dispute stage needs a reason and
 * is recorded; planned, unsigned middle sessions get the new area's agenda (their custom items stay).
 */
export async function setProblemArea(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: ProblemAreaInput,
): Promise<CourseDetail> {
  await ownedCourse(prisma, actor, courseId);
  const { version, primaryArea, secondaryArea, disputeStage, sensitivityModifier, reason } = request;
  return prisma.$transaction(async (tx) => {
    const course = await courseForWrite(tx, courseId, version);
    const errors = problemAreaErrors({
      lineage: course.lineage,
      primaryArea,
      secondaryArea,
      disputeStage,
      sensitivity: sensitivityModifier,
    });
    if (errors.length > 0) {
      throw invalidFields(
        errors.map((error) => ({ field: problemAreaField(error.field), message: error.message })),
      );
    }
    const next = { primaryArea, secondaryArea, disputeStage, sensitivityModifier };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => course[key] !== next[key]);
    const areaChanged = changed.some((key) => key !== "sensitivityModifier");
    const recorded = course.phase !== "initial" && areaChanged;
    if (recorded && !reason) {
      throw invalid("body.reason", "Give the reason for changing the problem area after the initial phase.");
    }

    await tx.course.update({ where: { id: courseId }, data: next });
    if (recorded && reason) {
      await tx.problemAreaChange.create({
        data: {
          courseId,
          changedById: actor.userId,
          fromPrimary: course.primaryArea,
          toPrimary: primaryArea,
          fromSecondary: course.secondaryArea,
          toSecondary: secondaryArea,
          fromStage: course.disputeStage,
          toStage: disputeStage,
          reason,
        },
      });
    }
    const rebuilt = changed.length > 0 ? await rebuildMiddleAgendas(tx, { ...course, ...next }) : 0;
    if (rebuilt > 0) {
      await tx.planChange.create({
        data: {
          courseId,
          changedById: actor.userId,
          kind: "agendas_rebuilt",
          summary: `Agendas of ${rebuilt} planned middle ${rebuilt === 1 ? "session" : "sessions"} rebuilt for the new problem area`,
        },
      });
    }
    await auditClinical(tx, actor, "course.problem_area_set", "course", courseId, {
      fields: changed,
      changeRecorded: recorded,
      sessionsRebuilt: rebuilt,
    });
    await refreshCourseSummary(tx, courseId);
    return getCourseDetail(tx, actor, courseId, { audit: false });
  });
}

type AgendaCourse = Pick<
  CourseRow,
  "id" | "format" | "lineage" | "plannedSessions" | "primaryArea" | "disputeStage" | "sensitivityModifier"
>;

/**
 * Gives planned, unsigned middle sessions the agenda of the course's (new) problem area. Custom items
 * stay at the end; a template item kept from before keeps its done mark. Returns how many changed.
 * The sessions' versions are bumped, so an editor open on an old agenda gets 409, not a lost update.
 */
async function rebuildMiddleAgendas(tx: Tx, course: AgendaCourse): Promise<number> {
  const sessions = await tx.therapySession.findMany({
    where: {
      courseId: course.id,
      status: "planned",
      signedAt: null,
      // A group member's middle group sessions carry their problem area too (ipt/group).
      slot: { in: ["middle", "group-middle"] },
      number: { not: null },
      ...live,
    },
    select: { id: true, number: true, slot: true, agenda: true },
  });
  let changed = 0;
  for (const session of sessions) {
    const before = agendaOf(session.agenda);
    const doneBefore = new Map(before.map((item) => [item.key, item.done]));
    const agenda: AgendaItem[] = [
      ...agendaFor({
        slot: session.slot === "group-middle" ? "group-middle" : "middle",
        format: course.format,
        lineage: course.lineage,
        primaryArea: course.primaryArea,
        disputeStage: course.disputeStage,
        sensitivity: course.sensitivityModifier,
        number: required(session.number, `the number of middle session ${session.id}`), // selected with a number
        total: course.plannedSessions,
      }).map((item) => ({ ...item, done: doneBefore.get(item.key) ?? false })),
      ...before.filter((item) => item.kind === "custom"),
    ];
    if (JSON.stringify(agenda) === JSON.stringify(before)) continue;
    await tx.therapySession.update({
      where: { id: session.id },
      data: { agenda, version: { increment: 1 } },
    });
    changed += 1;
  }
  return changed;
}
