// A therapist's clients: create, read and edit. Ownership goes through ../access (404 otherwise);
// every read and write is audited with ids and field names only.
import { fromDateColumn } from "@ipt/shared";
import type { ClientDetail, CreateClientRequest, UpdateClientRequest } from "@ipt/shared";
import { type Prisma, type PrismaClient, type Db } from "../../db/prisma";
import { plainTransaction, type TransactionRunner } from "../../db/transactions";
import { CLIENT_READ_DENIED, recordAudit, recordClientRead } from "../../audit/audit-log";
import { bothSettled } from "../../db/both-settled";
import { notFound } from "../../errors/app-error";
import { assertVersion, auditClinical, ownedClient, type Actor } from "../access";
import { refreshClientCourseSummaries } from "../../supervision/course-summary";

const courseSummarySelect = {
  id: true,
  sequence: true,
  format: true,
  phase: true,
  plannedSessions: true,
  startDate: true,
  outcome: true,
} satisfies Prisma.CourseSelect;

const clientDetailSelect = {
  id: true,
  displayName: true,
  yearOfBirth: true,
  email: true,
  referralReason: true,
  workingDiagnosis: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  courses: { select: courseSummarySelect, orderBy: { sequence: "asc" } },
} satisfies Prisma.ClientSelect;

type ClientDetailRow = Prisma.ClientGetPayload<{ select: typeof clientDetailSelect }>;

function toClientDetail(row: ClientDetailRow): ClientDetail {
  return {
    ...row,
    workingDiagnosis: row.workingDiagnosis ?? "",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    courses: row.courses.map((course) => ({ ...course, startDate: fromDateColumn(course.startDate) })),
  };
}

async function loadClient(db: Db, clientId: string): Promise<ClientDetail> {
  return toClientDetail(
    await db.client.findUniqueOrThrow({ where: { id: clientId }, select: clientDetailSelect }),
  );
}

/** The names of the fields a request sets (never their values), for the audit row. */
export const changedFields = (request: object) =>
  Object.entries(request)
    .filter(([key, value]) => key !== "version" && value !== undefined)
    .map(([key]) => key);

export async function createClient(
  prisma: PrismaClient,
  actor: Actor,
  request: CreateClientRequest,
  run: TransactionRunner = plainTransaction(prisma),
): Promise<ClientDetail> {
  return run(async (tx) => {
    const { id } = await tx.client.create({
      data: {
        therapistId: actor.userId,
        displayName: request.displayName,
        yearOfBirth: request.yearOfBirth ?? null,
        email: request.email ?? null,
        referralReason: request.referralReason,
        workingDiagnosis: request.workingDiagnosis ?? null,
      },
      select: { id: true },
    });
    await auditClinical(tx, actor, "client.created", "client", id);
    return loadClient(tx, id);
  });
}

/**
 * A client's record, read beside its audit row (docs/decisions/022, "The row beside the read"): the
 * data statement (ownership in its where: the client, once, and its courses) and the row go out
 * together, and the INSERT works out from the same ownership predicate whether it records a view or a
 * denial. The answer waits for both, and only a read and a row that agree are answered: the data
 * with a committed `client.viewed`, or the 404 with a committed denial. Should the client's
 * ownership change between the two statements, the request is denied: a row that says denied while
 * the read found the client withholds the data; a row that says viewed while the read found nothing
 * is followed by a denial row that corrects it before the 404.
 */
export async function getClient(prisma: PrismaClient, actor: Actor, clientId: string): Promise<ClientDetail> {
  const [row, written] = await bothSettled(
    prisma.client.findFirst({
      where: { id: clientId, therapistId: actor.userId },
      select: clientDetailSelect,
    }),
    recordClientRead(prisma, actor.audit, clientId),
  );
  if (row && written === "client.viewed") return toClientDetail(row);
  if (written === "client.viewed") {
    await recordAudit(prisma, actor.audit, {
      ...CLIENT_READ_DENIED,
      entityType: "client",
      entityId: clientId,
      details: { reason: "the read found no client the audit row had found" },
    });
  }
  throw notFound("The client");
}

export async function updateClient(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  request: UpdateClientRequest,
): Promise<ClientDetail> {
  await ownedClient(prisma, actor, clientId);
  const { version, ...changes } = request;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.client.updateMany({
      where: { id: clientId, version },
      data: { ...changes, version: { increment: 1 } },
    });
    await assertVersion(count, "This client");
    // The summaries carry the client's name.
    await refreshClientCourseSummaries(tx, clientId);
    await auditClinical(tx, actor, "client.updated", "client", clientId, { fields: changedFields(changes) });
    return loadClient(tx, clientId);
  });
}
