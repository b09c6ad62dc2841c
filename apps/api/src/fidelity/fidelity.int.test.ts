// Fidelity ratings against a real PostgreSQL: the therapist rates a held session as "self", an
// assigned supervisor as "supervisor"; bad scores are refused item by item and store nothing; versions
// guard every save; the course view computes averages, disagreements of 2 or more and a review sample
// that stays put; nobody else reaches any of it, and the audit trail holds ids and item names only.
import {
  courseDetail,
  courseFidelity,
  fidelityItemKeys,
  fidelityRating,
  type CourseFidelity,
  type FidelityItemKey,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  asSession,
  courseFor,
  holdSessions,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { noShowSession, supervisorOf } from "../../test/helpers/measures";
import { queryCountingApp } from "../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();

type Scores = Record<FidelityItemKey, number | null>;

/** Every item scored `value`, then `overrides`. */
const scores = (value: number | null, overrides: Partial<Scores> = {}): Scores => ({
  ...(Object.fromEntries(fidelityItemKeys.map((key) => [key, value])) as Scores),
  ...overrides,
});

const rate = (who: Clinician, sessionId: string, body: object) =>
  who.put(`/api/sessions/${sessionId}/fidelity`, body);

/** Saves a rating and returns it (fails the test unless 200). */
const rated = async (
  who: Clinician,
  sessionId: string,
  body: { version: number; scores: Scores; comment?: string },
) => ok(await rate(who, sessionId, body), fidelityRating);

const fidelityOf = async (who: Clinician, courseId: string): Promise<CourseFidelity> =>
  ok(await who.get(`/api/courses/${courseId}/fidelity`), courseFidelity);

const ratingsOf = (sessionId: string) => prisma.fidelityRating.findMany({ where: { sessionId } });

/** A therapist's course (12 weekly sessions from 2026-01-05) with sessions 1–`held` held, and a supervisor. */
async function supervisedCourse(held = 2) {
  const { therapist, course: opened } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const course = await holdSessions(
    therapist,
    opened.id,
    Array.from({ length: held }, (_, i) => i + 1),
  );
  const { supervisor, unassign } = await supervisorOf(app, prisma, therapist);
  const idAt = (number: number) => sessionNumbered(course, number).id;
  return { therapist, supervisor, unassign, course, idAt };
}

describe("rating a session", () => {
  it("the therapist rates as self, an assigned supervisor as supervisor; both are stored with the therapist", async () => {
    const { therapist, supervisor, idAt } = await supervisedCourse();

    const self = await rated(therapist, idAt(1), {
      version: 0,
      scores: scores(4, { termination_on_time: null, risk_reviewed: 5 }),
      comment: "Kept to the dispute well.",
    });
    expect(self).toMatchObject({
      sessionId: idAt(1),
      rater: { id: therapist.id, name: therapist.name },
      raterRole: "self",
      scores: scores(4, { termination_on_time: null, risk_reviewed: 5 }),
      // 7 items at 4 and one at 5, termination not applicable: 33 / 8.
      average: 4.13,
      comment: "Kept to the dispute well.",
      version: 1,
    });

    const bySupervisor = await rated(supervisor, idAt(1), { version: 0, scores: scores(3) });
    expect(bySupervisor).toMatchObject({
      rater: { id: supervisor.id },
      raterRole: "supervisor",
      average: 3,
      comment: "",
      version: 1,
    });

    const rows = await ratingsOf(idAt(1));
    expect(rows.map((r) => [r.raterId, r.raterRole, r.therapistId]).sort()).toEqual(
      [
        [therapist.id, "self", therapist.id],
        [supervisor.id, "supervisor", therapist.id],
      ].sort(),
    );
  });

  it("every item not applicable is a rating without an average", async () => {
    const { therapist, idAt } = await supervisedCourse(1);
    const rating = await rated(therapist, idAt(1), { version: 0, scores: scores(null) });
    expect(rating.average).toBeNull();
  });

  it("a supervisor's rating leaves the session record as it was", async () => {
    const { therapist, supervisor, idAt } = await supervisedCourse(1);
    const before = asSession(await therapist.get(`/api/sessions/${idAt(1)}`));
    await rated(supervisor, idAt(1), { version: 0, scores: scores(4) });
    const after = asSession(await therapist.get(`/api/sessions/${idAt(1)}`));
    expect(after).toEqual(before);
  });

  it.each([
    ["0", { inventory: 0 }, "body.scores.inventory"],
    ["6", { formulation: 6 }, "body.scores.formulation"],
    ["2.5", { time_limit: 2.5 }, "body.scores.time_limit"],
    ["a string", { risk_reviewed: "4" }, "body.scores.risk_reviewed"],
  ])("refuses a score of %s by the item's name and stores nothing", async (_name, bad, field) => {
    const { therapist, idAt } = await supervisedCourse(1);
    const error = expectApiError(
      await rate(therapist, idAt(1), { version: 0, scores: { ...scores(4), ...bad } }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual([field]);
    expect(await ratingsOf(idAt(1))).toEqual([]);
  });

  it("refuses a missing item and an unknown one by name, and stores nothing", async () => {
    const { therapist, idAt } = await supervisedCourse(1);
    const { inventory: _left, ...missing } = scores(4);
    const error = expectApiError(
      await rate(therapist, idAt(1), { version: 0, scores: { ...missing, empathy: 4 } }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.scores.empathy", "body.scores.inventory"]);

    const noScores = expectApiError(await rate(therapist, idAt(1), { version: 0 }), 400, "validation_failed");
    expect(fieldNames(noScores)).toEqual(["body.scores"]);
    const longComment = expectApiError(
      await rate(therapist, idAt(1), { version: 0, scores: scores(4), comment: "x".repeat(2001) }),
      400,
      "validation_failed",
    );
    expect(fieldNames(longComment)).toEqual(["body.comment"]);
    expect(await ratingsOf(idAt(1))).toEqual([]);
  });

  it("a rated session stays held: setting it back to planned is refused with 409", async () => {
    const { therapist, idAt } = await supervisedCourse();
    await rated(therapist, idAt(2), { version: 0, scores: scores(4) });
    const session = asSession(await therapist.get(`/api/sessions/${idAt(2)}`));

    const refused = await therapist.patch(`/api/sessions/${idAt(2)}`, {
      version: session.version,
      status: "planned",
    });
    expect(expectApiError(refused, 409, "conflict").message).toMatch(/fidelity rating/);
    expect(asSession(await therapist.get(`/api/sessions/${idAt(2)}`)).status).toBe("held");
  });

  it("only a held session can be rated (422 session_held), by the therapist or the supervisor", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse(1);
    await noShowSession(therapist, course, 2);
    for (const who of [therapist, supervisor]) {
      for (const number of [2, 3]) {
        const error = expectApiError(
          await rate(who, idAt(number), { version: 0, scores: scores(4) }),
          422,
          "rule_unmet",
        );
        expect(fieldNames(error)).toEqual(["session_held"]);
      }
    }
    expect(await prisma.fidelityRating.count({ where: { session: { courseId: course.id } } })).toBe(0);
  });

  it("version 0 creates once; a later save must send the version it read, or nothing changes (409)", async () => {
    const { therapist, idAt } = await supervisedCourse(2);
    const first = await rated(therapist, idAt(1), { version: 0, scores: scores(3), comment: "First" });

    expectApiError(await rate(therapist, idAt(1), { version: 0, scores: scores(5) }), 409, "conflict");

    const second = await rated(therapist, idAt(1), {
      version: first.version,
      scores: scores(3, { inventory: 5 }),
      comment: "First",
    });
    expect(second).toMatchObject({ id: first.id, version: 2, average: 3.22 });
    expect(second.scores.inventory).toBe(5);

    const stored = await ratingsOf(idAt(1));
    expectApiError(
      await rate(therapist, idAt(1), { version: first.version, scores: scores(1) }),
      409,
      "conflict",
    );
    expectApiError(await rate(therapist, idAt(1), { version: 7, scores: scores(1) }), 409, "conflict");
    expect(await ratingsOf(idAt(1))).toEqual(stored);

    // A version on a session the rater has not rated yet is stale too.
    expectApiError(await rate(therapist, idAt(2), { version: 1, scores: scores(4) }), 409, "conflict");
  });
});

describe("the course's fidelity view", () => {
  it("lists every counted session with its ratings, averages per role and the pass mark", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse(3);
    await rated(therapist, idAt(1), { version: 0, scores: scores(4) });
    await rated(therapist, idAt(2), { version: 0, scores: scores(3) });
    // Not applicable throughout: no average, so it does not pull the mean down.
    await rated(therapist, idAt(3), { version: 0, scores: scores(null) });
    await rated(supervisor, idAt(1), { version: 0, scores: scores(2) });
    await rated(supervisor, idAt(2), { version: 0, scores: scores(3, { inventory: 4, formulation: 4 }) });

    const asTherapist = await fidelityOf(therapist, course.id);
    expect(asTherapist).toMatchObject({
      courseId: course.id,
      therapist: { id: therapist.id },
      passMark: 3,
      viewerRole: "self",
      // Self: (4 + 3) / 2; supervisor: (2 + 3.22) / 2 = 2.61.
      averages: { self: 3.5, supervisor: 2.61 },
    });
    expect(asTherapist.sessions.map((s) => [s.number, s.status])).toEqual(
      Array.from({ length: 12 }, (_, i) => [i + 1, i < 3 ? "held" : "planned"]),
    );
    const [one, two, three, four] = asTherapist.sessions;
    expect(one!.selfRating).toMatchObject({ raterRole: "self", average: 4 });
    expect(one!.supervisorRatings.map((r) => [r.rater.id, r.average])).toEqual([[supervisor.id, 2]]);
    expect(two!.supervisorRatings[0]!.average).toBe(3.22);
    expect(three).toMatchObject({ reviewed: false, supervisorRatings: [], disagreements: [] });
    expect(four).toMatchObject({ selfRating: null, supervisorRatings: [], reviewed: false });

    const asSupervisor = await fidelityOf(supervisor, course.id);
    expect(asSupervisor.viewerRole).toBe("supervisor");
    expect(asSupervisor.sessions).toEqual(asTherapist.sessions);
    expect(asSupervisor.averages).toEqual(asTherapist.averages);
  });

  it("with no ratings the averages are null", async () => {
    const { therapist, course } = await supervisedCourse(0);
    const view = await fidelityOf(therapist, course.id);
    expect(view.averages).toEqual({ self: null, supervisor: null });
    expect(view.sessions.every((s) => s.selfRating === null && !s.reviewed)).toBe(true);
  });

  it("lists an item where self and a supervisor differ by 2 or more, per supervisor; 1 apart is not listed", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse(2);
    const { supervisor: second } = await supervisorOf(app, prisma, therapist);
    await rated(therapist, idAt(1), {
      version: 0,
      scores: scores(4, { inventory: 5, formulation: 4, time_limit: null, risk_reviewed: 1 }),
    });
    // 5 vs 3 on inventory: listed; 4 vs 3 on formulation: not; not applicable on one side: never.
    await rated(supervisor, idAt(1), {
      version: 0,
      scores: scores(4, { inventory: 3, formulation: 3, time_limit: 1, risk_reviewed: 1 }),
    });
    // The second supervisor differs only on the risk item (1 vs 3).
    await rated(second, idAt(1), {
      version: 0,
      scores: scores(4, { inventory: 5, risk_reviewed: 3, time_limit: 5 }),
    });
    // A supervisor rating without a self-rating has nothing to differ from.
    await rated(supervisor, idAt(2), { version: 0, scores: scores(1) });

    const view = await fidelityOf(supervisor, course.id);
    const one = view.sessions[0]!;
    const [first, other] = one.supervisorRatings;
    expect(one.supervisorRatings.map((r) => r.rater.id)).toEqual([supervisor.id, second.id]);
    expect(one.disagreements).toEqual([
      { ratingId: first?.id, items: ["inventory"] },
      { ratingId: other?.id, items: ["risk_reviewed"] },
    ]);
    expect(view.sessions[1]!.disagreements).toEqual([]);
  });

  it("proposes 3 of the counted sessions for review, the same on every read and after an edit elsewhere", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist, { plannedSessions: 13 });
    const { supervisor } = await supervisorOf(app, prisma, therapist);

    const first = await fidelityOf(supervisor, course.id);
    const sampled = first.sessions.filter((s) => s.sampled).map((s) => s.sessionId);
    expect(sampled).toHaveLength(3);
    expect(first.sessions).toHaveLength(13);
    expect(
      (await fidelityOf(therapist, course.id)).sessions.filter((s) => s.sampled).map((s) => s.sessionId),
    ).toEqual(sampled);

    // Cancel a session outside the sample: the plan re-flows, the sample stays.
    const outside = first.sessions.find((s) => !s.sampled)!;
    ok(
      await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
        version: course.version,
        sessionId: outside.sessionId,
        reason: "Client away",
        replace: false,
      }),
      courseDetail,
    );
    const after = await fidelityOf(supervisor, course.id);
    expect(after.sessions).toHaveLength(12);
    expect(after.sessions.map((s) => s.sessionId)).not.toContain(outside.sessionId);
    expect(after.sessions.filter((s) => s.sampled).map((s) => s.sessionId)).toEqual(sampled);
  });

  it("a sampled session becomes reviewed when a supervisor rates it, not when the therapist does", async () => {
    const { therapist, supervisor, course } = await supervisedCourse(0);
    const view = await fidelityOf(therapist, course.id);
    const target = view.sessions.find((s) => s.sampled)!;
    await holdSessions(therapist, course.id, [target.number!]);

    await rated(therapist, target.sessionId, { version: 0, scores: scores(4) });
    const selfOnly = await fidelityOf(therapist, course.id);
    expect(selfOnly.sessions.find((s) => s.sessionId === target.sessionId)).toMatchObject({
      sampled: true,
      reviewed: false,
    });

    await rated(supervisor, target.sessionId, { version: 0, scores: scores(4) });
    const reviewed = await fidelityOf(therapist, course.id);
    expect(reviewed.sessions.filter((s) => s.reviewed).map((s) => s.sessionId)).toEqual([target.sessionId]);
  });
});

describe("who reaches fidelity ratings", () => {
  it("another therapist gets the audited 404 on the view and the rating, and nothing is stored", async () => {
    const { course, idAt } = await supervisedCourse(1);
    const intruder = await signedInAs(app, prisma);

    expectApiError(await intruder.get(`/api/courses/${course.id}/fidelity`), 404, "not_found");
    expectApiError(await rate(intruder, idAt(1), { version: 0, scores: scores(4) }), 404, "not_found");
    // The same answer as for ids that do not exist.
    expectApiError(await intruder.get(`/api/courses/${unknownId()}/fidelity`), 404, "not_found");
    expectApiError(await rate(intruder, unknownId(), { version: 0, scores: scores(4) }), 404, "not_found");

    expect(await ratingsOf(idAt(1))).toEqual([]);
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: intruder.id, action: { not: "auth.login" } },
      orderBy: { id: "asc" },
    });
    expect(denied.map((row) => [row.action, row.outcome, row.entityType])).toEqual([
      ["client.access_denied", "denied", "course"],
      ["client.access_denied", "denied", "therapy_session"],
      ["client.access_denied", "denied", "course"],
      ["client.access_denied", "denied", "therapy_session"],
    ]);
    expect(denied.slice(0, 2).map((row) => row.entityId)).toEqual([course.id, idAt(1)]);
  });

  it("a supervisor not assigned to the therapist gets 404", async () => {
    const { course, idAt } = await supervisedCourse(1);
    const other = await signedInAs(app, prisma, "supervisor");
    expectApiError(await other.get(`/api/courses/${course.id}/fidelity`), 404, "not_found");
    expectApiError(await rate(other, idAt(1), { version: 0, scores: scores(4) }), 404, "not_found");
    expect(await ratingsOf(idAt(1))).toEqual([]);
  });

  it("removing the assignment ends the supervisor's access at once, for reading and for changing a rating", async () => {
    const { supervisor, unassign, course, idAt } = await supervisedCourse(1);
    const mine = await rated(supervisor, idAt(1), { version: 0, scores: scores(4) });
    await fidelityOf(supervisor, course.id);

    await unassign();

    expectApiError(await supervisor.get(`/api/courses/${course.id}/fidelity`), 404, "not_found");
    expectApiError(
      await rate(supervisor, idAt(1), { version: mine.version, scores: scores(1) }),
      404,
      "not_found",
    );
    expect((await ratingsOf(idAt(1)))[0]).toMatchObject({ version: 1, average: 4 });
  });

  it("an admin is refused by the policy (403)", async () => {
    const { course, idAt } = await supervisedCourse(1);
    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await admin.get(`/api/courses/${course.id}/fidelity`), 403, "forbidden");
    expectApiError(await rate(admin, idAt(1), { version: 0, scores: scores(4) }), 403, "forbidden");
    expect(await ratingsOf(idAt(1))).toEqual([]);
  });
});

describe("the audit trail of fidelity ratings", () => {
  it("records each save with the rater's role and the changed items, and each view, without scores or comments", async () => {
    const { therapist, supervisor, course, idAt } = await supervisedCourse(1);
    const first = await rated(therapist, idAt(1), {
      version: 0,
      scores: scores(4),
      comment: "Private reflection on the session",
    });
    await rated(therapist, idAt(1), {
      version: first.version,
      scores: scores(4, { inventory: 2 }),
      comment: "Private reflection on the session",
    });
    const bySupervisor = await rated(supervisor, idAt(1), {
      version: 0,
      scores: scores(3),
      comment: "Private supervisor remark",
    });
    await fidelityOf(supervisor, course.id);

    const ratedRows = await auditRows(prisma, { entityId: idAt(1), action: "fidelity.rated" });
    expect(ratedRows.map((row) => [row.actorId, row.entityType, row.details])).toEqual([
      [
        therapist.id,
        "therapy_session",
        {
          ratingId: first.id,
          raterRole: "self",
          fields: [...fidelityItemKeys.map((key) => `scores.${key}`), "comment"],
        },
      ],
      [
        therapist.id,
        "therapy_session",
        { ratingId: first.id, raterRole: "self", fields: ["scores.inventory"] },
      ],
      [
        supervisor.id,
        "therapy_session",
        {
          ratingId: bySupervisor.id,
          raterRole: "supervisor",
          fields: [...fidelityItemKeys.map((key) => `scores.${key}`), "comment"],
        },
      ],
    ]);
    const viewed = await auditRows(prisma, { entityId: course.id, action: "fidelity.viewed" });
    expect(viewed.map((row) => [row.actorId, row.entityType, row.outcome])).toEqual([
      [supervisor.id, "course", "success"],
    ]);

    const text = JSON.stringify(
      (await prisma.auditEvent.findMany({ where: { entityId: { in: [idAt(1), course.id] } } })).map(
        (e) => e.details,
      ),
    );
    expect(text).not.toContain("Private");
  });
});

const counting = await queryCountingApp(databaseUrl);

describe("fidelity view queries", () => {
  it("do not grow with the number of sessions rated or of supervisors", async () => {
    const counted = async (email: string, courseId: string) => {
      const { queries, response } = await counting.countedGet(email, `/api/courses/${courseId}/fidelity`);
      expect(response.statusCode, response.body).toBe(200);
      return queries;
    };

    const bare = await supervisedCourse(0);
    const busy = await supervisedCourse(4);
    const { supervisor: second } = await supervisorOf(app, prisma, busy.therapist);
    for (const number of [1, 2, 3, 4]) {
      await rated(busy.therapist, busy.idAt(number), { version: 0, scores: scores(4) });
      await rated(busy.supervisor, busy.idAt(number), { version: 0, scores: scores(3) });
      await rated(second, busy.idAt(number), { version: 0, scores: scores(2) });
    }

    const none = await counted(bare.therapist.email, bare.course.id);
    const many = await counted(busy.therapist.email, busy.course.id);
    expect(none).toBeGreaterThan(0);
    expect(many).toBe(none);
    expect(await counted(second.email, busy.course.id)).toBe(none);
  });
});
