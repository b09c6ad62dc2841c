// Proves the Idempotency-Key header on creating a client (POST /api/clients), on recording a
// session (PATCH /api/sessions/:id, the edit that marks it held and writes it up) and on recording a
// score (POST /api/courses/:id/measures), on real
// PostgreSQL: a replay with the same key and body by the same user gets the same status and body
// (marked Idempotent-Replayed) and changes nothing more — one row, one "created"/"updated" audit
// event, the version bumped once — even when the replays arrive at once; the same key with another
// body or on another route answers 422 idempotency_key_reused; keys are per user; a refused write
// does not use its key up; a malformed key answers 400 naming the header; a stored key holds the
// body's hash and the answer and expires after 24 hours; both routes document the header.
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAY_HEADER, type CreateClientRequest } from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { courseFor, sessionNumbered, signedInAs, type Clinician } from "../../test/helpers/clinical";
import { purgeExpiredIdempotencyKeys } from "../idempotency/key-store";

const { app, prisma } = await createTestApp();
const therapist = await signedInAs(app, prisma);
const otherTherapist = await signedInAs(app, prisma);
const course = await courseFor(therapist, { phase: "middle", plannedSessions: 16 });

let keys = 0;
const newKey = () => `test-key-${++keys}-${crypto.randomUUID()}`;
let names = 0;
const newBody = (): CreateClientRequest => ({
  displayName: `Idempotent client ${++names}`,
  referralReason: "Low mood after a move",
  yearOfBirth: 1984,
});

/** A write as `who`, with the key header when one is given. */
function write(who: Clinician, method: "POST" | "PATCH", url: string, payload: object, key?: string) {
  return app.inject({
    method,
    url,
    headers: { ...who.session.headers, ...(key === undefined ? {} : { [IDEMPOTENCY_KEY_HEADER]: key }) },
    payload,
  });
}
const createClient = (who: Clinician, body: object, key?: string) =>
  write(who, "POST", "/api/clients", body, key);

const clientsNamed = (displayName: string) => prisma.client.count({ where: { displayName } });
const auditCount = (action: string, entityId: string) =>
  prisma.auditEvent.count({ where: { action, entityId } });
const replayed = (response: LightMyRequestResponse) => response.headers[IDEMPOTENT_REPLAY_HEADER] === "true";
const errorOf = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string; fields?: { field: string }[] } }>().error;

describe("creating a client with an Idempotency-Key", () => {
  it("a replay answers the same status and body and creates nothing more", async () => {
    const body = newBody();
    const key = newKey();

    const first = await createClient(therapist, body, key);
    // The same fields in another order are the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await createClient(therapist, reordered, key);

    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(replayed(first)).toBe(false);
    expect(replayed(again)).toBe(true);
    const id = first.json<{ id: string }>().id;
    expect(await clientsNamed(body.displayName)).toBe(1);
    expect(await auditCount("client.created", id)).toBe(1);
    // The replay shows the record again, so it is audited as a read.
    expect(await auditCount("client.viewed", id)).toBe(1);
  });

  it("concurrent requests with one key run the write once and all get its answer", async () => {
    const body = newBody();
    const key = newKey();

    const responses = await Promise.all(Array.from({ length: 8 }, () => createClient(therapist, body, key)));

    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter(replayed)).toHaveLength(7);
    expect(await clientsNamed(body.displayName)).toBe(1);
    expect(await auditCount("client.created", responses[0]!.json<{ id: string }>().id)).toBe(1);
  });

  it("the same key with a different body is refused, and nothing is created", async () => {
    const key = newKey();
    const body = newBody();
    expect((await createClient(therapist, body, key)).statusCode).toBe(201);

    const changed = { ...body, referralReason: "A different referral" };
    const refused = await createClient(therapist, changed, key);

    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).code).toBe("idempotency_key_reused");
    expect(errorOf(refused).fields).toEqual([
      expect.objectContaining({ field: `headers.${IDEMPOTENCY_KEY_HEADER}` }),
    ]);
    expect(await clientsNamed(body.displayName)).toBe(1);
  });

  it("keys are per user: another therapist's same key and body create their own client", async () => {
    const key = newKey();
    const body = newBody();

    const mine = await createClient(therapist, body, key);
    const theirs = await createClient(otherTherapist, body, key);

    expect(theirs.statusCode).toBe(201);
    expect(replayed(theirs)).toBe(false);
    expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);
    const owners = await prisma.client.findMany({
      where: { displayName: body.displayName },
      select: { therapistId: true },
    });
    expect(owners.map((o) => o.therapistId).sort()).toEqual([therapist.id, otherTherapist.id].sort());
  });

  it("without a key every request is a new client (the header is optional)", async () => {
    const body = newBody();
    expect((await createClient(therapist, body)).statusCode).toBe(201);
    expect((await createClient(therapist, body)).statusCode).toBe(201);
    expect(await clientsNamed(body.displayName)).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["129 characters", "k".repeat(129)],
    ["a space", "two words"],
    ["a control character", "tab\there"],
  ])("a key with %s answers 400 naming the header, and nothing is created", async (_label, key) => {
    const body = newBody();

    const response = await createClient(therapist, body, key);

    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).fields?.map((f) => f.field)).toContain(`headers.${IDEMPOTENCY_KEY_HEADER}`);
    expect(await clientsNamed(body.displayName)).toBe(0);
  });

  it("accepts any 128 visible ASCII characters", async () => {
    const key = "!~".repeat(64);
    expect((await createClient(therapist, newBody(), key)).statusCode).toBe(201);
  });

  it("stores the body's hash and the answer for 24 hours; an expired key is a new one and is purged", async () => {
    const key = newKey();
    const body = newBody();
    const first = await createClient(therapist, body, key);
    const where = { userId_key: { userId: therapist.id, key } };

    const stored = await prisma.idempotencyKey.findUniqueOrThrow({ where });

    expect(stored.request).toBe("POST /api/clients");
    expect(stored.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.responseStatus).toBe(201);
    expect(stored.responseBody).toEqual(first.json());
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3_600_000);

    await prisma.idempotencyKey.update({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
    const afterExpiry = await createClient(therapist, body, key);
    expect(afterExpiry.statusCode).toBe(201);
    expect(replayed(afterExpiry)).toBe(false);
    expect(await clientsNamed(body.displayName)).toBe(2);

    await prisma.idempotencyKey.update({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await purgeExpiredIdempotencyKeys(prisma)).toBeGreaterThanOrEqual(1);
    expect(await prisma.idempotencyKey.findUnique({ where })).toBeNull();
  });
});

describe("recording a session with an Idempotency-Key", () => {
  let next = 0;
  const freshSession = () => sessionNumbered(course, ++next);
  const record = (sessionId: string, body: object, key?: string) =>
    write(therapist, "PATCH", `/api/sessions/${sessionId}`, body, key);
  const versionOf = async (id: string) =>
    (await prisma.therapySession.findUniqueOrThrow({ where: { id } })).version;

  it("a replay answers the same 200 and body instead of a 409, and the record changes once", async () => {
    const session = freshSession();
    const body = { version: session.version, status: "held", notes: "Talked about the move" };
    const key = newKey();

    const first = await record(session.id, body, key);
    const again = await record(session.id, body, key);
    const withoutKey = await record(session.id, body);

    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(replayed(again)).toBe(true);
    // The same request without the key is an edit of an old version.
    expect(withoutKey.statusCode).toBe(409);
    expect(await versionOf(session.id)).toBe(session.version + 1);
    expect(await auditCount("session.updated", session.id)).toBe(1);
  });

  it("concurrent replays run the edit once", async () => {
    const session = freshSession();
    const body = { version: session.version, status: "held", nextFocus: "The new role" };
    const key = newKey();

    const responses = await Promise.all(Array.from({ length: 6 }, () => record(session.id, body, key)));

    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(await versionOf(session.id)).toBe(session.version + 1);
    expect(await auditCount("session.updated", session.id)).toBe(1);
  });

  it("a refused write does not use its key up: the corrected request runs", async () => {
    const session = freshSession();
    const key = newKey();

    const stale = await record(session.id, { version: session.version + 5, status: "held" }, key);
    const corrected = await record(session.id, { version: session.version, status: "held" }, key);

    expect(stale.statusCode).toBe(409);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(replayed(corrected)).toBe(false);
  });

  it("a key used to create a client is refused for a session, and the reverse", async () => {
    const session = freshSession();
    const clientKey = newKey();
    expect((await createClient(therapist, newBody(), clientKey)).statusCode).toBe(201);
    const sessionKey = newKey();
    expect(
      (await record(session.id, { version: session.version, status: "held" }, sessionKey)).statusCode,
    ).toBe(200);

    const onSession = await record(session.id, { version: session.version + 1, notes: "x" }, clientKey);
    const onClient = await createClient(therapist, newBody(), sessionKey);

    expect(errorOf(onSession).code).toBe("idempotency_key_reused");
    expect(errorOf(onClient).code).toBe("idempotency_key_reused");
    expect(await versionOf(session.id)).toBe(session.version + 1);
  });

  it("the same key on another session is another request", async () => {
    const [a, b] = [freshSession(), freshSession()];
    const key = newKey();
    expect((await record(a.id, { version: a.version, status: "held" }, key)).statusCode).toBe(200);

    const other = await record(b.id, { version: b.version, status: "held" }, key);

    expect(other.statusCode).toBe(422);
    expect(await versionOf(b.id)).toBe(b.version);
  });
});

describe("recording a score with an Idempotency-Key", () => {
  const record = (body: object, key?: string) =>
    write(therapist, "POST", `/api/courses/${course.id}/measures`, body, key);
  const scoresAt = (sessionId: string) => prisma.measureScore.count({ where: { sessionId } });
  // A held session to score; the course's later sessions are still planned.
  const heldSessionId = async (number: number) => {
    const session = sessionNumbered(course, number);
    const held = await write(therapist, "PATCH", `/api/sessions/${session.id}`, {
      version: session.version,
      status: "held",
    });
    expect(held.statusCode, held.body).toBe(200);
    return session.id;
  };

  it("a replay answers the same 201 and body, and one score is stored (no second risk flag)", async () => {
    const sessionId = await heldSessionId(12);
    const body = { instrument: "phq9", sessionId, items: [2, 2, 2, 2, 1, 1, 1, 1, 1] };
    const key = newKey();

    const responses = await Promise.all(Array.from({ length: 4 }, () => record(body, key)));
    const again = await record(body, key);

    expect(responses.map((r) => r.statusCode)).toEqual(Array(4).fill(201));
    expect(new Set([...responses, again].map((r) => r.body)).size).toBe(1);
    expect(replayed(again)).toBe(true);
    expect(await scoresAt(sessionId)).toBe(1);
    expect(await prisma.riskFlag.count({ where: { sessionId } })).toBe(1);
    const scoreId = again.json<{ score: { id: string } }>().score.id;
    expect(await auditCount("measure.recorded", scoreId)).toBe(1);
    // The replays are reads of the score, audited as such.
    expect(await auditCount("measures.viewed", scoreId)).toBe(4);
  });

  it("the same key with another score is refused and stores nothing", async () => {
    const sessionId = await heldSessionId(13);
    const key = newKey();
    expect(
      (await record({ instrument: "gad7", sessionId, items: [1, 1, 1, 1, 1, 1, 1] }, key)).statusCode,
    ).toBe(201);

    const other = await record({ instrument: "gad7", sessionId, items: [3, 3, 3, 3, 3, 3, 3] }, key);

    expect(other.statusCode).toBe(422);
    expect(errorOf(other).code).toBe("idempotency_key_reused");
    expect(await scoresAt(sessionId)).toBe(1);
  });
});

describe("the OpenAPI document", () => {
  it("documents the header and the 422 on each idempotent route", async () => {
    const document = (await app.inject({ method: "GET", url: "/api/docs/json" })).json<{
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; responses: object }>
      >;
    }>();

    for (const [path, method] of [
      ["/api/clients", "post"],
      ["/api/sessions/{sessionId}", "patch"],
      ["/api/courses/{courseId}/measures", "post"],
    ] as const) {
      const operation = document.paths[path]![method]!;
      expect(operation.parameters).toContainEqual(
        expect.objectContaining({ in: "header", name: IDEMPOTENCY_KEY_HEADER }),
      );
      expect(Object.keys(operation.responses)).toContain("422");
    }
  });
});
