// Risk flags raised by PHQ-9 item 9: the safety follow-up (risk assessed, its level, actions, safety
// plan, supervisor informed, when) and resolution with a reason. Only the client's therapist writes.
// A flag stays open until resolved, also after the course has ended; resolving needs a follow-up and,
// when the flag escalated to the supervisors (../../safety), a supervisor's acknowledgement.
// Every change is audited with ids only [S25l][S25m].
import { fromDateColumn, toZoned } from "@ipt/shared";
import type { ResolveRiskFlagRequest, RiskFlagDetail, SafetyFollowUpRequest } from "@ipt/shared";
import { type PrismaClient, type Db, type Tx } from "../../db/prisma";
import { conflict, invalidFields } from "../../errors/app-error";
import { assertVersion, auditClinical, denied, ruleUnmet, staleVersion, type Actor } from "../access";
import { lockCourse } from "../plan/course-write";
import {
  escalationFlagSelect,
  escalationFollowUpSelect,
  toRiskEscalation,
} from "../../safety/escalation-wire";
import { riskFlagSelect, toRiskFlagDetail } from "./measure-wire";
import { getEscalationContext, getServiceTimeZone } from "./settings-read";
import { refreshCourseSummary } from "../../supervision/course-summary";

/** Clock drift allowed between the clinician's device and the server. */
const CLOCK_SKEW_MS = 5 * 60_000;

export const FOLLOW_UP_NEEDED = "Record the safety follow-up for the PHQ-9 item 9 answer first.";
export const ACKNOWLEDGEMENT_NEEDED =
  "This risk flag escalated to the client's supervisors: one of them must acknowledge it first.";

/** The flag if its client belongs to the actor; otherwise a 404 (audited as denied). */
async function ownedRiskFlag(db: Db, actor: Actor, riskFlagId: string) {
  const flag = await db.riskFlag.findFirst({
    where: { id: riskFlagId, course: { client: { therapistId: actor.userId } } },
    select: { id: true, courseId: true },
  });
  if (!flag) throw await denied(db, actor, "risk_flag", riskFlagId, "The risk flag");
  return flag;
}

async function loadRiskFlag(tx: Tx, riskFlagId: string, now: Date): Promise<RiskFlagDetail> {
  const row = await tx.riskFlag.findUniqueOrThrow({
    where: { id: riskFlagId },
    select: { ...riskFlagSelect, session: { select: { number: true } } },
  });
  return toRiskFlagDetail(row, row.session.number, await getEscalationContext(tx, now));
}

/**
 * Runs `write` on the actor's own flag with its course row locked (see ../plan/course-write), so two
 * writes to one flag run one at a time, and answers the flag as it then stands.
 */
async function writeRiskFlag(
  prisma: PrismaClient,
  actor: Actor,
  riskFlagId: string,
  write: (tx: Tx) => Promise<void>,
): Promise<RiskFlagDetail> {
  const owned = await ownedRiskFlag(prisma, actor, riskFlagId);
  return prisma.$transaction(async (tx) => {
    await lockCourse(tx, owned.courseId);
    await write(tx);
    await refreshCourseSummary(tx, owned.courseId);
    return loadRiskFlag(tx, riskFlagId, actor.now);
  });
}

export async function recordFollowUp(
  prisma: PrismaClient,
  actor: Actor,
  riskFlagId: string,
  request: SafetyFollowUpRequest,
): Promise<RiskFlagDetail> {
  return writeRiskFlag(prisma, actor, riskFlagId, async (tx) => {
    const flag = await tx.riskFlag.findUniqueOrThrow({
      where: { id: riskFlagId },
      select: {
        resolvedAt: true,
        score: { select: { administeredOn: true } },
        course: { select: { client: { select: { therapistId: true } } } },
      },
    });
    if (flag.resolvedAt) throw conflict("This risk flag is resolved: it takes no more follow-ups.");

    const fields: { field: string; message: string }[] = [];
    const followedUpAt = new Date(request.followedUpAt);
    const answeredOn = fromDateColumn(flag.score.administeredOn);
    // The follow-up's day on the service's calendar, whatever offset the time was written with.
    const followedUpOn = toZoned(followedUpAt, await getServiceTimeZone(tx)).date;
    if (followedUpAt.getTime() > actor.now.getTime() + CLOCK_SKEW_MS) {
      fields.push({ field: "body.followedUpAt", message: "The follow-up cannot be in the future." });
    } else if (followedUpOn < answeredOn) {
      fields.push({
        field: "body.followedUpAt",
        message: `The form was filled in on ${answeredOn}: the follow-up is on that day or later.`,
      });
    }
    const supervisorId = request.supervisorId ?? null;
    if (supervisorId && !request.supervisorInformed) {
      fields.push({
        field: "body.supervisorId",
        message: "No supervisor was informed: leave the supervisor out, or say that one was informed.",
      });
    } else if (supervisorId) {
      const assigned = await tx.supervisionAssignment.findUnique({
        where: {
          supervisorId_therapistId: { supervisorId, therapistId: flag.course.client.therapistId },
        },
        select: { supervisorId: true },
      });
      if (!assigned) {
        fields.push({ field: "body.supervisorId", message: "Choose one of your assigned supervisors." });
      }
    }
    if (fields.length) throw invalidFields(fields);

    const followUp = await tx.safetyFollowUp.create({
      data: {
        riskFlagId,
        recordedById: actor.userId,
        riskLevel: request.riskLevel,
        actionsTaken: request.actionsTaken,
        safetyPlan: request.safetyPlan,
        supervisorInformed: request.supervisorInformed,
        supervisorId,
        followedUpAt,
      },
      select: { id: true },
    });
    // The flag has changed (it may now be resolved): a resolve made against the old view is stale.
    await tx.riskFlag.update({ where: { id: riskFlagId }, data: { version: { increment: 1 } } });
    await auditClinical(tx, actor, "risk_flag.follow_up_recorded", "risk_flag", riskFlagId, {
      followUpId: followUp.id,
    });
  });
}

export async function resolveRiskFlag(
  prisma: PrismaClient,
  actor: Actor,
  riskFlagId: string,
  request: ResolveRiskFlagRequest,
): Promise<RiskFlagDetail> {
  return writeRiskFlag(prisma, actor, riskFlagId, async (tx) => {
    const flag = await tx.riskFlag.findUniqueOrThrow({
      where: { id: riskFlagId },
      select: {
        ...escalationFlagSelect,
        version: true,
        followUps: { select: escalationFollowUpSelect },
      },
    });
    if (flag.resolvedAt) throw conflict("This risk flag is already resolved.");
    if (flag.version !== request.version) throw staleVersion("This risk flag");
    const followUps = flag.followUps.length;
    if (followUps === 0) {
      throw ruleUnmet("A risk flag is resolved only after its safety follow-up is recorded.", [
        { item: "safety_follow_up", message: FOLLOW_UP_NEEDED },
      ]);
    }
    // An escalated flag is resolved only after a supervisor has acknowledged it [S25l][S25m]
    // (the acknowledgement gate is a synthesis: shared safety/escalation.ts).
    const escalation = toRiskEscalation(flag, await getEscalationContext(tx, actor.now));
    if (escalation.awaitingAcknowledgement) {
      throw ruleUnmet("A risk flag that escalated is resolved only after a supervisor acknowledges it.", [
        { item: "supervisor_acknowledgement", message: ACKNOWLEDGEMENT_NEEDED },
      ]);
    }
    const { count } = await tx.riskFlag.updateMany({
      where: { id: riskFlagId, version: request.version, resolvedAt: null },
      data: {
        resolvedAt: actor.now,
        resolvedById: actor.userId,
        resolutionReason: request.reason,
        version: { increment: 1 },
      },
    });
    await assertVersion(count, "This risk flag");
    await auditClinical(tx, actor, "risk_flag.resolved", "risk_flag", riskFlagId, { followUps });
  });
}

/**
 * Risk flags raised at this session that have no safety follow-up yet: the session cannot be signed
 * while there are any. Two plain queries (a relation filter would scan the whole follow-up table).
 */
export async function flagsWithoutFollowUp(db: Db, sessionId: string): Promise<string[]> {
  const flags = await db.riskFlag.findMany({ where: { sessionId }, select: { id: true } });
  if (flags.length === 0) return [];
  const followed = await db.safetyFollowUp.findMany({
    where: { riskFlagId: { in: flags.map((flag) => flag.id) } },
    select: { riskFlagId: true },
    distinct: ["riskFlagId"],
  });
  const done = new Set(followed.map((row) => row.riskFlagId));
  return flags.map((flag) => flag.id).filter((id) => !done.has(id));
}
