// Clinical records are never hard-deleted (issue 6, data integrity). The app's Prisma client reports
// every SQL statement it sends while a record is removed through the API (an inventory person, a life
// event, a dropped session) and while a contract is agreed again over a generated plan: no statement
// may DELETE from or TRUNCATE a clinical table. (The matrix walk, security/authorization-matrix.int.test.ts,
// checks the same of every route × every actor, the DELETE routes and the plan edit that drops a
// session among them.) What the API removes stays in the database with deleted_at set, is gone from
// every read, and its removal is audited. Below the API, the database refuses DELETE and TRUNCATE on
// each clinical table.
import { inventoryResponse, lifeEvent, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { addPerson, asCourse, contract, courseFor, ok, type Clinician } from "../../test/helpers/clinical";
import { statementReportingPrisma } from "../../test/helpers/query-count";
import { CLINICAL_TABLES, clinicalDeletesIn } from "../../test/security/clinical-tables";
import { buildWorld } from "../../test/security/world";

const statements: string[] = [];
const { app, prisma } = await createTestApp({}, undefined, undefined, (url) =>
  statementReportingPrisma(url, (sql) => statements.push(sql)),
);
const world = await buildWorld(app, prisma);
const owner = world.as("owner");
const supervisor = world.as("ownerSupervisor");

/** Runs `action` and fails if the app sent a DELETE or TRUNCATE on a clinical table meanwhile. */
async function expectNoClinicalDelete<T>(action: () => Promise<T>): Promise<T> {
  const from = statements.length;
  const result = await action();
  const sent = statements.slice(from);
  const offending = sent.filter((sql) => clinicalDeletesIn(sql).length > 0);
  expect(offending, "statements deleting clinical rows").toEqual([]);
  return result;
}

/** Every read a removed record could show up in, for the therapist and their supervisor. */
function readsOf(course: CourseDetail): [Clinician, string][] {
  const ofCourse = [
    `/api/courses/${course.id}`,
    `/api/courses/${course.id}/measures`,
    `/api/courses/${course.id}/fidelity`,
    `/api/courses/${course.id}/review-threads`,
    `/api/courses/${course.id}/cosignatures`,
    `/api/courses/${course.id}/end-of-treatment-summary`,
  ];
  return [
    ...ofCourse.map((url): [Clinician, string] => [owner, url]),
    [owner, `/api/clients/${course.client.id}/inventory`],
    [owner, "/api/clients?pageSize=100"],
    [owner, "/api/attention"],
    ...ofCourse.map((url): [Clinician, string] => [supervisor, url]),
    [supervisor, `/api/supervision/cockpit?therapistId=${owner.id}`],
    [supervisor, "/api/supervision/risk-flags"],
    [supervisor, "/api/supervision/therapists"],
  ];
}

async function expectGoneFromReads(course: CourseDetail, ids: string[]) {
  for (const [who, url] of readsOf(course)) {
    const response = await who.get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    for (const id of ids) expect(response.body.includes(id), `${url} still shows ${id}`).toBe(false);
  }
}

const inventoryOf = async (clientId: string) =>
  ok(await owner.get(`/api/clients/${clientId}/inventory`), inventoryResponse);

describe("the statement check", () => {
  it("finds deletes and truncates of clinical tables, quoted or not, and nothing else", () => {
    expect(clinicalDeletesIn(`DELETE FROM "public"."therapy_sessions" WHERE "id" = $1`)).toEqual([
      "therapy_sessions",
    ]);
    expect(clinicalDeletesIn(`delete from clients where id = $1`)).toEqual(["clients"]);
    expect(clinicalDeletesIn(`WITH gone AS (DELETE FROM "life_events" RETURNING id) SELECT 1`)).toEqual([
      "life_events",
    ]);
    expect(clinicalDeletesIn(`TRUNCATE TABLE audit_events, "public"."courses" CASCADE`)).toEqual(["courses"]);
    expect(clinicalDeletesIn(`DELETE FROM "public"."login_sessions" WHERE "user_id" = $1`)).toEqual([]);
    expect(clinicalDeletesIn(`DELETE FROM clients_archive`)).toEqual([]);
    expect(
      clinicalDeletesIn(`UPDATE "public"."therapy_sessions" SET "deleted_at" = $1 WHERE "id" = $2`),
    ).toEqual([]);
  });
});

describe("what the API removes stays in the database, hidden and audited", () => {
  it("an inventory person: the row is kept, the events that named them stay without them", async () => {
    const clientId = world.owner.clientId;
    const person = await addPerson(owner, clientId, "Removed sister");
    const event = ok(
      await owner.post(`/api/clients/${clientId}/inventory/events`, {
        occurredOn: "2025-05-01",
        kind: "dispute",
        description: "Argument at the wedding",
        personId: person.id,
      }),
      lifeEvent,
      201,
    );

    const response = await expectNoClinicalDelete(() =>
      owner.delete(`/api/clients/${clientId}/inventory/people/${person.id}?version=${person.version}`),
    );

    expect(response.statusCode, response.body).toBe(204);
    const row = await prisma.inventoryPerson.findUniqueOrThrow({ where: { id: person.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(person.version + 1);
    const inventory = await inventoryOf(clientId);
    expect(inventory.people.map((p) => p.id)).not.toContain(person.id);
    expect(inventory.lifeEvents.find((e) => e.id === event.id)?.personId).toBeNull();
    const [removed] = await auditRows(prisma, { entityId: person.id, action: "inventory.person_removed" });
    expect(removed?.details).toEqual({ clientId });

    const url = `/api/clients/${clientId}/inventory/people/${person.id}`;
    expectApiError(await owner.patch(url, { version: row.version, support: "x" }), 404, "not_found");
    expectApiError(await owner.delete(`${url}?version=${row.version}`), 404, "not_found");
    const naming = await owner.post(`/api/clients/${clientId}/inventory/events`, {
      occurredOn: "2025-05-02",
      kind: "other",
      description: "Names the removed person",
      personId: person.id,
    });
    expect(naming.statusCode).toBe(400);
    // The event's own answer leaves the removed person out too.
    const edited = ok(
      await owner.patch(`/api/clients/${clientId}/inventory/events/${event.id}`, {
        version: event.version,
        description: "Argument at the wedding, edited",
      }),
      lifeEvent,
    );
    expect(edited.personId).toBeNull();
  });

  it("a life event: the row is kept, gone from the inventory, and writes to it answer 404", async () => {
    const clientId = world.owner.clientId;
    const event = ok(
      await owner.post(`/api/clients/${clientId}/inventory/events`, {
        occurredOn: "2025-04-01",
        kind: "death",
        description: "A removed event",
      }),
      lifeEvent,
      201,
    );

    const url = `/api/clients/${clientId}/inventory/events/${event.id}`;
    const response = await expectNoClinicalDelete(() => owner.delete(`${url}?version=${event.version}`));

    expect(response.statusCode, response.body).toBe(204);
    const row = await prisma.lifeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect((await inventoryOf(clientId)).lifeEvents.map((e) => e.id)).not.toContain(event.id);
    expect(await auditRows(prisma, { entityId: event.id, action: "inventory.event_removed" })).toHaveLength(
      1,
    );
    expectApiError(await owner.patch(url, { version: row.version, description: "x" }), 404, "not_found");
    expectApiError(await owner.delete(`${url}?version=${row.version}`), 404, "not_found");
  });

  it("a dropped session: kept without its number, gone from every read, its threads with it", async () => {
    const course = await courseFor(owner, { plannedSessions: 13 });
    const dropped = course.sessions.findLast((s) => s.status === "planned")!;
    const opened = await supervisor.post(`/api/courses/${course.id}/review-threads`, {
      target: "session",
      sessionId: dropped.id,
      kind: "comment",
      body: "About the last session",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const threadId = opened.json<{ id: string }>().id;

    const after = await expectNoClinicalDelete(async () =>
      asCourse(
        await owner.post(`/api/courses/${course.id}/plan/drop`, {
          version: course.version,
          sessionId: dropped.id,
          reason: "Fewer sessions agreed",
        }),
      ),
    );

    expect(after.sessions).toHaveLength(12);
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: dropped.id } });
    expect(row).toMatchObject({ number: null, status: "planned", version: dropped.version + 1 });
    expect(row.deletedAt).toBeInstanceOf(Date);
    const [audited] = await auditRows(prisma, { entityId: course.id, action: "plan.session_dropped" });
    expect(audited?.details).toMatchObject({ sessionId: dropped.id, plannedSessions: 12 });

    await expectGoneFromReads(after, [dropped.id, threadId]);
    for (const who of [owner, supervisor]) {
      expectApiError(await who.get(`/api/sessions/${dropped.id}`), 404, "not_found");
    }
    expectApiError(
      await owner.patch(`/api/sessions/${dropped.id}`, { version: row.version, nextFocus: "x" }),
      404,
      "not_found",
    );
    expectApiError(
      await supervisor.post(`/api/review-threads/${threadId}/messages`, { body: "Hello" }),
      404,
      "not_found",
    );

    // A session added now is created after the removed one, whose creation order it may not reuse.
    const added = asCourse(
      await owner.post(`/api/courses/${course.id}/plan/sessions`, { version: after.version }),
    );
    expect(added.sessions).toHaveLength(13);
  });

  it("a contract agreed again: the plan it replaces is kept, removed, and never shown", async () => {
    const course = await courseFor(owner);
    const first = course.sessions.map((s) => s.id);

    const again = await expectNoClinicalDelete(async () =>
      asCourse(
        await owner.put(
          `/api/courses/${course.id}/contract`,
          contract(course.version, { plannedSessions: 14 }),
        ),
      ),
    );
    const third = await expectNoClinicalDelete(async () =>
      asCourse(await owner.put(`/api/courses/${course.id}/contract`, contract(again.version))),
    );

    expect(third.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const rows = await prisma.therapySession.findMany({ where: { courseId: course.id } });
    expect(rows).toHaveLength(12 + 14 + 12);
    const removed = rows.filter((r) => r.deletedAt !== null);
    expect(removed.map((r) => r.id).sort()).toEqual([...first, ...again.sessions.map((s) => s.id)].sort());
    expect(removed.every((r) => r.number === null)).toBe(true);
    expect(await auditRows(prisma, { entityId: course.id, action: "plan.generated" })).toHaveLength(3);
    await expectGoneFromReads(third, [...first, ...again.sessions.map((s) => s.id)]);
  });
});

describe("the database refuses to delete clinical rows", () => {
  it.each(CLINICAL_TABLES)("DELETE and TRUNCATE on %s are refused", async (table) => {
    // Statement-level triggers: refused whether or not a row matches.
    const before = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    for (const sql of [
      `DELETE FROM "${table}"`,
      `DELETE FROM "${table}" WHERE false`,
      `TRUNCATE "${table}" CASCADE`,
    ]) {
      await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/refused/);
    }
    const after = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
