// Automatic sending of client questionnaires (docs/decisions/020). Off unless the organisation turns it on
// and e-mail is configured. Each pass, in every API process:
//  1. issue: each session of the measurement schedule starting within `hoursBefore` hours, whose client
//     has an e-mail address, gets a link and an "invitation" dispatch row in ONE transaction; the row's
//     unique (session, kind) key decides between two instances: the loser's transaction rolls back,
//     link and all, so a session gets exactly one link;
//  2. remind: an invitation sent `reminderAfterHours` ago whose link is still unused gets a "reminder"
//     row (same unique key: once);
//  3. deliver: each unsent row is claimed with FOR UPDATE SKIP LOCKED (another instance skips it), the
//     link gets a fresh token (only hashes are stored, so a retry cannot resend the old one), the e-mail
//     goes out and the row is marked sent, all before the claim is released. A refused message rolls
//     the token back and counts a failure; the next pass retries. Everything lives in the database, so
//     a restart in the middle resumes where it stopped.
import { fromDateColumn, fromZoned, measurementPoints, todayIn, toDateColumn, toZoned } from "@ipt/shared";
import type { FastifyBaseLogger } from "fastify";
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { hashToken } from "../auth/login-sessions";
import { live } from "../clinical/live";
import {
  getMeasurementSettings,
  getQuestionnaireSendingContext,
  getQuestionnaireSettings,
} from "../clinical/measures/settings-read";
import type { PrismaClient } from "../db/prisma";
import { AppError } from "../errors/app-error";
import type { Mailer } from "../mail/mailer";
import { questionnaireMessage } from "../mail/messages";
import { issueLinkInTransaction, linkUrl, newLinkToken } from "./questionnaire-service";

const HOUR_MS = 3_600_000;
/** After this many refused attempts a message is given up (the therapist still sees the link). */
export const MAX_SEND_ATTEMPTS = 8;

export interface SendingPass {
  issued: number;
  reminders: number;
  sent: number;
  failed: number;
}

type Log = Pick<FastifyBaseLogger, "warn" | "info">;

/** Thrown inside the issuing transaction when another instance already claimed the session. */
class AlreadyClaimed extends Error {}
/** Thrown inside the delivering transaction to roll the new token back when the message was refused. */
class Refused extends Error {}

export async function runQuestionnaireSending(
  prisma: PrismaClient,
  mailer: Mailer,
  log: Log,
  now: Date,
): Promise<SendingPass> {
  const pass: SendingPass = { issued: 0, reminders: 0, sent: 0, failed: 0 };
  if (!mailer.available) return pass;
  // The job's audit rows name no actor; one request id per pass ties them together.
  const audit: AuditContext = { actorId: null, ip: null, requestId: `questionnaire-sending-${randomUUID()}` };
  const { sending, timeZone } = await getQuestionnaireSendingContext(prisma);
  if (sending.automatic) {
    pass.issued = await issueDue(prisma, log, audit, now, sending.hoursBefore, timeZone);
    pass.reminders = await claimReminders(prisma, now, sending.reminderAfterHours);
  }
  // Rows claimed while sending was on are delivered even if it was turned off since.
  await deliverPending(prisma, mailer, log, audit, now, pass);
  return pass;
}

async function issueDue(
  prisma: PrismaClient,
  log: Log,
  audit: AuditContext,
  now: Date,
  hoursBefore: number,
  timeZone: string,
): Promise<number> {
  const today = todayIn(timeZone, now);
  const horizon = toZoned(new Date(now.getTime() + hoursBefore * HOUR_MS), timeZone).date;
  const candidates = await prisma.therapySession.findMany({
    where: {
      ...live,
      status: "planned",
      number: { not: null },
      plannedDate: { gte: toDateColumn(today), lte: toDateColumn(horizon) },
      course: { phase: { not: "completed" }, client: { email: { not: null } } },
      questionnaireDispatches: { none: { kind: "invitation" } },
      // A link the therapist sent by hand and the client can still use: nothing to add.
      questionnaireLinks: {
        none: { revokedAt: null, completedAt: null, lockedAt: null, expiresAt: { gt: now } },
      },
    },
    select: {
      id: true,
      number: true,
      plannedDate: true,
      startTime: true,
      courseId: true,
      course: { select: { plannedSessions: true, kind: true, client: { select: { therapistId: true } } } },
    },
    orderBy: [{ plannedDate: "asc" }, { id: "asc" }],
  });
  if (candidates.length === 0) return 0;
  const { settings } = await getMeasurementSettings(prisma);
  let issued = 0;
  for (const session of candidates) {
    const due = measurementPoints(session.course.plannedSessions, settings, session.course.kind).some(
      (point) => point.sessionNumber === session.number,
    );
    const startsAt = fromZoned(fromDateColumn(session.plannedDate), session.startTime, timeZone);
    const sendFrom = startsAt.getTime() - hoursBefore * HOUR_MS;
    if (!due || now.getTime() < sendFrom || now >= startsAt) continue;
    try {
      await prisma.$transaction(async (tx) => {
        const { row } = await issueLinkInTransaction(tx, {
          courseId: session.courseId,
          sessionId: session.id,
          createdById: session.course.client.therapistId,
          instruments: undefined,
          // Never handed out: delivery sets the token the e-mail carries.
          tokenHash: hashToken(newLinkToken()),
          audit,
          now,
        });
        const { count } = await tx.questionnaireDispatch.createMany({
          data: [{ sessionId: session.id, linkId: row.id, kind: "invitation", createdAt: now }],
          skipDuplicates: true,
        });
        if (count === 0) throw new AlreadyClaimed();
      });
      issued += 1;
    } catch (error) {
      if (error instanceof AlreadyClaimed) continue;
      // A rule of the link is not met (say, the year-of-birth check and no year on record, or the form
      // already recorded): this session is left to the therapist.
      if (error instanceof AppError) continue;
      log.warn({ sessionId: session.id }, "questionnaire link not issued automatically");
    }
  }
  return issued;
}

async function claimReminders(prisma: PrismaClient, now: Date, reminderAfterHours: number) {
  const due = await prisma.questionnaireDispatch.findMany({
    where: {
      kind: "invitation",
      sentAt: { lte: new Date(now.getTime() - reminderAfterHours * HOUR_MS) },
      link: { completedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } },
      session: { questionnaireDispatches: { none: { kind: "reminder" } } },
    },
    select: { sessionId: true, linkId: true },
  });
  if (due.length === 0) return 0;
  // The unique (session, kind) key: another instance's reminder for the same session is skipped.
  const { count } = await prisma.questionnaireDispatch.createMany({
    data: due.map((row) => ({ ...row, kind: "reminder" as const, createdAt: now })),
    skipDuplicates: true,
  });
  return count;
}

async function deliverPending(
  prisma: PrismaClient,
  mailer: Mailer,
  log: Log,
  audit: AuditContext,
  now: Date,
  pass: SendingPass,
) {
  const { serviceName } = await getQuestionnaireSettings(prisma);
  const tried: string[] = [];
  for (;;) {
    // Set inside the transaction: which row and link a failure is about.
    const current: { dispatchId: string | null; linkId: string | null } = { dispatchId: null, linkId: null };
    try {
      const outcome = await prisma.$transaction(
        async (tx) => {
          const [claimed] = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM questionnaire_dispatches
            WHERE sent_at IS NULL AND cancelled_at IS NULL AND NOT (id = ANY(${tried}::uuid[]))
            ORDER BY created_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED`;
          if (!claimed) return "done" as const;
          current.dispatchId = claimed.id;
          tried.push(claimed.id);
          const dispatch = await tx.questionnaireDispatch.findUniqueOrThrow({
            where: { id: claimed.id },
            select: {
              kind: true,
              link: {
                select: {
                  id: true,
                  completedAt: true,
                  revokedAt: true,
                  lockedAt: true,
                  expiresAt: true,
                  course: { select: { phase: true, client: { select: { email: true } } } },
                },
              },
            },
          });
          const { link } = dispatch;
          current.linkId = link.id;
          const email = link.course.client.email;
          if (
            email === null ||
            link.completedAt ||
            link.revokedAt ||
            link.lockedAt ||
            link.expiresAt <= now ||
            link.course.phase === "completed"
          ) {
            await tx.questionnaireDispatch.update({ where: { id: claimed.id }, data: { cancelledAt: now } });
            return "cancelled" as const;
          }
          const token = newLinkToken();
          await tx.questionnaireLink.update({
            where: { id: link.id },
            data: { tokenHash: hashToken(token), sentAt: now },
          });
          const accepted = await mailer
            .send(questionnaireMessage(email, serviceName, linkUrl(mailer, token), dispatch.kind))
            .then(
              () => true,
              () => false,
            );
          if (!accepted) throw new Refused();
          await tx.questionnaireDispatch.update({
            where: { id: claimed.id },
            data: { sentAt: now, attempts: { increment: 1 } },
          });
          await recordAudit(tx, audit, {
            action: "questionnaire_link.emailed",
            entityType: "questionnaire_link",
            entityId: link.id,
            details: { kind: dispatch.kind, automatic: true },
          });
          return "sent" as const;
        },
        // The SMTP exchange happens while the row is claimed; the mailer's own timeouts bound it.
        { timeout: 60_000, maxWait: 10_000 },
      );
      if (outcome === "done") return;
      if (outcome === "sent") pass.sent += 1;
    } catch (error) {
      if (current.dispatchId === null) throw error;
      pass.failed += 1;
      log.warn(
        { dispatchId: current.dispatchId, linkId: current.linkId },
        "questionnaire e-mail not sent; retried on the next pass",
      );
      await recordFailure(prisma, audit, now, current.dispatchId, current.linkId, error instanceof Refused);
    }
  }
}

/** A refused (or broken) attempt: counted, audited with ids only, given up after MAX_SEND_ATTEMPTS. */
async function recordFailure(
  prisma: PrismaClient,
  audit: AuditContext,
  now: Date,
  dispatchId: string,
  linkId: string | null,
  refused: boolean,
) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.questionnaireDispatch.update({
      where: { id: dispatchId },
      data: { attempts: { increment: 1 }, lastFailedAt: now },
      select: { attempts: true, kind: true },
    });
    if (row.attempts >= MAX_SEND_ATTEMPTS) {
      await tx.questionnaireDispatch.update({ where: { id: dispatchId }, data: { cancelledAt: now } });
    }
    await recordAudit(tx, audit, {
      action: "questionnaire_link.emailed",
      outcome: "failure",
      ...(linkId ? { entityType: "questionnaire_link", entityId: linkId } : {}),
      details: { kind: row.kind, automatic: true, attempts: row.attempts, refused },
    });
  });
}

export interface QuestionnaireSendingJob {
  /** One pass now (tests, and each tick); passes of one process never overlap. */
  runOnce(): Promise<SendingPass>;
  start(): void;
  stop(): void;
}

export function questionnaireSendingJob(options: {
  prisma: PrismaClient;
  mailer: Mailer;
  log: Log;
  clock: () => Date;
  intervalMs: number;
}): QuestionnaireSendingJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SendingPass> | null = null;
  const runOnce = () => {
    running ??= runQuestionnaireSending(options.prisma, options.mailer, options.log, options.clock()).finally(
      () => {
        running = null;
      },
    );
    return running;
  };
  return {
    runOnce,
    start() {
      if (timer || !options.mailer.available) return;
      timer = setInterval(() => {
        runOnce().catch(() => options.log.warn("questionnaire sending pass failed; retried on the next"));
      }, options.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
