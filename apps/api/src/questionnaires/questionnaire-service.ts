// Questionnaire links (docs/decisions/016), the therapist's side: issue a link for a planned session
// (and e-mail it), list a course's links, revoke one. The client's side is client-answers.ts.
// The token is 256 random bits handed out once and stored only as its SHA-256. Audit rows hold ids only.
import { randomBytes } from "node:crypto";
import {
  defaultLinkInstruments,
  instrumentDefinitions,
  measurementPoints,
  QUESTIONNAIRE_PAGE_PREFIX,
  questionnaireInstrumentOrder,
  type IssuedQuestionnaireLinkResponse,
  type IssueQuestionnaireLinkRequest,
  type LinkStatus,
  type QuestionnaireLink,
  type QuestionnaireLinksResponse,
} from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { hashToken } from "../auth/login-sessions";
import { denied, ownedCourse, ownedSession, ruleUnmet, type Actor } from "../clinical/access";
import { getMeasurementSettings, getQuestionnaireSettings } from "../clinical/measures/settings-read";
import { assertCourseOpen, lockCourse } from "../clinical/plan/course-write";
import type { Db, PrismaClient, Prisma } from "../db/prisma";
import { AppError, conflict, invalid } from "../errors/app-error";
import { required } from "../errors/required";
import type { Mailer } from "../mail/mailer";
import { questionnaireMessage, type InvitationKind } from "../mail/messages";

const HOUR_MS = 3_600_000;

/** The one answer for every link that cannot be used, whatever the reason: nothing tells them apart. */
export const closedLink = () => new AppError("not_found", "This link cannot be used.");

const linkSelect = {
  id: true,
  courseId: true,
  sessionId: true,
  instruments: true,
  createdAt: true,
  expiresAt: true,
  sentAt: true,
  openedAt: true,
  completedAt: true,
  revokedAt: true,
  lockedAt: true,
  session: { select: { number: true } },
} satisfies Prisma.QuestionnaireLinkSelect;
type LinkRow = Prisma.QuestionnaireLinkGetPayload<{ select: typeof linkSelect }>;

function statusOf(row: LinkRow, now: Date): LinkStatus {
  if (row.revokedAt) return "revoked";
  if (row.completedAt) return "completed";
  if (row.lockedAt) return "locked";
  if (row.expiresAt <= now) return "expired";
  return row.openedAt ? "opened" : "sent";
}

export const itemInstruments = (list: readonly string[]) =>
  questionnaireInstrumentOrder.filter((instrument) => list.includes(instrument));

function toLink(row: LinkRow, now: Date): QuestionnaireLink {
  return {
    id: row.id,
    courseId: row.courseId,
    sessionId: row.sessionId,
    sessionNumber: row.session.number,
    instruments: itemInstruments(row.instruments),
    status: statusOf(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export interface IssueInput {
  courseId: string;
  sessionId: string;
  /** The therapist the link is issued in the name of (the client's own therapist). */
  createdById: string;
  instruments: IssueQuestionnaireLinkRequest["instruments"];
  /** The new link's token hash; the automatic sending sets a fresh one just before it sends. */
  tokenHash: string;
  audit: AuditContext;
  now: Date;
}

/**
 * Issues one link inside the caller's transaction, under the course's lock: every rule of a link (an
 * open course, a planned or held session, the identity check's year of birth, no form recorded twice).
 * Used by the therapist's route and by the automatic sending (./sending-job.ts).
 */
export async function issueLinkInTransaction(tx: Prisma.TransactionClient, input: IssueInput) {
  const { settings } = await getMeasurementSettings(tx);
  const questionnaires = await getQuestionnaireSettings(tx);
  await lockCourse(tx, input.courseId);
  const course = await tx.course.findUniqueOrThrow({
    where: { id: input.courseId },
    select: {
      phase: true,
      plannedSessions: true,
      kind: true,
      client: { select: { yearOfBirth: true, email: true } },
    },
  });
  assertCourseOpen(course.phase);
  const session = await tx.therapySession.findUniqueOrThrow({
    where: { id: input.sessionId },
    select: { number: true, status: true },
  });
  const gaps: { item: string; message: string }[] = [];
  if (session.status !== "planned" && session.status !== "held") {
    gaps.push({
      item: "session_planned",
      message: "This session was cancelled or missed: send the questionnaires for another session.",
    });
  }
  if (questionnaires.identityCheck && course.client.yearOfBirth === null) {
    gaps.push({
      item: "client_year_of_birth",
      message:
        "The service asks clients to confirm their year of birth: add it to the client's record first.",
    });
  }
  if (gaps.length) throw ruleUnmet("These questionnaires cannot be sent yet.", gaps);
  const instruments = itemInstruments(
    input.instruments ??
      defaultLinkInstruments(
        session.number,
        measurementPoints(course.plannedSessions, settings, course.kind).map((point) => point.sessionNumber),
      ),
  );
  const recorded = await tx.measureScore.findMany({
    where: { sessionId: input.sessionId, instrument: { in: instruments } },
    select: { instrument: true },
  });
  if (recorded.length) {
    throw conflict(
      `${recorded.map((score) => instrumentDefinitions[score.instrument].name).join(" and ")} is already recorded for this session.`,
    );
  }
  const created = await tx.questionnaireLink.create({
    data: {
      tokenHash: input.tokenHash,
      courseId: input.courseId,
      sessionId: input.sessionId,
      instruments,
      createdById: input.createdById,
      createdAt: input.now,
      sentAt: input.now,
      expiresAt: new Date(input.now.getTime() + questionnaires.linkLifetimeHours * HOUR_MS),
    },
    select: linkSelect,
  });
  await recordAudit(tx, input.audit, {
    action: "questionnaire_link.issued",
    entityType: "questionnaire_link",
    entityId: created.id,
    details: { sessionId: input.sessionId, instruments },
  });
  return { row: created, clientEmail: course.client.email, serviceName: questionnaires.serviceName };
}

/** A new token: 256 random bits in base64url, handed out once; only its hash is stored. */
export const newLinkToken = () => randomBytes(32).toString("base64url");

/** The absolute address of a link's page, for a message. */
export const linkUrl = (mailer: Mailer, token: string) =>
  `${required(mailer.linkOrigin, "the mailer's link origin")}${QUESTIONNAIRE_PAGE_PREFIX}${token}`;

export async function issueQuestionnaireLink(
  prisma: PrismaClient,
  mailer: Mailer,
  actor: Actor,
  sessionId: string,
  request: IssueQuestionnaireLinkRequest,
): Promise<IssuedQuestionnaireLinkResponse> {
  const owned = await ownedSession(prisma, actor, sessionId);
  if (request.sendEmail && !mailer.available) {
    throw invalid(
      "body.sendEmail",
      "This service has not set up e-mail: copy the link or show the QR code to the client instead.",
    );
  }
  const token = newLinkToken();
  const issued = await prisma.$transaction(async (tx) => {
    const result = await issueLinkInTransaction(tx, {
      courseId: owned.courseId,
      sessionId,
      createdById: actor.userId,
      instruments: request.instruments,
      tokenHash: hashToken(token),
      audit: actor.audit,
      now: actor.now,
    });
    if (request.sendEmail && result.clientEmail === null) {
      throw ruleUnmet("The questionnaires cannot be e-mailed.", [
        {
          item: "client_email",
          message: "Add the client's e-mail address to their record first, or copy the link.",
        },
      ]);
    }
    return result;
  });
  const path = `${QUESTIONNAIRE_PAGE_PREFIX}${token}`;
  let email: IssuedQuestionnaireLinkResponse["email"] = "not_requested";
  if (request.sendEmail && issued.clientEmail !== null) {
    // After the commit: a mail server that refuses or is down loses nothing, the link is answered anyway.
    email = await emailLink(prisma, mailer, {
      to: issued.clientEmail,
      serviceName: issued.serviceName,
      token,
      kind: "invitation",
      linkId: issued.row.id,
      audit: actor.audit,
    });
  }
  return { link: toLink(issued.row, actor.now), path, email };
}

/** Sends a link to the client and audits the attempt (ids only, never the address). */
export async function emailLink(
  db: Db,
  mailer: Mailer,
  message: {
    to: string;
    serviceName: string;
    token: string;
    kind: InvitationKind;
    linkId: string;
    audit: AuditContext;
  },
): Promise<"sent" | "failed"> {
  const outcome = await mailer
    .send(questionnaireMessage(message.to, message.serviceName, linkUrl(mailer, message.token), message.kind))
    .then(
      () => "sent" as const,
      () => "failed" as const,
    );
  await recordAudit(db, message.audit, {
    action: "questionnaire_link.emailed",
    outcome: outcome === "sent" ? "success" : "failure",
    entityType: "questionnaire_link",
    entityId: message.linkId,
    details: { kind: message.kind },
  });
  return outcome;
}

/** The course's links, newest first, for its therapist (404 for anyone else, audited as denied). */
export async function listQuestionnaireLinks(
  prisma: PrismaClient,
  mailer: Mailer,
  actor: Actor,
  courseId: string,
): Promise<QuestionnaireLinksResponse> {
  await ownedCourse(prisma, actor, courseId);
  const rows = await prisma.questionnaireLink.findMany({
    where: { courseId },
    select: linkSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  await recordAudit(prisma, actor.audit, {
    action: "questionnaire_link.listed",
    entityType: "course",
    entityId: courseId,
  });
  const client = await prisma.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { client: { select: { email: true } } },
  });
  return {
    links: rows.map((row) => toLink(row, actor.now)),
    email: { available: mailer.available, clientHasEmail: client.client.email !== null },
  };
}

/** Revokes a link of the actor's client: its page closes at once. A completed link cannot be revoked. */
export async function revokeQuestionnaireLink(
  prisma: PrismaClient,
  actor: Actor,
  linkId: string,
): Promise<QuestionnaireLink> {
  const owned = await prisma.questionnaireLink.findFirst({
    where: { id: linkId, course: { client: { therapistId: actor.userId } } },
    select: { id: true },
  });
  if (!owned) throw await denied(prisma, actor, "questionnaire_link", linkId, "The link");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.questionnaireLink.updateMany({
      where: { id: linkId, revokedAt: null, completedAt: null },
      data: { revokedAt: actor.now, revokedById: actor.userId },
    });
    const row = await tx.questionnaireLink.findUniqueOrThrow({ where: { id: linkId }, select: linkSelect });
    if (count === 0) {
      if (row.completedAt) throw conflict("The client has already sent these answers: the link is used up.");
      return toLink(row, actor.now);
    }
    await recordAudit(tx, actor.audit, {
      action: "questionnaire_link.revoked",
      entityType: "questionnaire_link",
      entityId: linkId,
    });
    return toLink(row, actor.now);
  });
}
