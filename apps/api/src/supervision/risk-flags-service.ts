// The supervisor's list of open risk flags across their supervisees' clients. The assignment is read
// on every request (readableClientWhere), so removing it ends visibility at once. One query for the
// flags — with the session number, course, client, therapist and whether any follow-up exists joined
// in (relationJoins) — and one audit row, whatever the number of flags.
import type { SupervisionRiskFlagsResponse } from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import { personSelect } from "../db/person-select";
import type { Prisma, PrismaClient } from "../db/prisma";
import { readableClientWhere, type Actor } from "../clinical/access";

const riskFlagSelect = {
  id: true,
  raisedAt: true,
  itemValue: true,
  session: { select: { number: true } },
  course: {
    select: {
      id: true,
      client: { select: { id: true, displayName: true, therapist: { select: personSelect } } },
    },
  },
  // One row is enough to know a follow-up exists; no relation count (Prisma scans the whole child table).
  followUps: { select: { id: true }, take: 1 },
} satisfies Prisma.RiskFlagSelect;

export async function listOpenRiskFlags(
  prisma: PrismaClient,
  actor: Actor,
): Promise<SupervisionRiskFlagsResponse> {
  const rows = await prisma.riskFlag.findMany({
    where: { resolvedAt: null, course: { client: readableClientWhere(actor) } },
    select: riskFlagSelect,
    // Oldest first: the flag that has waited longest is the first to look at.
    orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
  });
  await recordAudit(prisma, actor.audit, {
    action: "risk_flags.viewed",
    entityType: "risk_flag",
    details: { count: rows.length },
  });
  return {
    items: rows.map((row) => ({
      riskFlagId: row.id,
      raisedAt: row.raisedAt.toISOString(),
      itemValue: row.itemValue,
      sessionNumber: row.session.number,
      followUpRecorded: row.followUps.length > 0,
      courseId: row.course.id,
      client: { id: row.course.client.id, displayName: row.course.client.displayName },
      therapist: row.course.client.therapist,
    })),
  };
}
