// A client's answers raised a risk flag (PHQ-9 item 9 above 0): the therapist and the client's
// supervisors get an e-mail that says only that something needs their attention, with a link to the app
// (docs/decisions/020). Sent after the submission's transaction committed; a failure is logged and
// audited with ids only and never undoes the submission.
import type { FastifyBaseLogger } from "fastify";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import type { PrismaClient } from "../db/prisma";
import type { Mailer } from "../mail/mailer";
import { attentionMessage } from "../mail/messages";

export async function emailRiskFlagAttention(
  prisma: PrismaClient,
  mailer: Mailer,
  log: Pick<FastifyBaseLogger, "warn">,
  input: { courseId: string; riskFlagId: string; audit: AuditContext },
): Promise<void> {
  if (!mailer.available) return;
  const course = await prisma.course.findUniqueOrThrow({
    where: { id: input.courseId },
    select: { client: { select: { therapistId: true } } },
  });
  const therapistId = course.client.therapistId;
  const [therapist, assignments] = await Promise.all([
    prisma.user.findFirst({ where: { id: therapistId, active: true }, select: { id: true, email: true } }),
    prisma.supervisionAssignment.findMany({
      where: { therapistId, supervisor: { active: true } },
      select: { supervisor: { select: { id: true, email: true } } },
      orderBy: { supervisorId: "asc" },
    }),
  ]);
  const origin = mailer.linkOrigin ?? "";
  const recipients = [
    ...(therapist ? [{ ...therapist, url: `${origin}/attention` }] : []),
    ...assignments.map(({ supervisor }) => ({ ...supervisor, url: `${origin}/supervision` })),
  ];
  for (const recipient of recipients) {
    const sent = await mailer.send(attentionMessage(recipient.email, recipient.url)).then(
      () => true,
      () => false,
    );
    if (!sent) {
      log.warn({ riskFlagId: input.riskFlagId, userId: recipient.id }, "risk flag e-mail not sent");
    }
    await recordAudit(prisma, input.audit, {
      action: "risk_flag.emailed",
      outcome: sent ? "success" : "failure",
      entityType: "risk_flag",
      entityId: input.riskFlagId,
      details: { userId: recipient.id },
    }).catch(() => log.warn({ riskFlagId: input.riskFlagId }, "risk flag e-mail not audited"));
  }
}
