// Review threads against a real PostgreSQL: a supervisor comments or requests changes on a course's
// formulation, plan or a session, the therapist comments and replies, and only the therapist resolves,
// naming the version read. Bad input is refused by field name; the assignment decides who reaches a
// thread on every route, at once when it is removed; messages are append-only, and the audit trail
// holds ids, the target and the kind — never what was written.
import { reviewThread, reviewThreadsResponse, type ReviewThread } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  holdSessions,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { supervisorOf } from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();

const threadsUrl = (courseId: string) => `/api/courses/${courseId}/review-threads`;
const open = (who: Clinician, courseId: string, body: object) => who.post(threadsUrl(courseId), body);
const reply = (who: Clinician, threadId: string, body: object) =>
  who.post(`/api/review-threads/${threadId}/messages`, body);
const resolve = (who: Clinician, threadId: string, body: object) =>
  who.post(`/api/review-threads/${threadId}/resolve`, body);

/** Opens a thread and returns it (fails the test unless 201). */
const opened = async (who: Clinician, courseId: string, body: object): Promise<ReviewThread> =>
  ok(await open(who, courseId, body), reviewThread, 201);
const replied = async (who: Clinician, threadId: string, body: string): Promise<ReviewThread> =>
  ok(await reply(who, threadId, { body }), reviewThread, 201);
const resolved = async (who: Clinician, threadId: string, body: object): Promise<ReviewThread> =>
  ok(await resolve(who, threadId, body), reviewThread);
const threadsOf = async (who: Clinician, courseId: string, query = ""): Promise<ReviewThread[]> =>
  ok(await who.get(`${threadsUrl(courseId)}${query}`), reviewThreadsResponse).items;

const person = (who: Clinician) => ({ id: who.id, name: who.name, email: who.email });
/** An author who is a user here (an imported supervisor's record names one by reference instead). */
const author = (who: Clinician) => ({ ...person(who), external: null });
const messagesIn = (threadId: string) => prisma.reviewMessage.count({ where: { threadId } });

/** A therapist's course in the middle phase (12 weekly sessions from 2026-01-05, sessions 1–2 held) and a supervisor. */
async function supervisedCourse() {
  const { therapist, course: started } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const course = await holdSessions(therapist, started.id, [1, 2]);
  const { supervisor, unassign } = await supervisorOf(app, prisma, therapist);
  const idAt = (number: number) => sessionNumbered(course, number).id;
  return { therapist, supervisor, unassign, course, idAt };
}

describe("opening, replying to and resolving a thread", () => {
  it("a supervisor requests a change to the plan, the therapist replies and resolves; each answer is the whole thread", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();

    const request = await opened(supervisor, course.id, {
      target: "plan",
      kind: "change_request",
      body: "  Please write down what happens after a missed session.  ",
    });
    expect(request).toEqual({
      id: request.id,
      courseId: course.id,
      target: "plan",
      sessionId: null,
      sessionNumber: null,
      kind: "change_request",
      status: "open",
      openedBy: author(supervisor),
      openedByRole: "supervisor",
      messages: [
        {
          id: request.messages[0]!.id,
          author: author(supervisor),
          authorRole: "supervisor",
          body: "Please write down what happens after a missed session.",
          createdAt: request.messages[0]!.createdAt,
        },
      ],
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      version: 1,
      createdAt: request.createdAt,
      updatedAt: request.updatedAt,
    });

    const answered = await replied(therapist, request.id, "Added to the contract today.");
    expect(answered).toMatchObject({ id: request.id, status: "open", version: 2 });
    expect(answered.messages.map((m) => [m.author.id, m.authorRole, m.body])).toEqual([
      [supervisor.id, "supervisor", "Please write down what happens after a missed session."],
      [therapist.id, "therapist", "Added to the contract today."],
    ]);

    const closed = await resolved(therapist, request.id, {
      version: answered.version,
      resolution: " Missed-session policy agreed and recorded. ",
    });
    expect(closed).toMatchObject({
      status: "resolved",
      resolvedBy: person(therapist),
      resolution: "Missed-session policy agreed and recorded.",
      version: 3,
      messages: answered.messages,
    });
    expect(Date.parse(closed.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(answered.updatedAt));

    // What a later read shows is what the writes answered.
    expect(await threadsOf(supervisor, course.id)).toEqual([closed]);
  });

  it("the therapist comments on a session and an assigned supervisor answers; the session number comes from the plan", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse();

    const comment = await opened(therapist, course.id, {
      target: "session",
      sessionId: idAt(2),
      kind: "comment",
      body: "I was unsure whether to bring up the dispute here.",
    });
    expect(comment).toMatchObject({
      target: "session",
      sessionId: idAt(2),
      sessionNumber: 2,
      kind: "comment",
      openedBy: author(therapist),
      openedByRole: "therapist",
    });

    const answer = await replied(supervisor, comment.id, "Yes: link the mood to the argument.");
    expect(answer.messages.map((m) => m.authorRole)).toEqual(["therapist", "supervisor"]);
    expect(answer.messages[1]!.author).toEqual(author(supervisor));
  });

  it("a resolution may be left out; the thread is then resolved without one", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, {
      target: "formulation",
      kind: "comment",
      body: "Nicely focused.",
    });
    const closed = await resolved(therapist, comment.id, { version: comment.version });
    expect(closed).toMatchObject({ status: "resolved", resolution: null, resolvedBy: person(therapist) });
  });

  it("a therapist cannot request changes (403) and nothing is stored", async () => {
    const { therapist, course } = await supervisedCourse();
    const error = expectApiError(
      await open(therapist, course.id, { target: "plan", kind: "change_request", body: "Change it." }),
      403,
      "forbidden",
    );
    expect(error.message).toMatch(/supervisor/);
    expect(await prisma.reviewThread.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("a supervisor cannot resolve a thread (403), even their own; it stays open", async () => {
    const { supervisor, course } = await supervisedCourse();
    const request = await opened(supervisor, course.id, {
      target: "formulation",
      kind: "change_request",
      body: "Name the dispute stage.",
    });
    const error = expectApiError(await resolve(supervisor, request.id, { version: 1 }), 403, "forbidden");
    expect(error.message).toMatch(/therapist/);
    expect((await threadsOf(supervisor, request.courseId))[0]).toMatchObject({ status: "open", version: 1 });
  });

  it("resolving with a version older than the latest reply is stale (409) and changes nothing", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    const request = await opened(supervisor, course.id, {
      target: "plan",
      kind: "change_request",
      body: "Shorten the sessions?",
    });
    // The therapist read version 1; the supervisor's reply since makes it 2.
    await replied(supervisor, request.id, "On second thoughts, also check the frequency.");

    for (const version of [request.version, 7]) {
      const error = expectApiError(await resolve(therapist, request.id, { version }), 409, "conflict");
      expect(error.message).toMatch(/changed since you opened it/);
    }
    expect((await threadsOf(therapist, course.id))[0]).toMatchObject({ status: "open", version: 2 });
  });

  it("a resolved thread takes no more replies and cannot be resolved again (409)", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, {
      target: "plan",
      kind: "comment",
      body: "Good plan.",
    });
    const closed = await resolved(therapist, comment.id, { version: 1 });

    for (const who of [supervisor, therapist]) {
      const error = expectApiError(await reply(who, comment.id, { body: "One more thing" }), 409, "conflict");
      expect(error.message).toMatch(/^This thread is resolved\./);
    }
    const again = expectApiError(
      await resolve(therapist, comment.id, { version: closed.version }),
      409,
      "conflict",
    );
    expect(again.message).toMatch(/already resolved/);
    expect(await messagesIn(comment.id)).toBe(1);
    expect((await threadsOf(therapist, course.id))[0]).toEqual(closed);
  });
});

describe("bad input", () => {
  it("is refused by field name and stores nothing", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse();
    const cases: [object, string[]][] = [
      [{ target: "plan", kind: "comment", body: "   " }, ["body.body"]],
      [{ target: "plan", kind: "comment" }, ["body.body"]],
      [{ target: "plan", kind: "comment", body: "x".repeat(4001) }, ["body.body"]],
      [{ target: "session", kind: "comment", body: "About which one?" }, ["body.sessionId"]],
      [{ target: "plan", sessionId: idAt(1), kind: "comment", body: "Plan or session?" }, ["body.sessionId"]],
      [{ target: "session", sessionId: "12", kind: "comment", body: "Hm" }, ["body.sessionId"]],
      [{ target: "contract", kind: "praise", body: "Hm" }, ["body.kind", "body.target"]],
    ];
    for (const [body, fields] of cases) {
      const error = expectApiError(await open(supervisor, course.id, body), 400, "validation_failed");
      expect(fieldNames(error), JSON.stringify(body)).toEqual(fields);
    }
    expect(await prisma.reviewThread.count({ where: { courseId: course.id } })).toBe(0);

    const comment = await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Fine." });
    expect(
      fieldNames(expectApiError(await reply(therapist, comment.id, { body: "" }), 400, "validation_failed")),
    ).toEqual(["body.body"]);
    expect(
      fieldNames(expectApiError(await resolve(therapist, comment.id, {}), 400, "validation_failed")),
    ).toEqual(["body.version"]);
    expect(
      fieldNames(
        expectApiError(
          await resolve(therapist, comment.id, { version: 1, resolution: "x".repeat(2001) }),
          400,
          "validation_failed",
        ),
      ),
    ).toEqual(["body.resolution"]);
    expect(
      fieldNames(
        expectApiError(await reply(therapist, "not-an-id", { body: "Hi" }), 400, "validation_failed"),
      ),
    ).toEqual(["params.threadId"]);
    expect(
      fieldNames(
        expectApiError(
          await therapist.get(`${threadsUrl(course.id)}?status=closed`),
          400,
          "validation_failed",
        ),
      ),
    ).toEqual(["query.status"]);
    expect(await messagesIn(comment.id)).toBe(1);
    expect((await threadsOf(therapist, course.id))[0]).toMatchObject({ status: "open", version: 1 });
  });

  it("a session of another course is not found (404, audited) and nothing is stored", async () => {
    const { therapist, course } = await supervisedCourse();
    const { course: otherCourse } = await therapistWithCourse(app, prisma);
    const elsewhere = otherCourse.sessions[0]!.id;

    for (const sessionId of [elsewhere, unknownId()]) {
      expectApiError(
        await open(therapist, course.id, { target: "session", sessionId, kind: "comment", body: "This one" }),
        404,
        "not_found",
      );
    }
    expect(await prisma.reviewThread.count({ where: { courseId: course.id } })).toBe(0);
    const denied = await auditRows(prisma, { entityId: elsewhere });
    expect(denied.map((row) => [row.actorId, row.action, row.outcome, row.entityType])).toEqual([
      [therapist.id, "client.access_denied", "denied", "therapy_session"],
    ]);
  });
});

describe("the list of a course's threads", () => {
  it("shows open threads oldest first, then resolved ones most recently resolved first, and filters", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse();
    const first = await opened(supervisor, course.id, { target: "plan", kind: "change_request", body: "A" });
    const second = await opened(supervisor, course.id, { target: "formulation", kind: "comment", body: "B" });
    const third = await opened(supervisor, course.id, {
      target: "session",
      sessionId: idAt(1),
      kind: "comment",
      body: "C",
    });
    const fourth = await opened(therapist, course.id, {
      target: "session",
      sessionId: idAt(2),
      kind: "comment",
      body: "D",
    });
    // Resolved in the order third, first: first was resolved last, so it leads the resolved ones.
    await resolved(therapist, third.id, { version: 1 });
    await resolved(therapist, first.id, { version: 1 });
    // Another course's thread never shows here.
    const { therapist: otherTherapist, course: otherCourse } = await therapistWithCourse(app, prisma);
    await opened(otherTherapist, otherCourse.id, { target: "plan", kind: "comment", body: "E" });

    const ids = (threads: ReviewThread[]) => threads.map((thread) => thread.id);
    for (const who of [therapist, supervisor]) {
      expect(ids(await threadsOf(who, course.id))).toEqual([second.id, fourth.id, first.id, third.id]);
    }
    expect(ids(await threadsOf(therapist, course.id, "?status=open"))).toEqual([second.id, fourth.id]);
    expect(ids(await threadsOf(therapist, course.id, "?status=resolved"))).toEqual([first.id, third.id]);
    expect(ids(await threadsOf(therapist, course.id, "?target=session"))).toEqual([fourth.id, third.id]);
    expect(ids(await threadsOf(therapist, course.id, `?target=session&sessionId=${idAt(1)}`))).toEqual([
      third.id,
    ]);
    expect(await threadsOf(therapist, course.id, `?sessionId=${otherCourse.sessions[0]!.id}`)).toEqual([]);
  });
});

describe("who reaches review threads", () => {
  /** Every route, called by `who` on the course's thread; each answer's status. */
  async function statusesFor(who: Clinician, courseId: string, threadId: string) {
    return [
      (await who.get(threadsUrl(courseId))).statusCode,
      (await open(who, courseId, { target: "plan", kind: "comment", body: "Hello" })).statusCode,
      (await reply(who, threadId, { body: "Hello" })).statusCode,
      (await resolve(who, threadId, { version: 1 })).statusCode,
    ];
  }

  it("an assigned supervisor lists, opens and replies but does not resolve (403)", async () => {
    const { supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Hi" });
    expect(await statusesFor(supervisor, course.id, comment.id)).toEqual([200, 201, 201, 403]);
  });

  it("an unassigned supervisor and another therapist get the audited 404 on every route; nothing is stored", async () => {
    const { supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Hi" });

    for (const intruder of [
      await signedInAs(app, prisma, "supervisor"),
      await signedInAs(app, prisma, "therapist"),
    ]) {
      expect(await statusesFor(intruder, course.id, comment.id)).toEqual([404, 404, 404, 404]);
      const rows = await prisma.auditEvent.findMany({
        where: { actorId: intruder.id, action: { not: "auth.login" } },
        orderBy: { id: "asc" },
      });
      expect(rows.map((row) => [row.action, row.outcome, row.entityType, row.entityId])).toEqual([
        ["client.access_denied", "denied", "course", course.id],
        ["client.access_denied", "denied", "course", course.id],
        ["client.access_denied", "denied", "review_thread", comment.id],
        ["client.access_denied", "denied", "review_thread", comment.id],
      ]);
    }
    // The same answer as for ids that name nothing.
    expectApiError(await supervisor.get(threadsUrl(unknownId())), 404, "not_found");
    expectApiError(await reply(supervisor, unknownId(), { body: "Hi" }), 404, "not_found");
    expect(await prisma.reviewThread.count({ where: { courseId: course.id } })).toBe(1);
    expect(await messagesIn(comment.id)).toBe(1);
  });

  it("an admin is refused by the policy (403) on every route", async () => {
    const { supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Hi" });
    const admin = await signedInAs(app, prisma, "admin");
    expect(await statusesFor(admin, course.id, comment.id)).toEqual([403, 403, 403, 403]);
    expectApiError(await admin.get(threadsUrl(course.id)), 403, "forbidden");
  });

  it("removing the assignment ends the supervisor's access at once, on every route", async () => {
    const { supervisor, unassign, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Hi" });
    await threadsOf(supervisor, course.id);

    await unassign();

    expect(await statusesFor(supervisor, course.id, comment.id)).toEqual([404, 404, 404, 404]);
    expect(await messagesIn(comment.id)).toBe(1);
  });
});

describe("what is kept", () => {
  it("messages are append-only: the database refuses to change one", async () => {
    const { supervisor, course } = await supervisedCourse();
    const comment = await opened(supervisor, course.id, {
      target: "plan",
      kind: "comment",
      body: "Original",
    });
    const messageId = comment.messages[0]!.id;
    await expect(
      prisma.$executeRaw`UPDATE review_messages SET body = 'Rewritten' WHERE id = ${messageId}::uuid`,
    ).rejects.toThrow(/append-only/);
    expect((await prisma.reviewMessage.findUniqueOrThrow({ where: { id: messageId } })).body).toBe(
      "Original",
    );
  });

  it("every view and write is audited with ids, the target and the kind, never the text", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse();
    const request = await opened(supervisor, course.id, {
      target: "session",
      sessionId: idAt(1),
      kind: "change_request",
      body: "Confidential remark about the client",
    });
    await replied(therapist, request.id, "Confidential answer");
    await resolved(therapist, request.id, { version: 2, resolution: "Confidential resolution" });
    await threadsOf(supervisor, course.id, "?status=resolved");

    const writes = await auditRows(prisma, { entityId: request.id });
    const about = { courseId: course.id, sessionId: idAt(1), target: "session", kind: "change_request" };
    expect(writes.map((row) => [row.actorId, row.action, row.outcome, row.entityType, row.details])).toEqual([
      [supervisor.id, "review_thread.opened", "success", "review_thread", about],
      [therapist.id, "review_thread.replied", "success", "review_thread", about],
      [therapist.id, "review_thread.resolved", "success", "review_thread", about],
    ]);
    const views = await auditRows(prisma, { entityId: course.id, action: "review_threads.viewed" });
    expect(views.map((row) => [row.actorId, row.entityType, row.details])).toEqual([
      [supervisor.id, "course", { count: 1 }],
    ]);

    const everything = JSON.stringify(await prisma.auditEvent.findMany({ select: { details: true } }));
    expect(everything).not.toContain("Confidential");
  });
});

const counting = await queryCountingApp(databaseUrl);

describe("the list's queries", () => {
  it("do not grow with the number of threads, messages or people", async () => {
    const counted = async (email: string, courseId: string) => {
      const { queries, response } = await counting.countedGet(email, threadsUrl(courseId));
      expect(response.statusCode, response.body).toBe(200);
      return queries;
    };
    const quiet = await supervisedCourse();
    const busy = await supervisedCourse();
    const { supervisor: second } = await supervisorOf(app, prisma, busy.therapist);
    for (const target of ["plan", "formulation"] as const) {
      const thread = await opened(busy.supervisor, busy.course.id, { target, kind: "comment", body: "Q" });
      await replied(busy.therapist, thread.id, "A");
      await replied(second, thread.id, "B");
    }
    await opened(second, busy.course.id, {
      target: "session",
      sessionId: busy.idAt(1),
      kind: "comment",
      body: "S",
    });

    const none = await counted(quiet.therapist.email, quiet.course.id);
    expect(none).toBeGreaterThan(0);
    expect(await counted(busy.therapist.email, busy.course.id)).toBe(none);
    expect(await counted(second.email, busy.course.id)).toBe(none);
  });
});
