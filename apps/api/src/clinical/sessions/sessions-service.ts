// Session records: read, edit while unsigned, sign (locks the record), and append amendments.
// Each write locks the course row first (see ../plan/course-write), so every check sees the latest state.
import { fromDateColumn, parentAttendanceError, RISK_REVIEW_NEEDED, riskReviewMissing } from "@ipt/shared";
import type {
  AgendaItem,
  AmendmentRequest,
  SessionDetail,
  UpdateSessionRequest,
  VersionRequest,
} from "@ipt/shared";
import { type PrismaClient, type Db, type Tx } from "../../db/prisma";
import { plainTransaction, type TransactionRunner } from "../../db/transactions";
import { conflict, invalidFields, notFound } from "../../errors/app-error";
import {
  assertVersion,
  auditClinical,
  denied,
  ownedSession,
  ruleUnmet,
  staleVersion,
  type Actor,
} from "../access";
import { live } from "../live";
import { FOLLOW_UP_NEEDED, flagsWithoutFollowUp } from "../measures/risk-service";
import { assertCourseOpen, lockCourse } from "../plan/course-write";
import { agendaOf, findReadableSessionDetail, loadSessionDetail } from "./session-detail";
import { serviceToday } from "../../settings/service-time";
import { riskReviewRequiredAt } from "../../safety/risk-review";
import { refreshCourseSummary } from "../../supervision/course-summary";

export const SIGNED_MESSAGE = "A signed session cannot be edited. Add an amendment instead.";

/** The session and its course's phase, read after the course lock (a dropped session is gone: 404). */
async function sessionForWrite(tx: Tx, sessionId: string, courseId: string) {
  await lockCourse(tx, courseId);
  const session = await tx.therapySession.findUnique({
    where: { id: sessionId, ...live },
    include: { course: { select: { phase: true, format: true } } },
  });
  if (!session) throw notFound("The session");
  return session;
}

export async function getSession(db: Db, actor: Actor, sessionId: string): Promise<SessionDetail> {
  // Access and the record in one query; a session the actor may not read is refused as ownedSession does.
  const detail = await findReadableSessionDetail(db, actor, sessionId);
  if (!detail) throw await denied(db, actor, "therapy_session", sessionId, "The session");
  await auditClinical(db, actor, "session.viewed", "therapy_session", sessionId);
  return detail;
}

/**
 * The agenda is replaced as a whole. Items from the template keep their key, kind and sources (their
 * text and done mark may change, and they may be removed); any new item must be a custom one.
 */
function checkAgenda(current: AgendaItem[], next: AgendaItem[]) {
  const byKey = new Map(current.map((item) => [item.key, item]));
  const seen = new Set<string>();
  const fields: { field: string; message: string }[] = [];
  next.forEach((item, index) => {
    const at = `body.agenda.${index}`;
    if (seen.has(item.key)) {
      fields.push({ field: `${at}.key`, message: "Each agenda item needs its own key." });
      return;
    }
    seen.add(item.key);
    const before = byKey.get(item.key);
    if (!before) {
      if (item.kind !== "custom") {
        fields.push({ field: `${at}.kind`, message: "Items you add to the agenda are custom items." });
      } else if (item.sources.length > 0) {
        fields.push({ field: `${at}.sources`, message: "Custom items cite no sources." });
      }
      return;
    }
    if (item.kind !== before.kind) {
      fields.push({ field: `${at}.kind`, message: "An agenda item keeps its kind." });
    }
    if (item.sources.join(" ") !== before.sources.join(" ")) {
      fields.push({ field: `${at}.sources`, message: "An agenda item keeps the sources it cites." });
    }
  });
  if (fields.length) throw invalidFields(fields);
}

export async function updateSession(
  prisma: PrismaClient,
  actor: Actor,
  sessionId: string,
  request: UpdateSessionRequest,
  run: TransactionRunner = plainTransaction(prisma),
): Promise<SessionDetail> {
  const owned = await ownedSession(prisma, actor, sessionId);
  return run(async (tx) => {
    const session = await sessionForWrite(tx, sessionId, owned.courseId);
    assertCourseOpen(session.course.phase);
    if (session.version !== request.version) throw staleVersion("This session");
    if (session.signedAt) throw conflict(SIGNED_MESSAGE);
    if (session.status === "cancelled") {
      throw conflict("A cancelled session cannot be edited. Plan a new session instead.");
    }
    // A group member's session follows the group session's attendance (clinical/groups).
    if (session.groupSessionId && request.status !== undefined && request.status !== session.status) {
      throw invalidFields([
        { field: "body.status", message: "Record attendance for the group session instead." },
      ]);
    }
    const plannedDate = fromDateColumn(session.plannedDate);
    const recording = request.status === "held" || request.status === "no_show";
    if (recording && (await serviceToday(tx, actor.now)) < plannedDate) {
      throw invalidFields([
        {
          field: "body.status",
          message: `This session is planned for ${plannedDate}: it can be marked held or no-show on or after that date.`,
        },
      ]);
    }
    if (request.agenda) checkAgenda(agendaOf(session.agenda), request.agenda);
    // IPT-A parent or carer attendance: on an IPT-A course's held session only [S20c].
    const attendance = parentAttendanceError({
      format: session.course.format,
      status: request.status ?? session.status,
      parentAttendance:
        request.parentAttendance === undefined ? session.parentAttendance : request.parentAttendance,
    });
    if (attendance) throw invalidFields([{ field: "body.parentAttendance", message: attendance }]);
    // Scores and fidelity ratings are tied to a held session: it stays held once one is recorded.
    if (session.status === "held" && request.status !== undefined && request.status !== "held") {
      if (await tx.measureScore.findFirst({ where: { sessionId }, select: { id: true } })) {
        throw conflict("Scores are recorded at this session, so it stays held.");
      }
      if (await tx.fidelityRating.findFirst({ where: { sessionId }, select: { id: true } })) {
        throw conflict("This session has a fidelity rating, so it stays held.");
      }
    }

    const { version: _version, ...changes } = request;
    const { count } = await tx.therapySession.updateMany({
      where: { id: sessionId, version: request.version, ...live },
      data: { ...changes, version: { increment: 1 } },
    });
    await assertVersion(count, "This session");
    const statusChanged = request.status !== undefined && request.status !== session.status;
    await auditClinical(tx, actor, "session.updated", "therapy_session", sessionId, {
      fields: Object.keys(changes),
      ...(statusChanged ? { from: session.status, to: request.status } : {}),
    });
    await refreshCourseSummary(tx, owned.courseId);
    return loadSessionDetail(tx, sessionId, actor.now);
  });
}

export async function signSession(
  prisma: PrismaClient,
  actor: Actor,
  sessionId: string,
  request: VersionRequest,
): Promise<SessionDetail> {
  const owned = await ownedSession(prisma, actor, sessionId);
  return prisma.$transaction(async (tx) => {
    const session = await sessionForWrite(tx, sessionId, owned.courseId);
    assertCourseOpen(session.course.phase);
    if (session.version !== request.version) throw staleVersion("This session");
    if (session.signedAt) throw conflict("This session is already signed.");
    if (session.status !== "held" && session.status !== "no_show") {
      throw ruleUnmet("Only a held or no-show session can be signed.", [
        {
          item: "status",
          message:
            session.status === "cancelled"
              ? "This session was cancelled: there is no record to sign."
              : "This session is still planned: record it as held or no-show first.",
        },
      ]);
    }
    // PHQ-9 item 9 above 0 at this session: the record is not closed before the safety follow-up [S25l].
    if ((await flagsWithoutFollowUp(tx, sessionId)).length > 0) {
      throw ruleUnmet("This session cannot be signed until the safety follow-up is recorded.", [
        { item: "safety_follow_up", message: FOLLOW_UP_NEEDED },
      ]);
    }
    // After a risk flag earlier in the course, the risk review is ticked or answered first [S25l][S25m].
    const reviewRequired = await riskReviewRequiredAt(tx, owned.courseId, session);
    if (
      riskReviewMissing({
        required: reviewRequired,
        done: session.riskReviewDone,
        note: session.riskReviewNote,
      })
    ) {
      throw ruleUnmet("This session cannot be signed until the risk review is recorded.", [
        { item: "risk_review", message: RISK_REVIEW_NEEDED },
      ]);
    }
    const { count } = await tx.therapySession.updateMany({
      where: { id: sessionId, version: request.version, ...live },
      data: { signedAt: actor.now, signedById: actor.userId, version: { increment: 1 } },
    });
    await assertVersion(count, "This session");
    await auditClinical(tx, actor, "session.signed", "therapy_session", sessionId, {
      status: session.status,
    });
    await refreshCourseSummary(tx, owned.courseId);
    return loadSessionDetail(tx, sessionId, actor.now);
  });
}

/**
 * Appends an amendment to a signed record. The record itself is not touched (its version stays), so
 * no version is asked for; amendments are kept in the order they were written.
 */
export async function addAmendment(
  prisma: PrismaClient,
  actor: Actor,
  sessionId: string,
  request: AmendmentRequest,
): Promise<SessionDetail> {
  const owned = await ownedSession(prisma, actor, sessionId);
  return prisma.$transaction(async (tx) => {
    const session = await sessionForWrite(tx, sessionId, owned.courseId);
    if (!session.signedAt) {
      throw conflict("Only a signed session takes amendments. Edit the record directly until it is signed.");
    }
    const amendment = await tx.sessionAmendment.create({
      data: { sessionId, authorId: actor.userId, reason: request.reason, text: request.text },
      select: { id: true },
    });
    await auditClinical(tx, actor, "session.amended", "therapy_session", sessionId, {
      amendmentId: amendment.id,
    });
    return loadSessionDetail(tx, sessionId, actor.now);
  });
}
