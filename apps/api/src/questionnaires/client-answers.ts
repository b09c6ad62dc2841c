// The client's side of a questionnaire link (docs/decisions/016), public and keyed by the token: open
// it, optionally confirm the year of birth, and send PHQ-9 and/or GAD-7 answers once. The answers are
// recorded through the measures service's own writeScore, so outcomes, alerts, the schedule and the
// PHQ-9 item 9 risk flag work exactly as for an entered score. An unknown, used, revoked, expired or
// locked token answers the same 404 with the same body. Audit rows hold ids only.
import {
  IDENTITY_CHECK_MAX_TRIES,
  instrumentDefinitions,
  questionnaireInstrumentOrder,
  type IdentityCheckRequest,
  type PublicQuestionnaire,
  type QuestionnaireSettings,
  type SubmitQuestionnaireRequest,
  type SubmittedQuestionnaireResponse,
} from "@ipt/shared";
import type { FastifyBaseLogger } from "fastify";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { hashToken } from "../auth/login-sessions";
import type { Actor } from "../clinical/access";
import { live } from "../clinical/live";
import {
  currentScoreOf,
  scoreForm,
  writeCorrection,
  writeScore,
} from "../clinical/measures/measures-service";
import { getQuestionnaireSettings } from "../clinical/measures/settings-read";
import { lockCourse } from "../clinical/plan/course-write";
import type { Db, PrismaClient } from "../db/prisma";
import { AppError, invalid, invalidFields } from "../errors/app-error";
import type { Mailer } from "../mail/mailer";
import { emailRiskFlagAttention } from "./attention-mail";
import { serviceToday } from "../settings/service-time";

import { closedLink, itemInstruments } from "./questionnaire-service";

/** Why a score entered in the session was corrected by the answers the client sent afterwards. */
export const ANSWERS_AFTER_ENTRY =
  "The client sent their own answers through the questionnaire link after this form was entered in the session.";

/** 32 bytes in base64url, no padding. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

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
  const results = await prisma.$transaction(async (tx) => {
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
      // The therapist may have entered this form in the session since the link was sent: the
      // client's answers then correct it (the entry stays on record), never vanish.
      const current = await currentScoreOf(tx, link.sessionId, form.instrument);
      const result = current
        ? await writeCorrection(tx, actor, current, {
            items: form.items,
            total: form.total,
            difficulty: current.difficulty,
            reason: ANSWERS_AFTER_ENTRY,
            completedByClientAt: now,
          })
        : await writeScore(tx, actor, {
            courseId: link.courseId,
            session: { id: link.sessionId, number: link.session.number },
            instrument: form.instrument,
            items: form.items,
            total: form.total,
            difficulty: null,
            administeredOn,
            completedByClientAt: now,
          });
      if (result) written.push(result);
    }
    await recordAudit(tx, actor.audit, {
      action: "questionnaire_link.completed",
      entityType: "questionnaire_link",
      entityId: link.id,
      details: { scoreIds: written.map((result) => result.score.id) },
    });
    return written;
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
