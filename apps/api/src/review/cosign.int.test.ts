// Supervisor co-signatures: what each target needs before it can be co-signed, the state after co-signing
// and after the therapist changes the content, open change requests blocking, the assignment boundary
// (404 audited as denied, ending at once when the assignment is removed), the roles refused by the
// policy, append-only rows, audit rows without content, and a read whose query count is fixed.
import { randomUUID } from "node:crypto";
import { courseCoSignsResponse, type CourseDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asCourse,
  asSession,
  completeSteps,
  contract,
  newClient,
  newCourse,
  ok,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { heldSession, supervisorOf } from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";
import { sessionContentSelect, sessionFingerprint, sessionFingerprints } from "./fingerprints";

const { app, prisma, databaseUrl } = await createTestApp();

const url = (courseId: string) => `/api/courses/${courseId}/cosignatures`;
const read = async (who: Clinician, courseId: string) =>
  ok(await who.get(url(courseId)), courseCoSignsResponse);
const coSign = (who: Clinician, courseId: string, body: object) => who.post(url(courseId), body);
const coSigned = async (who: Clinician, courseId: string, body: object) =>
  ok(await coSign(who, courseId, body), courseCoSignsResponse, 201);

/** A course with every initial-phase step done (or in the middle phase), and an assigned supervisor. */
async function supervisedCourse(phase: "ready" | "middle" = "ready") {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase });
  return { therapist, course, ...(await supervisorOf(app, prisma, therapist)) };
}

/** Marks session `number` held and signs it; returns its id. */
async function signedSession(therapist: Clinician, course: CourseDetail, number: number) {
  const held = await heldSession(therapist, course, number);
  asSession(await therapist.post(`/api/sessions/${held.id}/sign`, { version: held.version }));
  return held.id;
}

/** An open review thread written straight to the database (this file does not depend on the threads API). */
async function openThread(
  courseId: string,
  author: { id: string },
  kind: "comment" | "change_request",
  target: "formulation" | "plan" | "session",
  sessionId: string | null = null,
) {
  return prisma.reviewThread.create({
    data: {
      courseId,
      sessionId,
      target,
      kind,
      openedById: author.id,
      openedByRole: "supervisor",
      messages: { create: { authorId: author.id, authorRole: "supervisor", body: "Please look again." } },
    },
  });
}

const resolveThread = (threadId: string, by: { id: string }) =>
  prisma.reviewThread.update({
    where: { id: threadId },
    data: { resolvedAt: new Date(), resolvedById: by.id, resolution: "Done.", version: { increment: 1 } },
  });

const deniedRows = (actorId: string) =>
  prisma.auditEvent.findMany({ where: { actorId, action: "client.access_denied" }, orderBy: { id: "asc" } });

describe("what can be co-signed", () => {
  it("a formulation needs a primary area and its text, a plan an agreed contract; each blocker is explained", async () => {
    const therapist = await signedInAs(app, prisma);
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const bare = await newCourse(therapist, (await newClient(therapist)).id);

    const before = await read(supervisor, bare.id);
    expect(before).toMatchObject({
      requiredBeforeMiddle: false,
      formulation: { target: "formulation", sessionId: null, state: "not_cosigned", latest: null },
      plan: { target: "plan", state: "not_cosigned", openChangeRequests: 0 },
      sessions: [],
    });
    expect(before.formulation.blocker).toContain("primary problem area");
    expect(before.formulation.blocker).toContain("needs writing");
    expect(before.plan.blocker).toContain("treatment contract");

    const formulation = expectApiError(
      await coSign(supervisor, bare.id, { target: "formulation" }),
      422,
      "rule_unmet",
    );
    expect(formulation.fields?.map((f) => f.field)).toEqual(["problem_area", "formulation"]);
    const plan = expectApiError(await coSign(supervisor, bare.id, { target: "plan" }), 422, "rule_unmet");
    expect(plan.fields?.map((f) => f.field)).toEqual(["contract"]);
    expect(await prisma.coSignature.count({ where: { courseId: bare.id } })).toBe(0);
    const refused = await auditRows(prisma, { entityId: bare.id, action: "course.rule_refused" });
    expect(refused.map((row) => [row.actorId, row.outcome, row.details])).toEqual([
      [supervisor.id, "failure", { rule: "cosign", missing: ["problem_area", "formulation"] }],
      [supervisor.id, "failure", { rule: "cosign", missing: ["contract"] }],
    ]);

    // The area alone is not enough: the formulation text is still missing.
    const withArea = await completeSteps(therapist, bare, ["problem_area", "contract"]);
    const partly = await read(therapist, withArea.id);
    expect(partly.formulation.blocker).toBe("The formulation needs writing before it can be co-signed.");
    expect(partly.plan.blocker).toBeNull();

    await completeSteps(therapist, withArea, ["formulation_agreed"]);
    const ready = await read(supervisor, bare.id);
    expect(ready.formulation).toMatchObject({ state: "not_cosigned", blocker: null });
    expect(ready.plan).toMatchObject({ state: "not_cosigned", blocker: null });
  });

  it("only held sessions are listed, in plan order; a session needs signing; a planned one cannot be co-signed", async () => {
    const { therapist, course, supervisor } = await supervisedCourse("middle");
    const second = await signedSession(therapist, course, 2);
    const first = await heldSession(therapist, course, 1);
    const planned = course.sessions.find((s) => s.number === 3)!;

    const status = await read(supervisor, course.id);
    expect(status.sessions.map((s) => [s.sessionNumber, s.sessionId, s.state])).toEqual([
      [1, first.id, "not_cosigned"],
      [2, second, "not_cosigned"],
    ]);
    expect(status.sessions[0]!.blocker).toBe("The session record needs signing before it can be co-signed.");
    expect(status.sessions[1]!.blocker).toBeNull();

    const unsigned = expectApiError(
      await coSign(supervisor, course.id, { target: "session", sessionId: first.id }),
      422,
      "rule_unmet",
    );
    expect(unsigned.fields?.map((f) => f.field)).toEqual(["session_signed"]);
    const notHeld = expectApiError(
      await coSign(supervisor, course.id, { target: "session", sessionId: planned.id }),
      422,
      "rule_unmet",
    );
    expect(notHeld.fields?.map((f) => f.field)).toEqual(["session_held"]);

    const after = await coSigned(supervisor, course.id, { target: "session", sessionId: second });
    expect(after.sessions.map((s) => s.state)).toEqual(["not_cosigned", "cosigned"]);
    expect(after.sessions[1]!.latest).toMatchObject({ target: "session", sessionId: second });
  });

  it("bad input answers 400 naming the field, and nothing is written", async () => {
    const { course, supervisor } = await supervisedCourse();
    const cases: [object, string[]][] = [
      [{ target: "session" }, ["body.sessionId"]],
      [{ target: "plan", sessionId: unknownId() }, ["body.sessionId"]],
      [{ target: "summary" }, ["body.target"]],
      [{ target: "session", sessionId: "not-a-uuid" }, ["body.sessionId"]],
      [{ target: "plan", note: "x".repeat(2001) }, ["body.note"]],
    ];
    for (const [body, fields] of cases) {
      const error = expectApiError(await coSign(supervisor, course.id, body), 400, "validation_failed");
      expect(fieldNames(error), JSON.stringify(body)).toEqual(fields);
    }
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("co-signing and changes since", () => {
  it("co-signing the formulation and the plan records who and when; again unchanged answers 409", async () => {
    const { therapist, course, supervisor } = await supervisedCourse();

    const body = await coSigned(supervisor, course.id, {
      target: "formulation",
      note: "Private note: fine.",
    });
    expect(body.formulation).toMatchObject({
      state: "cosigned",
      blocker: null,
      latest: {
        target: "formulation",
        sessionId: null,
        note: "Private note: fine.",
        supervisor: { id: supervisor.id, name: supervisor.name, email: supervisor.email },
      },
    });
    expect(Date.parse(body.formulation.latest!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.plan.state).toBe("not_cosigned");
    expect((await coSigned(supervisor, course.id, { target: "plan" })).plan.state).toBe("cosigned");
    // The therapist sees the same state.
    expect(await read(therapist, course.id)).toEqual(await read(supervisor, course.id));

    const again = expectApiError(
      await coSign(supervisor, course.id, { target: "formulation" }),
      409,
      "conflict",
    );
    expect(again.message).toBe("Already co-signed as it stands.");
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(2);

    const recorded = await auditRows(prisma, { entityId: course.id, action: "cosign.recorded" });
    expect(recorded.map((row) => [row.actorId, row.entityType, row.outcome, row.details])).toEqual([
      [supervisor.id, "course", "success", { target: "formulation" }],
      [supervisor.id, "course", "success", { target: "plan" }],
    ]);
    const viewed = await auditRows(prisma, { entityId: course.id, action: "cosigns.viewed" });
    expect(viewed.map((row) => row.actorId)).toEqual([therapist.id, supervisor.id]);
    const details = JSON.stringify(
      (await auditRows(prisma, { entityId: course.id })).map((row) => row.details),
    );
    expect(details).not.toContain("Private");
  });

  it("a formulation or contract change by the therapist shows as changed since; an unrelated edit does not", async () => {
    const { therapist, course, supervisor } = await supervisedCourse();
    await coSigned(supervisor, course.id, { target: "formulation" });
    await coSigned(supervisor, course.id, { target: "plan" });

    // Setting an initial task bumps the course version but changes neither formulation nor plan.
    const unrelated = asCourse(
      await therapist.patch(`/api/courses/${course.id}/initial-tasks`, {
        version: course.version,
        diagnosisNamed: false,
      }),
    );
    const still = await read(therapist, course.id);
    expect([still.formulation.state, still.plan.state]).toEqual(["cosigned", "cosigned"]);

    const reworded = asCourse(
      await therapist.put(`/api/courses/${course.id}/formulation`, {
        version: unrelated.version,
        formulation: "The depression began with the move; the new role has no support yet.",
        agreedOn: "2026-01-12",
      }),
    );
    const changed = await read(supervisor, course.id);
    expect(changed.formulation).toMatchObject({ state: "changed_since", blocker: null });
    expect(changed.formulation.latest?.supervisor.id).toBe(supervisor.id);
    expect(changed.plan.state).toBe("cosigned");

    asCourse(
      await therapist.put(
        `/api/courses/${course.id}/contract`,
        contract(reworded.version, { plannedSessions: 14, agreedOn: "2026-01-05" }),
      ),
    );
    expect((await read(supervisor, course.id)).plan.state).toBe("changed_since");

    const resigned = await coSigned(supervisor, course.id, { target: "formulation" });
    expect(resigned.formulation.state).toBe("cosigned");
    expect(resigned.plan.state).toBe("changed_since");
  });

  it("an amendment to a co-signed session shows as changed since", async () => {
    const { therapist, course, supervisor } = await supervisedCourse("middle");
    const sessionId = await signedSession(therapist, course, 1);
    await coSigned(supervisor, course.id, { target: "session", sessionId });

    asSession(
      await therapist.post(`/api/sessions/${sessionId}/amendments`, {
        reason: "Supervisor asked for detail.",
        text: "Added: the argument was about the move.",
      }),
      201,
    );
    const [session] = (await read(supervisor, course.id)).sessions;
    expect(session).toMatchObject({ sessionId, state: "changed_since", blocker: null });
    expect((await coSigned(supervisor, course.id, { target: "session", sessionId })).sessions[0]!.state).toBe(
      "cosigned",
    );
  });

  it("counts amendments by content, and a co-signature given when they counted by id still covers the session", async () => {
    const { therapist, course, supervisor } = await supervisedCourse("middle");
    const sessionId = await signedSession(therapist, course, 1);
    asSession(
      await therapist.post(`/api/sessions/${sessionId}/amendments`, {
        reason: "Supervisor asked for detail.",
        text: "Added: the argument was about the move.",
      }),
      201,
    );
    const session = await prisma.therapySession.findUniqueOrThrow({
      where: { id: sessionId },
      select: sessionContentSelect,
    });
    const [byContent, byIds] = sessionFingerprints(session);
    expect(byContent).toBe(sessionFingerprint(session));
    expect(byIds).not.toBe(byContent);
    // Renewed ids (as a FHIR import gives) do not change the fingerprint; another text does.
    const renamed = { ...session, amendments: session.amendments.map((a) => ({ ...a, id: randomUUID() })) };
    expect(sessionFingerprint(renamed)).toBe(byContent);
    const reworded = { ...session, amendments: session.amendments.map((a) => ({ ...a, text: "Other." })) };
    expect(sessionFingerprint(reworded)).not.toBe(byContent);

    // A co-signature stored with the fingerprint by amendment ids (before they counted by content).
    await prisma.coSignature.create({
      data: {
        courseId: course.id,
        sessionId,
        target: "session",
        supervisorId: supervisor.id,
        fingerprint: byIds,
      },
    });
    expect((await read(supervisor, course.id)).sessions[0]).toMatchObject({ sessionId, state: "cosigned" });
    expectApiError(await coSign(supervisor, course.id, { target: "session", sessionId }), 409, "conflict");
  });

  it("an open change request blocks co-signing its target only; a comment does not; resolving it unblocks", async () => {
    const { therapist, course, supervisor } = await supervisedCourse("middle");
    const sessionId = await signedSession(therapist, course, 1);
    const request = await openThread(course.id, supervisor, "change_request", "formulation");
    await openThread(course.id, supervisor, "change_request", "formulation");
    await openThread(course.id, supervisor, "comment", "plan");
    const onSession = await openThread(course.id, supervisor, "change_request", "session", sessionId);

    const status = await read(therapist, course.id);
    expect(status.formulation.openChangeRequests).toBe(2);
    expect(status.formulation.blocker).toBe(
      "2 change requests on the formulation are still open: the therapist resolves them before it can be co-signed.",
    );
    expect(status.plan).toMatchObject({ openChangeRequests: 0, blocker: null });
    expect(status.sessions[0]).toMatchObject({ openChangeRequests: 1 });

    const refused = expectApiError(
      await coSign(supervisor, course.id, { target: "formulation" }),
      422,
      "rule_unmet",
    );
    expect(refused.fields).toEqual([{ field: "change_request", message: status.formulation.blocker }]);
    expectApiError(await coSign(supervisor, course.id, { target: "session", sessionId }), 422, "rule_unmet");
    expect((await coSigned(supervisor, course.id, { target: "plan" })).plan.state).toBe("cosigned");

    await resolveThread(onSession.id, therapist);
    await coSigned(supervisor, course.id, { target: "session", sessionId });
    await resolveThread(request.id, therapist);
    expect((await read(supervisor, course.id)).formulation.openChangeRequests).toBe(1);
    await prisma.reviewThread.updateMany({
      where: { courseId: course.id, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: therapist.id },
    });
    expect((await coSigned(supervisor, course.id, { target: "formulation" })).formulation).toMatchObject({
      state: "cosigned",
      openChangeRequests: 0,
    });
  });

  it("co-signatures are append-only: the database refuses an UPDATE", async () => {
    const { course, supervisor } = await supervisedCourse();
    await coSigned(supervisor, course.id, { target: "plan", note: "As agreed." });
    const row = await prisma.coSignature.findFirstOrThrow({ where: { courseId: course.id } });

    await expect(
      prisma.$executeRaw`UPDATE cosignatures SET note = 'changed', fingerprint = 'x' WHERE id = ${row.id}::uuid`,
    ).rejects.toThrow();
    expect(await prisma.coSignature.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe("who may read and co-sign", () => {
  it("a therapist reads their own course's state but cannot co-sign (403, nothing written)", async () => {
    const { therapist, course } = await supervisedCourse();
    await read(therapist, course.id);
    expectApiError(await coSign(therapist, course.id, { target: "formulation" }), 403, "forbidden");
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("another therapist and an unassigned supervisor get 404 for both, audited as denied", async () => {
    const { course, therapist } = await supervisedCourse("middle");
    const sessionId = await signedSession(therapist, course, 1);
    const stranger = await signedInAs(app, prisma, "supervisor");
    const otherTherapist = await signedInAs(app, prisma);

    const hidden = expectApiError(await stranger.get(url(course.id)), 404, "not_found");
    expect(hidden.message).toBe(
      expectApiError(await stranger.get(url(unknownId())), 404, "not_found").message,
    );
    expectApiError(await coSign(stranger, course.id, { target: "formulation" }), 404, "not_found");
    expectApiError(await coSign(stranger, course.id, { target: "session", sessionId }), 404, "not_found");
    expectApiError(await otherTherapist.get(url(course.id)), 404, "not_found");

    expect((await deniedRows(stranger.id)).map((row) => [row.outcome, row.entityType])).toEqual([
      ["denied", "course"],
      ["denied", "course"],
      ["denied", "course"],
      ["denied", "course"],
    ]);
    expect((await deniedRows(otherTherapist.id)).map((row) => row.entityId)).toEqual([course.id]);
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(0);
    expect(
      await prisma.auditEvent.count({
        where: { actorId: { in: [stranger.id, otherTherapist.id] }, action: { startsWith: "cosign" } },
      }),
    ).toBe(0);
  });

  it("a session of another course answers 404, audited as denied", async () => {
    const { course, supervisor } = await supervisedCourse();
    const other = await supervisedCourse("middle");
    const elsewhere = await signedSession(other.therapist, other.course, 1);

    expectApiError(
      await coSign(supervisor, course.id, { target: "session", sessionId: elsewhere }),
      404,
      "not_found",
    );
    expect((await deniedRows(supervisor.id)).map((row) => [row.entityType, row.entityId])).toEqual([
      ["therapy_session", elsewhere],
    ]);
    expect(await prisma.coSignature.count({ where: { sessionId: elsewhere } })).toBe(0);
  });

  it("removing the assignment ends access at once", async () => {
    const { course, supervisor, unassign } = await supervisedCourse();
    await read(supervisor, course.id);
    await unassign();

    expectApiError(await supervisor.get(url(course.id)), 404, "not_found");
    expectApiError(await coSign(supervisor, course.id, { target: "plan" }), 404, "not_found");
    expect((await deniedRows(supervisor.id)).map((row) => row.entityId)).toEqual([course.id, course.id]);
    expect(await prisma.coSignature.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("an admin is refused both with 403", async () => {
    const { course } = await supervisedCourse();
    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await admin.get(url(course.id)), 403, "forbidden");
    expectApiError(await coSign(admin, course.id, { target: "plan" }), 403, "forbidden");
  });
});

const counting = await queryCountingApp(databaseUrl);

describe("co-sign view queries", () => {
  it("do not grow with the number of sessions, co-signatures or change requests", async () => {
    const counted = async (email: string, courseId: string) => {
      const { queries, response } = await counting.countedGet(email, url(courseId));
      expect(response.statusCode, response.body).toBe(200);
      return queries;
    };

    const bare = await supervisedCourse("middle");
    const busy = await supervisedCourse("middle");
    await coSigned(busy.supervisor, busy.course.id, { target: "formulation" });
    for (const number of [1, 2, 3, 4]) {
      const sessionId = await signedSession(busy.therapist, busy.course, number);
      await coSigned(busy.supervisor, busy.course.id, { target: "session", sessionId });
      await openThread(busy.course.id, busy.supervisor, "change_request", "session", sessionId);
    }
    expect((await read(busy.supervisor, busy.course.id)).sessions).toHaveLength(4);

    const none = await counted(bare.supervisor.email, bare.course.id);
    expect(none).toBeGreaterThan(0);
    expect(await counted(busy.supervisor.email, busy.course.id)).toBe(none);
    expect(await counted(busy.therapist.email, busy.course.id)).toBe(none);
  });
});
