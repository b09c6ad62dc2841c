import { inventoryPerson, inventoryResponse, lifeEvent } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { newClient, signedInAs, type Clinician } from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const inventoryUrl = (clientId: string) => `/api/clients/${clientId}/inventory`;

async function person(who: Clinician, clientId: string, label: string, ring: "inner" | "middle" | "outer") {
  const response = await who.post(`${inventoryUrl(clientId)}/people`, {
    label,
    relationship: "friend",
    ring,
  });
  expect(response.statusCode, response.body).toBe(201);
  return inventoryPerson.parse(response.json());
}

async function event(who: Clinician, clientId: string, occurredOn: string, personId?: string) {
  const response = await who.post(`${inventoryUrl(clientId)}/events`, {
    occurredOn,
    kind: "transition",
    description: "Moved city for work",
    ...(personId ? { personId } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return lifeEvent.parse(response.json());
}

describe("the interpersonal inventory", () => {
  it("lists people by ring (inner first) then label, and life events by date", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    await person(therapist, client.id, "Uncle", "outer");
    await person(therapist, client.id, "Sister", "inner");
    await person(therapist, client.id, "Colleague", "middle");
    await person(therapist, client.id, "Brother", "inner");
    await event(therapist, client.id, "2025-09-01");
    await event(therapist, client.id, "2024-03-15");

    const response = await therapist.get(inventoryUrl(client.id));

    expect(response.statusCode).toBe(200);
    const inventory = inventoryResponse.parse(response.json());
    expect(inventory.people.map((p) => p.label)).toEqual(["Brother", "Sister", "Colleague", "Uncle"]);
    expect(inventory.lifeEvents.map((e) => e.occurredOn)).toEqual(["2024-03-15", "2025-09-01"]);
    const [viewed] = await auditRows(prisma, { entityId: client.id, action: "inventory.viewed" });
    expect(viewed).toMatchObject({ actorId: therapist.id, entityType: "client", outcome: "success" });
  });

  it("a person is added with blank optional notes, edited with its version, and each write is audited by field name", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const added = await person(therapist, client.id, "Partner", "inner");
    expect(added).toMatchObject({ positives: "", negatives: "", support: "", version: 1 });

    const response = await therapist.patch(`${inventoryUrl(client.id)}/people/${added.id}`, {
      version: 1,
      negatives: "Arguments about money every week",
      ring: "middle",
    });

    expect(response.statusCode).toBe(200);
    expect(inventoryPerson.parse(response.json())).toMatchObject({
      ring: "middle",
      negatives: "Arguments about money every week",
      version: 2,
    });
    const rows = await auditRows(prisma, { entityId: added.id });
    expect(rows.map((r) => [r.action, r.entityType])).toEqual([
      ["inventory.person_added", "inventory_person"],
      ["inventory.person_updated", "inventory_person"],
    ]);
    expect(rows[1]?.details).toEqual({ clientId: client.id, fields: ["ring", "negatives"] });
    expect(JSON.stringify(rows.map((r) => r.details))).not.toContain("money");
  });

  it("a stale version answers 409 for a person's edit and removal, and the person is unchanged", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const added = await person(therapist, client.id, "Mother", "inner");
    const url = `${inventoryUrl(client.id)}/people/${added.id}`;
    await therapist.patch(url, { version: 1, support: "Calls every day" });

    expectApiError(await therapist.patch(url, { version: 1, label: "Mum" }), 409, "conflict");
    expectApiError(await therapist.delete(`${url}?version=1`), 409, "conflict");

    const row = await prisma.inventoryPerson.findUniqueOrThrow({ where: { id: added.id } });
    expect(row).toMatchObject({ label: "Mother", support: "Calls every day", version: 2 });
  });

  it("a person is removed with the current version (204); the events that named them stay, unlinked", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const added = await person(therapist, client.id, "Father", "middle");
    const linked = await event(therapist, client.id, "2025-01-10", added.id);
    expect(linked.personId).toBe(added.id);

    const response = await therapist.delete(`${inventoryUrl(client.id)}/people/${added.id}?version=1`);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    // Removed, not deleted (security/no-hard-delete.int.test.ts); the event no longer names them.
    const row = await prisma.inventoryPerson.findUniqueOrThrow({ where: { id: added.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    const inventory = inventoryResponse.parse((await therapist.get(inventoryUrl(client.id))).json());
    expect(inventory.people).toEqual([]);
    expect(inventory.lifeEvents).toEqual([{ ...linked, personId: null }]);
    const [removed] = await auditRows(prisma, { entityId: added.id, action: "inventory.person_removed" });
    expect(removed?.details).toEqual({ clientId: client.id });
  });

  it("removing needs a version in the query: 400 naming query.version", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const added = await person(therapist, client.id, "Friend", "outer");
    const error = expectApiError(
      await therapist.delete(`${inventoryUrl(client.id)}/people/${added.id}`),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["query.version"]);
    expect(await prisma.inventoryPerson.count({ where: { id: added.id } })).toBe(1);
  });

  it("a life event may only name a person of the same client: 400 naming body.personId, nothing saved", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const other = await newClient(therapist, { displayName: "Other client" });
    const othersPerson = await person(therapist, other.id, "Someone else", "inner");

    for (const personId of [othersPerson.id, unknownId()]) {
      const error = expectApiError(
        await therapist.post(`${inventoryUrl(client.id)}/events`, {
          occurredOn: "2025-02-01",
          kind: "dispute",
          description: "Argument",
          personId,
        }),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["body.personId"]);
    }
    const own = await event(therapist, client.id, "2025-02-01");
    const error = expectApiError(
      await therapist.patch(`${inventoryUrl(client.id)}/events/${own.id}`, {
        version: 1,
        personId: othersPerson.id,
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.personId"]);
    expect(await prisma.lifeEvent.findMany({ where: { clientId: client.id } })).toMatchObject([
      { id: own.id, personId: null, version: 1 },
    ]);
  });

  it("a life event is edited and removed with its version; a stale one answers 409", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const partner = await person(therapist, client.id, "Partner", "inner");
    const added = await event(therapist, client.id, "2025-05-05");
    const url = `${inventoryUrl(client.id)}/events/${added.id}`;

    const edited = await therapist.patch(url, {
      version: 1,
      occurredOn: "2025-04-30",
      kind: "dispute",
      personId: partner.id,
    });
    expect(edited.statusCode).toBe(200);
    expect(lifeEvent.parse(edited.json())).toMatchObject({
      occurredOn: "2025-04-30",
      kind: "dispute",
      personId: partner.id,
      version: 2,
    });
    expectApiError(await therapist.patch(url, { version: 1, kind: "other" }), 409, "conflict");
    expectApiError(await therapist.delete(`${url}?version=1`), 409, "conflict");
    expect((await therapist.delete(`${url}?version=2`)).statusCode).toBe(204);
    expect(await prisma.lifeEvent.count({ where: { id: added.id, deletedAt: null } })).toBe(0);

    const rows = await auditRows(prisma, { entityId: added.id });
    expect(rows.map((r) => r.action)).toEqual([
      "inventory.event_added",
      "inventory.event_updated",
      "inventory.event_removed",
    ]);
    expect(rows[1]?.details).toEqual({ clientId: client.id, fields: ["occurredOn", "kind", "personId"] });
  });

  it("bad input names each field: a missing label, an unknown ring, an impossible date", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const personError = expectApiError(
      await therapist.post(`${inventoryUrl(client.id)}/people`, {
        label: "",
        relationship: "friend",
        ring: "innermost",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(personError)).toEqual(["body.label", "body.ring"]);
    const eventError = expectApiError(
      await therapist.post(`${inventoryUrl(client.id)}/events`, {
        occurredOn: "2025-02-30",
        kind: "death",
        description: "Grandmother died",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(eventError)).toEqual(["body.occurredOn"]);
    expect(await prisma.inventoryPerson.count({ where: { clientId: client.id } })).toBe(0);
    expect(await prisma.lifeEvent.count({ where: { clientId: client.id } })).toBe(0);
  });

  it("a person or event of another of the therapist's clients answers 404 under this client", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const other = await newClient(therapist, { displayName: "Other" });
    const othersPerson = await person(therapist, other.id, "Neighbour", "outer");
    const othersEvent = await event(therapist, other.id, "2025-01-01");

    expectApiError(
      await therapist.patch(`${inventoryUrl(client.id)}/people/${othersPerson.id}`, {
        version: 1,
        label: "Moved",
      }),
      404,
      "not_found",
    );
    expectApiError(
      await therapist.delete(`${inventoryUrl(client.id)}/events/${othersEvent.id}?version=1`),
      404,
      "not_found",
    );
    expect(await prisma.inventoryPerson.findUniqueOrThrow({ where: { id: othersPerson.id } })).toMatchObject({
      label: "Neighbour",
      version: 1,
    });
    expect(await prisma.lifeEvent.count({ where: { id: othersEvent.id } })).toBe(1);
  });
});
