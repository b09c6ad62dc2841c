// The interpersonal inventory of one client: people on the closeness circle and the timeline of
// life events. Ownership of the client is checked first (404 otherwise; the read checks it in its
// audit row's INSERT); a person or event that is not the client's answers 404 too. Writes are versioned and audited with ids and field names only.
import { fromDateColumn, toDateColumn } from "@ipt/shared";
import type {
  CreateLifeEventRequest,
  InventoryPerson,
  InventoryResponse,
  LifeEvent,
  UpdateLifeEventRequest,
  UpdatePersonRequest,
} from "@ipt/shared";
import type { createPersonRequest } from "@ipt/shared";
import type { z } from "zod";
import { recordClientRead } from "../../audit/audit-log";
import { bothSettled } from "../../db/both-settled";
import { type Prisma, type PrismaClient, type Db } from "../../db/prisma";
import { invalid, notFound } from "../../errors/app-error";
import { assertVersion, auditClinical, ownedClient, type Actor } from "../access";
import { changedFields } from "../clients/clients-service";
import { live, removal } from "../live";
import { refreshClientCourseSummaries } from "../../supervision/course-summary";

const personSelect = {
  id: true,
  label: true,
  relationship: true,
  ring: true,
  positives: true,
  negatives: true,
  expectations: true,
  changesNearOnset: true,
  support: true,
  version: true,
} satisfies Prisma.InventoryPersonSelect;

const lifeEventSelect = {
  id: true,
  occurredOn: true,
  kind: true,
  description: true,
  person: { select: { id: true, deletedAt: true } },
  version: true,
} satisfies Prisma.LifeEventSelect;

type LifeEventRow = Prisma.LifeEventGetPayload<{ select: typeof lifeEventSelect }>;

/** An event that named a since-removed person stays on the timeline without the person. */
const toLifeEvent = ({ person, ...row }: LifeEventRow): LifeEvent => ({
  ...row,
  occurredOn: fromDateColumn(row.occurredOn),
  personId: person && person.deletedAt === null ? person.id : null,
});

/**
 * The inventory, read beside its audit row (docs/decisions/022, "The row beside the read"): both
 * lists carry the ownership predicate in their where, and the INSERT decides from the same predicate
 * whether the row records a view or a denial. A denial answers 404, whatever the reads found; a view
 * answers the lists, which never hold another therapist's rows (a client moved away between the
 * statements reads as empty).
 */
export async function getInventory(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
): Promise<InventoryResponse> {
  const owned = { clientId, ...live, client: { therapistId: actor.userId } };
  const [[people, lifeEvents], written] = await bothSettled(
    Promise.all([
      // PostgreSQL sorts an enum in declaration order: inner, middle, outer.
      prisma.inventoryPerson.findMany({
        where: owned,
        select: personSelect,
        orderBy: [{ ring: "asc" }, { label: "asc" }, { id: "asc" }],
      }),
      prisma.lifeEvent.findMany({
        where: owned,
        select: lifeEventSelect,
        orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }],
      }),
    ]),
    recordClientRead(prisma, actor.audit, clientId, "inventory.viewed"),
  );
  if (written !== "inventory.viewed") throw notFound("The client");
  return { people, lifeEvents: lifeEvents.map(toLifeEvent) };
}

async function ownPerson(db: Db, clientId: string, personId: string) {
  const person = await db.inventoryPerson.findFirst({
    where: { id: personId, clientId, ...live },
    select: { id: true },
  });
  if (!person) throw notFound("The person");
}

async function ownEvent(db: Db, clientId: string, eventId: string) {
  const event = await db.lifeEvent.findFirst({
    where: { id: eventId, clientId, ...live },
    select: { id: true },
  });
  if (!event) throw notFound("The life event");
}

/** A life event may only name a person from the same client's inventory. */
async function assertPersonOfClient(db: Db, clientId: string, personId: string | null | undefined) {
  if (!personId) return;
  const person = await db.inventoryPerson.findFirst({
    where: { id: personId, clientId, ...live },
    select: { id: true },
  });
  if (!person) throw invalid("body.personId", "Choose a person from this client's inventory.");
}

export async function addPerson(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  request: z.output<typeof createPersonRequest>,
): Promise<InventoryPerson> {
  await ownedClient(prisma, actor, clientId);
  return prisma.$transaction(async (tx) => {
    const person = await tx.inventoryPerson.create({ data: { ...request, clientId }, select: personSelect });
    await auditClinical(tx, actor, "inventory.person_added", "inventory_person", person.id, { clientId });
    return person;
  });
}

export async function updatePerson(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  personId: string,
  request: UpdatePersonRequest,
): Promise<InventoryPerson> {
  await ownedClient(prisma, actor, clientId);
  await ownPerson(prisma, clientId, personId);
  const { version, ...changes } = request;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.inventoryPerson.updateMany({
      where: { id: personId, clientId, version, ...live },
      data: { ...changes, version: { increment: 1 } },
    });
    await assertVersion(count, "This person");
    await auditClinical(tx, actor, "inventory.person_updated", "inventory_person", personId, {
      clientId,
      fields: changedFields(changes),
    });
    return tx.inventoryPerson.findUniqueOrThrow({ where: { id: personId }, select: personSelect });
  });
}

export async function removePerson(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  personId: string,
  version: number,
): Promise<void> {
  await ownedClient(prisma, actor, clientId);
  await ownPerson(prisma, clientId, personId);
  await prisma.$transaction(async (tx) => {
    // Life events that named this person stay on the timeline; reads show them without it.
    const { count } = await tx.inventoryPerson.updateMany({
      where: { id: personId, clientId, version, ...live },
      data: removal(),
    });
    await assertVersion(count, "This person");
    await auditClinical(tx, actor, "inventory.person_removed", "inventory_person", personId, { clientId });
  });
}

export async function addLifeEvent(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  request: CreateLifeEventRequest,
): Promise<LifeEvent> {
  await ownedClient(prisma, actor, clientId);
  return prisma.$transaction(async (tx) => {
    await assertPersonOfClient(tx, clientId, request.personId);
    const event = await tx.lifeEvent.create({
      data: {
        clientId,
        occurredOn: toDateColumn(request.occurredOn),
        kind: request.kind,
        description: request.description,
        personId: request.personId ?? null,
      },
      select: lifeEventSelect,
    });
    await refreshClientCourseSummaries(tx, clientId);
    await auditClinical(tx, actor, "inventory.event_added", "life_event", event.id, { clientId });
    return toLifeEvent(event);
  });
}

export async function updateLifeEvent(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  eventId: string,
  request: UpdateLifeEventRequest,
): Promise<LifeEvent> {
  await ownedClient(prisma, actor, clientId);
  await ownEvent(prisma, clientId, eventId);
  const { version, occurredOn, ...changes } = request;
  return prisma.$transaction(async (tx) => {
    await assertPersonOfClient(tx, clientId, changes.personId);
    const { count } = await tx.lifeEvent.updateMany({
      where: { id: eventId, clientId, version, ...live },
      data: {
        ...changes,
        ...(occurredOn ? { occurredOn: toDateColumn(occurredOn) } : {}),
        version: { increment: 1 },
      },
    });
    await assertVersion(count, "This life event");
    await refreshClientCourseSummaries(tx, clientId);
    await auditClinical(tx, actor, "inventory.event_updated", "life_event", eventId, {
      clientId,
      fields: changedFields({ occurredOn, ...changes }),
    });
    return toLifeEvent(
      await tx.lifeEvent.findUniqueOrThrow({ where: { id: eventId }, select: lifeEventSelect }),
    );
  });
}

export async function removeLifeEvent(
  prisma: PrismaClient,
  actor: Actor,
  clientId: string,
  eventId: string,
  version: number,
): Promise<void> {
  await ownedClient(prisma, actor, clientId);
  await ownEvent(prisma, clientId, eventId);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.lifeEvent.updateMany({
      where: { id: eventId, clientId, version, ...live },
      data: removal(),
    });
    await assertVersion(count, "This life event");
    await refreshClientCourseSummaries(tx, clientId);
    await auditClinical(tx, actor, "inventory.event_removed", "life_event", eventId, { clientId });
  });
}
