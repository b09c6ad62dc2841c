// Separation of duties (docs/decisions/025): a therapist sees who can read their caseload (the
// supervisors assigned now, since when, granted by whom) and every change to it, which waits on their
// attention list until they acknowledge it. Changes are written by the assignment itself
// (users-service.ts), in the same transaction as the assignment and its audit event.
import type { CaseloadAccessResponse } from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { personSelect } from "../db/person-select";
import type { Db, PrismaClient } from "../db/prisma";

/** Records that a supervisor gained or lost read access to a therapist's caseload. */
export async function recordCaseloadAccessChange(
  tx: Db,
  audit: AuditContext,
  change: { therapistId: string; supervisorId: string; change: "granted" | "revoked" },
) {
  const row = await tx.caseloadAccessChange.create({
    data: { ...change, changedById: audit.actorId },
    select: { id: true },
  });
  await recordAudit(tx, audit, {
    action: change.change === "granted" ? "access.granted" : "access.revoked",
    entityType: "user",
    entityId: change.therapistId,
    details: { supervisorId: change.supervisorId, via: "supervision_assignment", changeId: row.id },
  });
}

export async function unseenCaseloadAccessChanges(db: Db, therapistId: string): Promise<number> {
  return db.caseloadAccessChange.count({ where: { therapistId, seenAt: null } });
}

export async function caseloadAccess(
  prisma: PrismaClient,
  therapistId: string,
  audit: AuditContext,
): Promise<CaseloadAccessResponse> {
  const [assignments, changes] = await Promise.all([
    prisma.supervisionAssignment.findMany({
      where: { therapistId },
      select: { createdAt: true, supervisor: { select: personSelect }, createdBy: { select: personSelect } },
      orderBy: [{ createdAt: "asc" }, { supervisorId: "asc" }],
    }),
    prisma.caseloadAccessChange.findMany({
      where: { therapistId },
      select: {
        id: true,
        change: true,
        changedAt: true,
        seenAt: true,
        supervisor: { select: personSelect },
        changedBy: { select: personSelect },
      },
      orderBy: [{ changedAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  await recordAudit(prisma, audit, {
    action: "caseload_access.viewed",
    entityType: "user",
    entityId: therapistId,
  });
  return {
    readers: assignments.map((a) => ({
      supervisor: a.supervisor,
      since: a.createdAt.toISOString(),
      grantedBy: a.createdBy,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      change: c.change,
      supervisor: c.supervisor,
      changedAt: c.changedAt.toISOString(),
      changedBy: c.changedBy,
      seen: c.seenAt !== null,
    })),
  };
}

export async function acknowledgeCaseloadAccess(prisma: PrismaClient, therapistId: string, now: Date) {
  await prisma.caseloadAccessChange.updateMany({
    where: { therapistId, seenAt: null },
    data: { seenAt: now },
  });
}
