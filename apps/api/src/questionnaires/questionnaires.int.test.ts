// Client questionnaires against a real PostgreSQL: a therapist issues a link for a planned session; the
// client opens it with no account and sends PHQ-9/GAD-7 answers once; the score is recorded like an
// entered one (risk flag included), marked as completed by the client. Every unusable token answers
// the same 404 with the same body; nothing about the client ever reaches the public answers.
import {
  defaultMeasurementSettings,
  DEFAULT_CRISIS_TEXT,
  instrumentDefinitions,
  issuedQuestionnaireLinkResponse,
  publicQuestionnaire,
  questionnaireLink,
  questionnaireLinksResponse,
  submittedQuestionnaireResponse,
  QUESTIONNAIRE_PAGE_PREFIX,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  contract,
  courseFor,
  newClient,
  ok,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { gad7, heldSession, measuresOf, phq9, recordPhq9, supervisorOf } from "../../test/helpers/measures";
import { noteSecret } from "../security/log-scan/sink";
import { QUESTIONNAIRE_RATE_LIMIT } from "../routes/questionnaires";

const { app, prisma } = await createTestApp();

// Each test's client comes from its own address, so the public routes' rate limit counts per test.
let addressCounter = 0;
function publicClient() {
  addressCounter += 1;
  const remoteAddress = `198.51.100.${addressCounter}`;
  const base = (token: string) => `/api/questionnaires/${token}`;
  return {
    open: (token: string) => app.inject({ method: "GET", url: base(token), remoteAddress }),
    identity: (token: string, yearOfBirth: unknown) =>
      app.inject({ method: "POST", url: `${base(token)}/identity`, payload: { yearOfBirth }, remoteAddress }),
    submit: (token: string, answers: object, headers: Record<string, string> = {}) =>
      app.inject({
        method: "POST",
        url: `${base(token)}/answers`,
        payload: { answers },
        remoteAddress,
        headers,
      }),
  };
}

async function issue(who: Clinician, sessionId: string, body: object = {}) {
  const issued = ok(
    await who.post(`/api/sessions/${sessionId}/questionnaire-links`, body),
    issuedQuestionnaireLinkResponse,
    201,
  );
  const token = issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length);
  noteSecret(token);
  return { ...issued, token };
}

/** A therapist's middle-phase course with a client born in 1985, and a link for session 2. */
async function courseWithLink(body: object = { instruments: ["phq9"] }) {
  const therapist = await signedInAs(app, prisma);
  const client = await newClient(therapist, { yearOfBirth: 1985 });
  const course = await courseFor(therapist, { phase: "middle", client });
  const session = sessionNumbered(course, 2);
  const issued = await issue(therapist, session.id, body);
  return { therapist, course, session, ...issued };
}

async function setQuestionnaireSettings(questionnaires: object) {
  await prisma.organisationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, measurement: defaultMeasurementSettings, questionnaires },
    update: { questionnaires },
  });
}

afterEach(async () => {
  await prisma.organisationSettings.deleteMany({});
});

const CLOSED = { code: "not_found", message: "This link cannot be used." };
/** The error body without its request id (which differs on every answer). */
function closedBody(response: LightMyRequestResponse) {
  const { error } = response.json<{ error: { requestId: string } & Record<string, unknown> }>();
  const { requestId, ...rest } = error;
  expect(requestId).toEqual(expect.any(String));
  return rest;
}

describe("issuing a link", () => {
  it("answers the page path once, stores only the token's hash, defaults to the schedule and audits ids", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    // Session 4 is a measurement point of a 12-session course (every 4 sessions): PHQ-9 and GAD-7.
    const due = await issue(therapist, sessionNumbered(course, 4).id);
    // Session 2 is not: PHQ-9 alone, the weekly monitoring form.
    const between = await issue(therapist, sessionNumbered(course, 2).id);

    expect(due.link).toMatchObject({ instruments: ["phq9", "gad7"], status: "sent", sessionNumber: 4 });
    expect(between.link.instruments).toEqual(["phq9"]);
    expect(due.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await prisma.questionnaireLink.findUniqueOrThrow({ where: { id: due.link.id } });
    expect(JSON.stringify(row)).not.toContain(due.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(72 * 3_600_000);

    const [event] = await auditRows(prisma, { entityId: due.link.id, action: "questionnaire_link.issued" });
    expect(event).toMatchObject({ actorId: therapist.id, entityType: "questionnaire_link" });
    expect(event?.details).toEqual({
      sessionId: sessionNumbered(course, 4).id,
      instruments: ["phq9", "gad7"],
    });

    const listed = ok(
      await therapist.get(`/api/courses/${course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(listed.links.map((link) => link.id).sort()).toEqual([due.link.id, between.link.id].sort());
    expect(JSON.stringify(listed)).not.toContain(due.token);
  });

  it("takes the lifetime from the organisation's settings", async () => {
    await setQuestionnaireSettings({ linkLifetimeHours: 24 });
    const { link } = await courseWithLink();
    const row = await prisma.questionnaireLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3_600_000);
  });

  it("refuses another therapist's session (404), bad instruments (400) and a form already recorded (409)", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const other = await signedInAs(app, prisma);
    const session = sessionNumbered(course, 3);
    expectApiError(await other.post(`/api/sessions/${session.id}/questionnaire-links`, {}), 404, "not_found");

    const bad = expectApiError(
      await therapist.post(`/api/sessions/${session.id}/questionnaire-links`, { instruments: ["hamd17"] }),
      400,
      "validation_failed",
    );
    expect(fieldNames(bad)).toEqual(["body.instruments.0"]);
    const twice = expectApiError(
      await therapist.post(`/api/sessions/${session.id}/questionnaire-links`, {
        instruments: ["phq9", "phq9"],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(twice)).toEqual(["body.instruments"]);

    const held = await heldSession(therapist, course, 1);
    await recordPhq9(therapist, course.id, held.id, 12);
    expectApiError(
      await therapist.post(`/api/sessions/${held.id}/questionnaire-links`, { instruments: ["phq9"] }),
      409,
      "conflict",
    );
    expect(await prisma.questionnaireLink.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("the client's page", () => {
  it("answers a closed schema: the service's name and the questions verbatim, never a name", async () => {
    await setQuestionnaireSettings({ serviceName: "Riverside Talking Therapies" });
    const { token, therapist, course } = await courseWithLink({ instruments: ["phq9", "gad7"] });
    const client = publicClient();

    const response = await client.open(token);
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const page = publicQuestionnaire.parse(response.json());
    if (page.step !== "questions") throw new Error("expected the questions");
    expect(Object.keys(response.json<object>()).sort()).toEqual(["forms", "serviceName", "step"]);
    expect(page.serviceName).toBe("Riverside Talking Therapies");
    expect(page.forms.map((form) => form.instrument)).toEqual(["phq9", "gad7"]);
    expect(page.forms[0]?.stem).toBe(instrumentDefinitions.phq9.stem);
    expect(page.forms[0]?.items.map((item) => item.text)).toEqual(
      instrumentDefinitions.phq9.items.map((item) => item.text),
    );
    expect(page.forms[1]?.items).toHaveLength(7);
    const body = response.body;
    expect(body).not.toContain(course.client.displayName);
    expect(body).not.toContain(therapist.name);
    expect(body).not.toContain(course.id);

    const row = await prisma.questionnaireLink.findFirstOrThrow({ where: { courseId: course.id } });
    expect(row.openedAt).not.toBeNull();
    const [event] = await auditRows(prisma, { entityId: row.id, action: "questionnaire_link.opened" });
    expect(event).toMatchObject({ actorId: null, outcome: "success" });
  });

  it("answers unknown, malformed, used, revoked and expired tokens with the same 404 and body", async () => {
    const used = await courseWithLink();
    const revoked = await courseWithLink();
    const expired = await courseWithLink();
    const client = publicClient();
    ok(await client.submit(used.token, { phq9: phq9(5) }), submittedQuestionnaireResponse);
    ok(
      await revoked.therapist.post(`/api/questionnaire-links/${revoked.link.id}/revocation`),
      questionnaireLink,
    );
    await prisma.questionnaireLink.update({
      where: { id: expired.link.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const unknown = "A".repeat(43);
    for (const token of [unknown, "short", used.token, revoked.token, expired.token]) {
      for (const response of [
        await client.open(token),
        await client.submit(token, { phq9: phq9(5) }),
        await client.identity(token, 1985),
      ]) {
        expect(response.statusCode, token).toBe(404);
        expect(closedBody(response)).toEqual(CLOSED);
      }
    }
    const listed = ok(
      await used.therapist.get(`/api/courses/${used.course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(listed.links[0]?.status).toBe("completed");
    const revokedList = ok(
      await revoked.therapist.get(`/api/courses/${revoked.course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(revokedList.links[0]?.status).toBe("revoked");
    const expiredList = ok(
      await expired.therapist.get(`/api/courses/${expired.course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(expiredList.links[0]?.status).toBe("expired");
    // Refusals are audited without naming any link.
    const refusals = await prisma.auditEvent.findMany({
      where: { action: { startsWith: "questionnaire_link." }, outcome: "failure" },
    });
    expect(refusals.length).toBeGreaterThanOrEqual(15);
    expect(refusals.every((event) => event.entityId === null)).toBe(true);
  });

  it("refuses a cross-site submit (403) and changes nothing", async () => {
    const { token, course } = await courseWithLink();
    const response = await publicClient().submit(
      token,
      { phq9: phq9(5) },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expectApiError(response, 403, "csrf_failed");
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("rate-limits the public routes per address", async () => {
    const client = publicClient();
    const statuses: number[] = [];
    for (let i = 0; i <= QUESTIONNAIRE_RATE_LIMIT.max; i++) {
      statuses.push((await client.open("limit-probe")).statusCode);
    }
    expect(statuses.slice(0, QUESTIONNAIRE_RATE_LIMIT.max).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("sending the answers", () => {
  it("records the score at the planned session, marked as the client's, and answers thank you", async () => {
    const { token, course, session, therapist, link } = await courseWithLink({
      instruments: ["phq9", "gad7"],
    });
    const result = ok(
      await publicClient().submit(token, { phq9: phq9(12), gad7: gad7(9) }),
      submittedQuestionnaireResponse,
    );
    expect(result).toEqual({ next: "thanks" });

    const measures = await measuresOf(therapist, course.id);
    const scores = measures.scores.filter((score) => score.sessionId === session.id);
    expect(scores.map((score) => [score.instrument, score.total])).toEqual([
      ["phq9", 12],
      ["gad7", 9],
    ]);
    expect(
      scores.every((score) => score.completedByClientAt !== null && score.enteredBy.id === therapist.id),
    ).toBe(true);
    expect(scores[0]?.sessionNumber).toBe(2);
    // The session is still planned: the score belongs to it before it is held.
    expect((await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe(
      "planned",
    );

    const [completed] = await auditRows(prisma, {
      entityId: link.id,
      action: "questionnaire_link.completed",
    });
    expect(completed).toMatchObject({ actorId: null, outcome: "success" });
    expect((completed?.details as { scoreIds: string[] }).scoreIds.sort()).toEqual(
      scores.map((score) => score.id).sort(),
    );
    const recorded = await auditRows(prisma, { action: "measure.recorded", entityId: scores[0]?.id });
    expect(recorded[0]?.details).toEqual({ instrument: "phq9", sessionId: session.id, byClient: true });
  });

  it("keeps the session in the plan once the client's answers are there: no drop or cancel (409)", async () => {
    const { token, course, session, therapist } = await courseWithLink();
    ok(await publicClient().submit(token, { phq9: phq9(8) }), submittedQuestionnaireResponse);
    const version = (await therapist.get(`/api/courses/${course.id}`)).json<{ version: number }>().version;
    const dropped = expectApiError(
      await therapist.post(`/api/courses/${course.id}/plan/drop`, {
        version,
        sessionId: session.id,
        reason: "Invented",
      }),
      409,
      "conflict",
    );
    expect(dropped.message).toMatch(/client's answers are recorded at this session/);
    expectApiError(
      await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
        version,
        sessionId: session.id,
        reason: "Invented",
        replace: false,
      }),
      409,
      "conflict",
    );
    // Nor may a new contract replace the plan.
    const course2 = (await therapist.get(`/api/courses/${course.id}`)).json<{ version: number }>();
    const replaced = await therapist.call("PUT", `/api/courses/${course.id}/contract`, {
      ...contract(course2.version),
    });
    expect(expectApiError(replaced, 409, "conflict").message).toMatch(
      /client.s answers are already recorded/,
    );
    const live = await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } });
    expect(live).toMatchObject({ status: "planned", deletedAt: null, number: 2 });
  });

  it("keeps the client's answers when the form was entered in the session meanwhile: they correct it", async () => {
    const { token, course, session, therapist } = await courseWithLink();
    // The therapist takes the PHQ-9 in the session ("take now") while the link is still open.
    await heldSession(therapist, course, 2);
    const entered = await recordPhq9(therapist, course.id, session.id, 6);
    // The client then sends their own answers, with item 9 above 0.
    const result = ok(
      await publicClient().submit(token, { phq9: phq9(11, 1) }),
      submittedQuestionnaireResponse,
    );
    expect(result.next).toBe("crisis");

    const scores = (await measuresOf(therapist, course.id)).scores.filter((s) => s.sessionId === session.id);
    const current = scores.find((score) => score.current);
    expect(current).toMatchObject({ total: 11, correctsId: entered.score.id });
    expect(current?.completedByClientAt).not.toBeNull();
    expect(current?.correctionReason).toMatch(/client sent their own answers/);
    // The entry stays on record, and the red flag is raised as for any score.
    expect(scores.map((score) => score.id)).toContain(entered.score.id);
    const flags = await prisma.riskFlag.findMany({ where: { courseId: course.id } });
    expect(flags).toHaveLength(1);
    expect(flags[0]?.scoreId).toBe(current?.id);
  });

  it("raises the red risk flag for PHQ-9 item 9 above 0 and answers the crisis text", async () => {
    const { token, course, therapist } = await courseWithLink();
    const result = ok(
      await publicClient().submit(token, { phq9: phq9(10, 1) }),
      submittedQuestionnaireResponse,
    );
    expect(result).toEqual({ next: "crisis", crisisText: DEFAULT_CRISIS_TEXT });
    expect(DEFAULT_CRISIS_TEXT).toMatch(/emergency/);
    expect(DEFAULT_CRISIS_TEXT).toMatch(/not watched around the clock/);

    const measures = await measuresOf(therapist, course.id);
    expect(measures.riskFlags).toHaveLength(1);
    expect(measures.riskFlags[0]).toMatchObject({ itemValue: 1, resolvedAt: null });
    expect(measures.flags.some((flag) => flag.code === "risk_item9" && flag.severity === "red")).toBe(true);
    // The supervisor reads it as for an entered score.
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    expect((await measuresOf(supervisor, course.id)).riskFlags).toHaveLength(1);
  });

  it("refuses unanswered, out-of-range and unasked forms by name, and stores nothing", async () => {
    const { token, course } = await courseWithLink();
    const client = publicClient();
    const missing = expectApiError(
      await client.submit(token, { phq9: [1, 1, 1, null, 1, 1, 1, 1] }),
      400,
      "validation_failed",
    );
    expect(fieldNames(missing)).toEqual(["body.answers.phq9.3", "body.answers.phq9.8"]);
    const range = expectApiError(
      await client.submit(token, { phq9: [1, 1, 4, 1, 1, 1, 1, 1, 1] }),
      400,
      "validation_failed",
    );
    expect(fieldNames(range)).toEqual(["body.answers.phq9.2"]);
    const unasked = expectApiError(
      await client.submit(token, { phq9: phq9(3), gad7: gad7(3) }),
      400,
      "validation_failed",
    );
    expect(fieldNames(unasked)).toEqual(["body.answers.gad7"]);
    const none = expectApiError(await client.submit(token, {}), 400, "validation_failed");
    expect(fieldNames(none)).toEqual(["body.answers.phq9"]);
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
    // The link is still usable after refused input.
    expect((await client.open(token)).statusCode).toBe(200);
  });

  it("takes a replay as nothing: one score, one flag, the same closed answer", async () => {
    const { token, course } = await courseWithLink();
    const client = publicClient();
    const [first, second] = await Promise.all([
      client.submit(token, { phq9: phq9(10, 2) }),
      client.submit(token, { phq9: phq9(3) }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 404]);
    const replay = await client.submit(token, { phq9: phq9(3) });
    expect(replay.statusCode).toBe(404);
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(1);
  });
});

describe("the year-of-birth check", () => {
  it("shows the questions only after the right year, and closes the link after 5 wrong tries", async () => {
    await setQuestionnaireSettings({ identityCheck: true });
    const { token, link, course } = await courseWithLink();
    const client = publicClient();

    const first = publicQuestionnaire.parse((await client.open(token)).json());
    expect(first).toEqual({ step: "identity", serviceName: "Your therapy service" });
    expectApiError(await client.submit(token, { phq9: phq9(5) }), 409, "conflict");

    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = expectApiError(await client.identity(token, 1990), 400, "validation_failed");
      expect(fieldNames(wrong)).toEqual(["body.yearOfBirth"]);
    }
    const fifth = await client.identity(token, 1991);
    expect(fifth.statusCode).toBe(404);
    expect(closedBody(fifth)).toEqual(CLOSED);
    // Closed for good, even with the right year.
    expect(closedBody(await client.identity(token, 1985))).toEqual(CLOSED);
    expect((await client.open(token)).statusCode).toBe(404);
    const row = await prisma.questionnaireLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({ identityFailures: 5 });
    expect(row.lockedAt).not.toBeNull();
    expect(await prisma.measureScore.count({ where: { courseId: course.id } })).toBe(0);
    const failures = await auditRows(prisma, {
      entityId: link.id,
      action: "questionnaire_link.identity_checked",
    });
    expect(failures.filter((event) => event.outcome === "failure")).toHaveLength(5);
  });

  it("lets the right year through, then takes the answers", async () => {
    await setQuestionnaireSettings({ identityCheck: true });
    const { token } = await courseWithLink();
    const client = publicClient();
    const checked = publicQuestionnaire.parse((await client.identity(token, 1985)).json());
    expect(checked.step).toBe("questions");
    expect(publicQuestionnaire.parse((await client.open(token)).json()).step).toBe("questions");
    expect(ok(await client.submit(token, { phq9: phq9(4) }), submittedQuestionnaireResponse)).toEqual({
      next: "thanks",
    });
  });

  it("is not issued for a client without a year of birth while the check is on (422)", async () => {
    await setQuestionnaireSettings({ identityCheck: true });
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const error = expectApiError(
      await therapist.post(`/api/sessions/${sessionNumbered(course, 2).id}/questionnaire-links`, {}),
      422,
      "rule_unmet",
    );
    expect(fieldNames(error)).toEqual(["client_year_of_birth"]);
  });
});

describe("revoking", () => {
  it("closes the page at once, is audited, and is for the link's therapist only", async () => {
    const { token, therapist, link } = await courseWithLink();
    const other = await signedInAs(app, prisma);
    expectApiError(await other.post(`/api/questionnaire-links/${link.id}/revocation`), 404, "not_found");
    expect((await publicClient().open(token)).statusCode).toBe(200);

    const revoked = ok(
      await therapist.post(`/api/questionnaire-links/${link.id}/revocation`),
      questionnaireLink,
    );
    expect(revoked.status).toBe("revoked");
    expect((await publicClient().open(token)).statusCode).toBe(404);
    const events = await auditRows(prisma, { entityId: link.id, action: "questionnaire_link.revoked" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: therapist.id });
  });

  it("refuses to revoke a completed link (409)", async () => {
    const { token, therapist, link } = await courseWithLink();
    ok(await publicClient().submit(token, { phq9: phq9(5) }), submittedQuestionnaireResponse);
    expectApiError(await therapist.post(`/api/questionnaire-links/${link.id}/revocation`), 409, "conflict");
  });
});
