// A therapist's clients: create, read and edit. Ownership goes through ../access (404 otherwise);
// every read and write is audited with ids and field names only.
import { fromDateColumn } from "@ipt/shared";
import type { ClientDetail, CreateClientRequest, UpdateClientRequest } from "@ipt/shared";
import { type Prisma, type PrismaClient, type Db } from "../../db/prisma";
import { plainTransaction, type TransactionRunner } from "../../db/transactions";
import { assertVersion, auditClinical, denied, ownedClient, type Actor } from "../access";
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

export async function getClient(prisma: PrismaClient, actor: Actor, clientId: string): Promise<ClientDetail> {
  // Ownership is in the where: one statement reads the client (once) and its courses; a miss
  // answers the same 404 with a "denied" audit row as ownedClient does.
  const row = await prisma.client.findFirst({
    where: { id: clientId, therapistId: actor.userId },
    select: clientDetailSelect,
  });
  if (!row) throw await denied(prisma, actor, "client", clientId, "The client");
  await auditClinical(prisma, actor, "client.viewed", "client", clientId);
  return toClientDetail(row);
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
