import { clientDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { newClient, signedInAs } from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

describe("clients", () => {
  it("a therapist adds a client and reads it back; both are audited without the client's details", async () => {
    const therapist = await signedInAs(app, prisma);
    const response = await therapist.post("/api/clients", {
      displayName: "  Jo Bloggs ",
      yearOfBirth: 1984,
      referralReason: "Low mood after a bereavement",
    });

    expect(response.statusCode).toBe(201);
    const created = clientDetail.parse(response.json());
    expect(created).toMatchObject({
      displayName: "Jo Bloggs",
      yearOfBirth: 1984,
      referralReason: "Low mood after a bereavement",
      workingDiagnosis: "",
      status: "intake",
      version: 1,
      courses: [],
    });
    const row = await prisma.client.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.therapistId).toBe(therapist.id);

    const read = await therapist.get(`/api/clients/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(clientDetail.parse(read.json())).toEqual(created);

    const events = await auditRows(prisma, { entityId: created.id });
    expect(events.map((e) => [e.action, e.actorId, e.entityType])).toEqual([
      ["client.created", therapist.id, "client"],
      ["client.viewed", therapist.id, "client"],
    ]);
    const details = JSON.stringify(events.map((e) => e.details));
    expect(details).not.toContain("Jo Bloggs");
    expect(details).not.toContain("bereavement");
  });

  it("an edit with the current version changes the named fields, bumps the version and audits field names", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist, { displayName: "Before" });

    const response = await therapist.patch(`/api/clients/${client.id}`, {
      version: 1,
      displayName: "After",
      workingDiagnosis: "Dysthymia",
    });

    expect(response.statusCode).toBe(200);
    expect(clientDetail.parse(response.json())).toMatchObject({
      displayName: "After",
      workingDiagnosis: "Dysthymia",
      referralReason: client.referralReason,
      version: 2,
    });
    const [event] = await auditRows(prisma, { entityId: client.id, action: "client.updated" });
    expect(event?.details).toEqual({ fields: ["displayName", "workingDiagnosis"] });
  });

  it("an edit with a stale version answers 409 and leaves the client unchanged", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist, { displayName: "Original" });
    await therapist.patch(`/api/clients/${client.id}`, { version: 1, referralReason: "Updated" });

    expectApiError(
      await therapist.patch(`/api/clients/${client.id}`, { version: 1, displayName: "Lost update" }),
      409,
      "conflict",
    );

    const row = await prisma.client.findUniqueOrThrow({ where: { id: client.id } });
    expect(row).toMatchObject({ displayName: "Original", referralReason: "Updated", version: 2 });
    expect(await auditRows(prisma, { entityId: client.id, action: "client.updated" })).toHaveLength(1);
  });

  it("bad input answers 400 naming each field, and nothing is saved", async () => {
    const therapist = await signedInAs(app, prisma);
    const before = await prisma.client.count();

    const error = expectApiError(
      await therapist.post("/api/clients", {
        displayName: "   ",
        yearOfBirth: 3000,
        referralReason: "x".repeat(2001),
      }),
      400,
      "validation_failed",
    );

    expect(fieldNames(error)).toEqual(["body.displayName", "body.referralReason", "body.yearOfBirth"]);
    expect(await prisma.client.count()).toBe(before);
  });

  it("an edit that changes nothing, or has no version, answers 400 and changes nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);

    expectApiError(
      await therapist.patch(`/api/clients/${client.id}`, { version: 1 }),
      400,
      "validation_failed",
    );
    const noVersion = expectApiError(
      await therapist.patch(`/api/clients/${client.id}`, { displayName: "New" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(noVersion)).toEqual(["body.version"]);
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).version).toBe(1);
  });

  it("an unknown client answers 404 and the attempt is audited as denied", async () => {
    const therapist = await signedInAs(app, prisma);
    const id = unknownId();
    expectApiError(await therapist.get(`/api/clients/${id}`), 404, "not_found");
    const [event] = await auditRows(prisma, { entityId: id });
    expect(event).toMatchObject({ action: "client.access_denied", outcome: "denied", actorId: therapist.id });
  });

  it("a malformed client id answers 400 naming params.clientId", async () => {
    const therapist = await signedInAs(app, prisma);
    const error = expectApiError(await therapist.get("/api/clients/not-an-id"), 400, "validation_failed");
    expect(fieldNames(error)).toEqual(["params.clientId"]);
  });

  it("the client lists its courses oldest first", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist);
    const first = await therapist.post(`/api/clients/${client.id}/courses`, {
      format: "standard",
      lineage: "weissman",
      startDate: "2026-01-05",
    });
    expect(first.statusCode).toBe(201);

    const read = clientDetail.parse((await therapist.get(`/api/clients/${client.id}`)).json());
    expect(read.courses).toEqual([
      {
        id: first.json<{ id: string }>().id,
        sequence: 1,
        format: "standard",
        phase: "initial",
        plannedSessions: 12,
        startDate: "2026-01-05",
        outcome: null,
      },
    ]);
  });
});
