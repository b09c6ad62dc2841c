// The therapist's attention list against a real PostgreSQL: risk flags without a follow-up, open change
// requests, comments where a supervisor wrote last and unsigned held or no-show sessions, in that
// order and oldest first; only the therapist's own open courses of active clients; therapists only;
// audited; and a fixed number of queries however much is waiting.
import { attentionResponse, reviewThread, type AttentionItem, type ReviewThread } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asSession,
  courseFor,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import {
  followedUp,
  heldSession,
  noShowSession,
  recordPhq9,
  supervisorOf,
} from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();

const attentionOf = async (who: Clinician): Promise<AttentionItem[]> =>
  ok(await who.get("/api/attention"), attentionResponse).items;

const opened = async (who: Clinician, courseId: string, body: object): Promise<ReviewThread> =>
  ok(await who.post(`/api/courses/${courseId}/review-threads`, body), reviewThread, 201);
const replied = async (who: Clinician, threadId: string, body: string): Promise<ReviewThread> =>
  ok(await who.post(`/api/review-threads/${threadId}/messages`, { body }), reviewThread, 201);

/** The author a thread's message names: a user here, so no external reference. */
const person = (who: Clinician) => ({ id: who.id, name: who.name, email: who.email, external: null });

/** A therapist's course in the middle phase (12 weekly sessions from 2026-01-05) and a supervisor. */
async function supervisedCourse() {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const { supervisor } = await supervisorOf(app, prisma, therapist);
  return { therapist, supervisor, course };
}

async function sign(who: Clinician, sessionId: string) {
  const session = asSession(await who.get(`/api/sessions/${sessionId}`));
  asSession(await who.post(`/api/sessions/${sessionId}/sign`, { version: session.version }));
}

describe("what needs the therapist's attention", () => {
  it("lists each kind of item in order, oldest first, and leaves out what is done or answered", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    const client = course.client;
    const idAt = (number: number) => sessionNumbered(course, number).id;
    for (const number of [1, 2, 3]) await heldSession(therapist, course, number);
    await noShowSession(therapist, course, 4);
    await sign(therapist, idAt(1));

    // A risk flag waiting for its follow-up (session 2), and one followed up already (session 3).
    const waitingFlag = (await recordPhq9(therapist, course.id, idAt(2), 14, 1)).riskFlag!;
    const handledFlag = (await recordPhq9(therapist, course.id, idAt(3), 12, 1)).riskFlag!;
    await followedUp(therapist, handledFlag.id);

    const changeRequest = await opened(supervisor, course.id, {
      target: "plan",
      kind: "change_request",
      body: "Add the missed-session policy.",
    });
    // The therapist answered, but a change request waits until it is resolved.
    await replied(therapist, changeRequest.id, "Will do.");
    const done = await opened(supervisor, course.id, {
      target: "formulation",
      kind: "change_request",
      body: "Name the stage.",
    });
    ok(await therapist.post(`/api/review-threads/${done.id}/resolve`, { version: 1 }), reviewThread);

    const supervisorComment = await opened(supervisor, course.id, {
      target: "formulation",
      kind: "comment",
      body: "Is the grief area still the right one?",
    });
    // The therapist asked; the supervisor answered last, so the therapist is the one waiting.
    const question = await opened(therapist, course.id, {
      target: "session",
      sessionId: idAt(1),
      kind: "comment",
      body: "Was the role play too early?",
    });
    const answer = await replied(supervisor, question.id, "No, it was well timed.");
    // The supervisor commented but the therapist wrote last: nothing waits.
    const answered = await opened(supervisor, course.id, {
      target: "session",
      sessionId: idAt(3),
      kind: "comment",
      body: "Good work.",
    });
    await replied(therapist, answered.id, "Thank you.");

    const items = await attentionOf(therapist);
    const base = { client: { id: client.id, displayName: client.displayName }, courseId: course.id };
    expect(items).toEqual([
      {
        ...base,
        kind: "risk_follow_up",
        sessionId: idAt(2),
        sessionNumber: 2,
        target: null,
        threadId: null,
        from: null,
        since: waitingFlag.raisedAt,
      },
      {
        ...base,
        kind: "change_request",
        sessionId: null,
        sessionNumber: null,
        target: "plan",
        threadId: changeRequest.id,
        from: person(supervisor),
        since: changeRequest.createdAt,
      },
      {
        ...base,
        kind: "comment",
        sessionId: null,
        sessionNumber: null,
        target: "formulation",
        threadId: supervisorComment.id,
        from: person(supervisor),
        since: supervisorComment.messages[0]!.createdAt,
      },
      {
        ...base,
        kind: "comment",
        sessionId: idAt(1),
        sessionNumber: 1,
        target: "session",
        threadId: question.id,
        from: person(supervisor),
        since: answer.messages[1]!.createdAt,
      },
      ...[2, 3, 4].map((number) => ({
        ...base,
        kind: "unsigned_session",
        sessionId: idAt(number),
        sessionNumber: number,
        target: null,
        threadId: null,
        from: null,
        since: `${sessionNumbered(course, number).plannedDate}T00:00:00.000Z`,
      })),
    ]);
  });

  it("is empty when nothing waits", async () => {
    const { therapist } = await supervisedCourse();
    expect(await attentionOf(therapist)).toEqual([]);
  });

  it("never shows another therapist's items, and drops a client who is no longer active", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    const { therapist: other, course: otherCourse } = await therapistWithCourse(app, prisma, {
      phase: "middle",
    });
    const { supervisor: otherSupervisor } = await supervisorOf(app, prisma, other);
    await heldSession(other, otherCourse, 1);
    await opened(otherSupervisor, otherCourse.id, { target: "plan", kind: "change_request", body: "X" });
    await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Y" });

    expect((await attentionOf(therapist)).map((item) => [item.kind, item.courseId])).toEqual([
      ["comment", course.id],
    ]);
    expect((await attentionOf(other)).map((item) => [item.kind, item.courseId])).toEqual([
      ["change_request", otherCourse.id],
      ["unsigned_session", otherCourse.id],
    ]);

    await prisma.client.update({ where: { id: otherCourse.client.id }, data: { status: "discontinued" } });
    expect(await attentionOf(other)).toEqual([]);
  });

  it("is for therapists only: supervisors and admins get 403", async () => {
    const { supervisor } = await supervisedCourse();
    const admin = await signedInAs(app, prisma, "admin");
    for (const who of [supervisor, admin]) {
      expectApiError(await who.get("/api/attention"), 403, "forbidden");
    }
  });

  it("each view is audited with the count only, no content", async () => {
    const { therapist, supervisor, course } = await supervisedCourse();
    await opened(supervisor, course.id, { target: "plan", kind: "comment", body: "Private note" });
    await attentionOf(therapist);

    const rows = (
      await prisma.auditEvent.findMany({ where: { actorId: therapist.id, action: "attention.viewed" } })
    ).map((row) => [row.outcome, row.entityType, row.details]);
    expect(rows).toEqual([["success", null, { count: 1 }]]);
  });
});

const counting = await queryCountingApp(databaseUrl);

describe("the attention list's queries", () => {
  it("do not grow with the number of courses or items", async () => {
    const counted = async (email: string) => {
      const { queries, response } = await counting.countedGet(email, "/api/attention");
      expect(response.statusCode, response.body).toBe(200);
      return queries;
    };
    const quiet = await supervisedCourse();
    const busy = await supervisedCourse();
    // A second client with a course of its own, and something waiting in both courses.
    const second = await courseFor(busy.therapist, { phase: "middle" });
    await heldSession(busy.therapist, second, 1);
    await opened(busy.supervisor, second.id, { target: "plan", kind: "change_request", body: "D" });
    for (const number of [1, 2]) await heldSession(busy.therapist, busy.course, number);
    await recordPhq9(busy.therapist, busy.course.id, sessionNumbered(busy.course, 1).id, 10, 2);
    const thread = await opened(busy.supervisor, busy.course.id, {
      target: "plan",
      kind: "comment",
      body: "Q",
    });
    await replied(busy.therapist, thread.id, "A");
    await replied(busy.supervisor, thread.id, "B");
    await opened(busy.supervisor, busy.course.id, {
      target: "formulation",
      kind: "change_request",
      body: "C",
    });

    const none = await counted(quiet.therapist.email);
    expect(none).toBeGreaterThan(0);
    expect(await counted(busy.therapist.email)).toBe(none);
  });
});
