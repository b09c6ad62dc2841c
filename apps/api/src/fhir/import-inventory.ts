// Writing what fhir/inventory.ts and fhir/histories.ts read back, inside the import's one transaction:
// the client's inventory people and life events (each event's person renamed to its new id) and the
// course's problem-area and plan-change histories, attributed to the assigned therapist.
import { randomUUID } from "node:crypto";
import { toDateColumn } from "@ipt/shared";
import type { Tx } from "../db/prisma";
import type { ImportedCourse } from "./bundle-reader";

/** `count` new ids in ascending order: rows written at the same instant (one transaction, or one
 *  plan generation at the source) sort by id after their time, so the Bundle's order survives. */
export const orderedIds = (count: number) => Array.from({ length: count }, () => randomUUID()).sort();

/** The client's inventory: once per import, whatever the number of courses the Bundle holds. */
export async function writeInventory(
  tx: Tx,
  read: Pick<ImportedCourse, "inventory">,
  clientId: string,
): Promise<void> {
  const { people, lifeEvents } = read.inventory;
  const newPersonIds = orderedIds(people.length);
  const personIds = new Map(people.map((person, index) => [person.sourceId, newPersonIds[index] ?? ""]));
  // One by one in the Bundle's order, so created_at follows it.
  for (const { sourceId, ...person } of people) {
    await tx.inventoryPerson.create({
      data: { ...person, id: personIds.get(sourceId) ?? "", clientId },
    });
  }
  const eventIds = orderedIds(lifeEvents.length);
  for (const [index, { personSourceId, occurredOn, ...event }] of lifeEvents.entries()) {
    await tx.lifeEvent.create({
      data: {
        ...event,
        id: eventIds[index] ?? "",
        clientId,
        personId: personSourceId ? (personIds.get(personSourceId) ?? null) : null,
        occurredOn: toDateColumn(occurredOn),
      },
    });
  }
}

/** One course's problem-area and plan-change histories, attributed to the assigned therapist. */
export async function writeHistories(
  tx: Tx,
  read: Pick<ImportedCourse, "histories">,
  ids: { courseId: string; therapistId: string },
): Promise<void> {
  const areaIds = orderedIds(read.histories.problemAreaChanges.length);
  await tx.problemAreaChange.createMany({
    data: read.histories.problemAreaChanges.map((change, index) => ({
      ...change,
      id: areaIds[index] ?? "",
      courseId: ids.courseId,
      changedById: ids.therapistId,
      changedAt: new Date(change.changedAt),
    })),
  });
  const planIds = orderedIds(read.histories.planChanges.length);
  await tx.planChange.createMany({
    data: read.histories.planChanges.map((change, index) => ({
      ...change,
      id: planIds[index] ?? "",
      courseId: ids.courseId,
      changedById: ids.therapistId,
      changedAt: new Date(change.changedAt),
    })),
  });
}
