import type { AuditEvent, ListAuditEventsQuery, ListAuditEventsResponse } from "@ipt/shared";
import type { Prisma, PrismaClient } from "../db/prisma";

const auditEventSelect = {
  id: true,
  occurredAt: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  outcome: true,
  ip: true,
  requestId: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return { ...row, id: row.id.toString(), occurredAt: row.occurredAt.toISOString() };
}

/** Newest first. `to` is inclusive: the whole of that day (UTC). */
export async function listAuditEvents(
  prisma: PrismaClient,
  query: ListAuditEventsQuery,
): Promise<ListAuditEventsResponse> {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (query.from) occurredAt.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) occurredAt.lt = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
  const where: Prisma.AuditEventWhereInput = {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to ? { occurredAt } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.auditEvent.findMany({
      where,
      select: auditEventSelect,
      orderBy: { id: "desc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.auditEvent.count({ where }),
  ]);
  return { items: rows.map(toAuditEvent), total, page: query.page, pageSize: query.pageSize };
}
