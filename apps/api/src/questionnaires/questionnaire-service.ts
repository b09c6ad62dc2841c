// Questionnaire links (docs/decisions/016). The therapist issues a link for a planned session; the
// client opens it with no account, optionally confirms their year of birth, and sends PHQ-9 and/or
// GAD-7 answers once. The answers are recorded through the measures service's own writeScore, so
// outcomes, alerts, the schedule and the PHQ-9 item 9 risk flag work exactly as for an entered score.
// The token is 256 random bits handed out once and stored only as its SHA-256; an unknown, used,
// revoked, expired or locked token answers the same 404 with the same body. Audit rows hold ids only.
import { randomBytes } from "node:crypto";
import {
  defaultLinkInstruments,
  IDENTITY_CHECK_MAX_TRIES,
  instrumentDefinitions,
  measurementPoints,
  QUESTIONNAIRE_PAGE_PREFIX,
  questionnaireInstrumentOrder,
  type IdentityCheckRequest,
  type IssuedQuestionnaireLinkResponse,
  type IssueQuestionnaireLinkRequest,
  type LinkStatus,
  type PublicQuestionnaire,
  type QuestionnaireLink,
  type QuestionnaireLinksResponse,
  type QuestionnaireSettings,
  type SubmitQuestionnaireRequest,
  type SubmittedQuestionnaireResponse,
} from "@ipt/shared";
import type { FastifyBaseLogger } from "fastify";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { hashToken } from "../auth/login-sessions";
import { denied, ownedCourse, ownedSession, ruleUnmet, type Actor } from "../clinical/access";
import { live } from "../clinical/live";
import { scoreForm, writeScore } from "../clinical/measures/measures-service";
import { getMeasurementSettings, getQuestionnaireSettings } from "../clinical/measures/settings-read";
import { assertCourseOpen, lockCourse } from "../clinical/plan/course-write";
import type { Db, PrismaClient, Prisma } from "../db/prisma";
import { AppError, conflict, invalid, invalidFields } from "../errors/app-error";
import { required } from "../errors/required";
import type { Mailer } from "../mail/mailer";
import { questionnaireMessage, type InvitationKind } from "../mail/messages";
import { emailRiskFlagAttention } from "./attention-mail";
import { serviceToday } from "../settings/service-time";

/** 32 bytes in base64url, no padding. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
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

const itemInstruments = (list: readonly string[]) =>
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
    select: { phase: true, plannedSessions: true, client: { select: { yearOfBirth: true, email: true } } },
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
        measurementPoints(course.plannedSessions, settings).map((point) => point.sessionNumber),
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

// --- The client's side (public, keyed by the token) ---

const usableWhere = (now: Date) => ({
  completedAt: null,
  revokedAt: null,
  lockedAt: null,
  expiresAt: { gt: now },
  // A session dropped from the plan, cancelled or missed takes its link with it.
  session: { ...live, status: { in: ["planned" as const, "held" as const] } },
  course: { phase: { not: "completed" as const } },
});

/** The link behind a token if it can still be used; null for every other token. */
async function usableLink(db: Db, token: string, now: Date) {
  if (!TOKEN.test(token)) return null;
  return db.questionnaireLink.findFirst({
    where: { tokenHash: hashToken(token), ...usableWhere(now) },
    select: {
      id: true,
      courseId: true,
      sessionId: true,
      instruments: true,
      createdById: true,
      identityConfirmedAt: true,
      identityFailures: true,
      session: { select: { number: true } },
      course: { select: { client: { select: { yearOfBirth: true } } } },
    },
  });
}

/** A refused token, audited without any id (nothing says which link, if any, it named). */
async function refuse(db: Db, audit: AuditContext, action: "opened" | "identity_checked" | "completed") {
  await recordAudit(db, audit, { action: `questionnaire_link.${action}`, outcome: "failure" });
  return closedLink();
}

/** The questions of the link's forms, verbatim from the shared instruments, with their attribution. */
function questionsOf(instruments: readonly string[], settings: QuestionnaireSettings): PublicQuestionnaire {
  return {
    step: "questions",
    serviceName: settings.serviceName,
    forms: itemInstruments(instruments).map((instrument) => {
      const definition = instrumentDefinitions[instrument];
      return {
        instrument,
        name: definition.name,
        stem: definition.stem ?? "",
        items: definition.items.map((item) => ({ number: item.number, text: item.text })),
        options: definition.answerOptions.map((option) => ({ value: option.value, label: option.label })),
        attribution: definition.attribution,
      };
    }),
  };
}

const needsIdentity = (
  settings: QuestionnaireSettings,
  link: { identityConfirmedAt: Date | null },
): boolean => settings.identityCheck && link.identityConfirmedAt === null;

export async function openQuestionnaire(
  prisma: PrismaClient,
  token: string,
  audit: AuditContext,
  now: Date,
): Promise<PublicQuestionnaire> {
  const link = await usableLink(prisma, token, now);
  if (!link) throw await refuse(prisma, audit, "opened");
  const settings = await getQuestionnaireSettings(prisma);
  await prisma.$transaction(async (tx) => {
    await tx.questionnaireLink.updateMany({
      where: { id: link.id, openedAt: null },
      data: { openedAt: now },
    });
    await recordAudit(tx, audit, {
      action: "questionnaire_link.opened",
      entityType: "questionnaire_link",
      entityId: link.id,
    });
  });
  return needsIdentity(settings, link)
    ? { step: "identity", serviceName: settings.serviceName }
    : questionsOf(link.instruments, settings);
}

/** The year-of-birth check: right → the questions; wrong → 400 (the 5th wrong answer closes the link). */
export async function confirmQuestionnaireIdentity(
  prisma: PrismaClient,
  token: string,
  request: IdentityCheckRequest,
  audit: AuditContext,
  now: Date,
): Promise<PublicQuestionnaire> {
  const link = await usableLink(prisma, token, now);
  if (!link) throw await refuse(prisma, audit, "identity_checked");
  const settings = await getQuestionnaireSettings(prisma);
  if (!needsIdentity(settings, link)) return questionsOf(link.instruments, settings);
  const entity = { entityType: "questionnaire_link", entityId: link.id } as const;
  if (link.course.client.yearOfBirth !== null && link.course.client.yearOfBirth === request.yearOfBirth) {
    await prisma.$transaction(async (tx) => {
      await tx.questionnaireLink.update({ where: { id: link.id }, data: { identityConfirmedAt: now } });
      await recordAudit(tx, audit, { action: "questionnaire_link.identity_checked", ...entity });
    });
    return questionsOf(link.instruments, settings);
  }
  const locked = await prisma.$transaction(async (tx) => {
    // One atomic increment, so two wrong tries at once both count.
    const counted = await tx.questionnaireLink.update({
      where: { id: link.id },
      data: { identityFailures: { increment: 1 } },
      select: { identityFailures: true },
    });
    const lockNow = counted.identityFailures >= IDENTITY_CHECK_MAX_TRIES;
    if (lockNow) {
      await tx.questionnaireLink.updateMany({
        where: { id: link.id, lockedAt: null },
        data: { lockedAt: now },
      });
    }
    await recordAudit(tx, audit, {
      action: "questionnaire_link.identity_checked",
      outcome: "failure",
      ...entity,
      details: { failures: counted.identityFailures, locked: lockNow },
    });
    return lockNow;
  });
  if (locked) throw closedLink();
  throw invalid("body.yearOfBirth", "That year of birth does not match. Check it and try again.");
}

/**
 * The client's answers: every form the link asks for, every item 0–3. Stored once, in one transaction
 * with the link's completion: a replay finds the link used and answers "closed", changing nothing.
 */
export async function submitQuestionnaire(
  prisma: PrismaClient,
  mailer: Mailer,
  log: Pick<FastifyBaseLogger, "warn">,
  token: string,
  request: SubmitQuestionnaireRequest,
  audit: AuditContext,
  now: Date,
): Promise<SubmittedQuestionnaireResponse> {
  const link = await usableLink(prisma, token, now);
  if (!link) throw await refuse(prisma, audit, "completed");
  const settings = await getQuestionnaireSettings(prisma);
  if (needsIdentity(settings, link)) {
    throw new AppError("conflict", "Confirm your year of birth before sending your answers.");
  }
  const wanted = itemInstruments(link.instruments);
  const fields: { field: string; message: string }[] = [];
  for (const instrument of questionnaireInstrumentOrder) {
    const given = request.answers[instrument] !== undefined;
    if (wanted.includes(instrument) && !given) {
      fields.push({ field: `body.answers.${instrument}`, message: "Answer every question." });
    }
    if (!wanted.includes(instrument) && given) {
      fields.push({ field: `body.answers.${instrument}`, message: "This link does not ask for this form." });
    }
  }
  if (fields.length) throw invalidFields(fields);
  const scored = wanted.map((instrument) => ({
    instrument,
    ...scoreForm(instrument, request.answers[instrument] ?? [], `body.answers.${instrument}`),
  }));

  // The client has no account: the score is entered in the name of the therapist who sent the link,
  // and the audit rows name no actor.
  const actor: Actor = {
    userId: link.createdById,
    role: "therapist",
    audit: { ...audit, actorId: null },
    now,
  };
  const results = await prisma
    .$transaction(async (tx) => {
      await lockCourse(tx, link.courseId);
      // Claimed under the course's lock: a replay or a second tab finds it completed and stops here.
      const { count } = await tx.questionnaireLink.updateMany({
        where: { id: link.id, ...usableWhere(now) },
        data: { completedAt: now },
      });
      if (count === 0) throw closedLink();
      const administeredOn = await serviceToday(tx, now);
      const written = [];
      for (const form of scored) {
        written.push(
          await writeScore(tx, actor, {
            courseId: link.courseId,
            session: { id: link.sessionId, number: link.session.number },
            instrument: form.instrument,
            items: form.items,
            total: form.total,
            difficulty: null,
            administeredOn,
            completedByClientAt: now,
          }),
        );
      }
      await recordAudit(tx, actor.audit, {
        action: "questionnaire_link.completed",
        entityType: "questionnaire_link",
        entityId: link.id,
        details: { scoreIds: written.map((result) => result.score.id) },
      });
      return written;
    })
    .catch((error: unknown) => {
      // The therapist recorded the same form for this session meanwhile: the link is spent either way.
      if (error instanceof AppError && error.code === "conflict") throw closedLink();
      throw error;
    });
  const flagged = results.find((result) => result.riskFlag !== null)?.riskFlag;
  if (flagged) {
    // Committed: whatever the mail server does now, the answers and the flag stay.
    await emailRiskFlagAttention(prisma, mailer, log, {
      courseId: link.courseId,
      riskFlagId: flagged.id,
      audit: actor.audit,
    }).catch(() => log.warn({ linkId: link.id }, "risk flag e-mail not sent"));
    return { next: "crisis", crisisText: settings.crisisText };
  }
  return { next: "thanks" };
}
