// E-mail through a real SMTP server started in the test process (docs/decisions/020): the therapist's
// "send by e-mail" when issuing a questionnaire link, and the attention e-mail a client's risk flag
// sends to the therapist and supervisors. Messages are read back and checked for what they must not
// hold (names, scores, clinical words); a refusing server loses nothing and is reported.
import {
  issuedQuestionnaireLinkResponse,
  questionnaireLinksResponse,
  QUESTIONNAIRE_PAGE_PREFIX,
  submittedQuestionnaireResponse,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  courseFor,
  newClient,
  ok,
  sessionNumbered,
  signedInAs,
  type Clinician,
} from "../../test/helpers/clinical";
import { measuresOf, phq9, supervisorOf } from "../../test/helpers/measures";
import { mailEnv, startSmtpServer } from "../../test/helpers/smtp";
import { noteSecret } from "../security/log-scan/sink";

const smtp = await startSmtpServer();
const { app, prisma } = await createTestApp(mailEnv(smtp));
const ORIGIN = mailEnv(smtp).PUBLIC_ORIGIN;

let clientCounter = 0;
async function clientCourse(options: { email?: string | null } = {}) {
  clientCounter += 1;
  const therapist = await signedInAs(app, prisma);
  const email =
    options.email === undefined ? `client.${clientCounter}.${Date.now()}@example.test` : options.email;
  const client = await newClient(therapist, { displayName: "Harriet Quill", email });
  const course = await courseFor(therapist, { phase: "middle", client });
  return { therapist, course, session: sessionNumbered(course, 2), email };
}

const issue = (who: Clinician, sessionId: string, body: object) =>
  who.post(`/api/sessions/${sessionId}/questionnaire-links`, body);

/** The words a message to a client or clinician must never hold. */
const CLINICAL = /phq|gad|depress|anxi|suicid|risk|score|item|harm|dead|Harriet|Quill/i;

describe("sending a questionnaire link by e-mail", () => {
  it("sends the service name and the personal link only, and audits ids only", async () => {
    const { therapist, session, email } = await clientCourse();
    const issued = ok(
      await issue(therapist, session.id, { instruments: ["phq9"], sendEmail: true }),
      issuedQuestionnaireLinkResponse,
      201,
    );
    noteSecret(issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length));
    expect(issued.email).toBe("sent");

    const [message, ...more] = smtp.to(email ?? "");
    expect(more).toHaveLength(0);
    expect(message?.subject).toBe("Your questionnaire from Your therapy service");
    expect(message?.from?.text).toContain("no-reply@ipt.example.test");
    expect(message?.text).toContain(`${ORIGIN}${issued.path}`);
    expect(message?.text).toContain("questionnaire");
    expect(`${message?.subject} ${message?.text}`).not.toMatch(CLINICAL);
    expect(message?.text).not.toContain(therapist.name);

    // The link in the message opens the client's page.
    const opened = await app.inject({ method: "GET", url: `/api/questionnaires/${issued.path.slice(3)}` });
    expect(opened.statusCode).toBe(200);

    const [event] = await auditRows(prisma, {
      entityId: issued.link.id,
      action: "questionnaire_link.emailed",
    });
    expect(event).toMatchObject({ outcome: "success", actorId: therapist.id });
    expect(event?.details).toEqual({ kind: "invitation" });
    const rows = await auditRows(prisma, { entityId: issued.link.id });
    expect(JSON.stringify(rows.map((row) => row.details))).not.toContain(email);
  });

  it("reports a refused message: the link exists, is listed and works, and the failure is audited", async () => {
    const { therapist, course, session, email } = await clientCourse();
    smtp.refuseNext();
    const issued = ok(
      await issue(therapist, session.id, { instruments: ["phq9"], sendEmail: true }),
      issuedQuestionnaireLinkResponse,
      201,
    );
    noteSecret(issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length));
    expect(issued.email).toBe("failed");
    expect(smtp.to(email ?? "")).toHaveLength(0);
    const listed = ok(
      await therapist.get(`/api/courses/${course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(listed.links.map((link) => link.id)).toEqual([issued.link.id]);
    expect(listed.email).toEqual({ available: true, clientHasEmail: true });
    const opened = await app.inject({ method: "GET", url: `/api/questionnaires/${issued.path.slice(3)}` });
    expect(opened.statusCode).toBe(200);
    const [event] = await auditRows(prisma, {
      entityId: issued.link.id,
      action: "questionnaire_link.emailed",
    });
    expect(event).toMatchObject({ outcome: "failure" });
  });

  it("refuses to e-mail a client with no address on record, naming the gap, and issues nothing", async () => {
    const { therapist, course, session } = await clientCourse({ email: null });
    const listed = ok(
      await therapist.get(`/api/courses/${course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(listed.email).toEqual({ available: true, clientHasEmail: false });
    const error = expectApiError(await issue(therapist, session.id, { sendEmail: true }), 422, "rule_unmet");
    expect(fieldNames(error)).toEqual(["client_email"]);
    expect(await prisma.questionnaireLink.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

describe("without SMTP_URL", () => {
  it("offers no e-mail: the list says so and a request to send names the field", async () => {
    const plain = await createTestApp();
    const therapist = await signedInAs(plain.app, plain.prisma);
    const client = await newClient(therapist, { email: "someone@example.test" });
    const course = await courseFor(therapist, { phase: "middle", client });
    const listed = ok(
      await therapist.get(`/api/courses/${course.id}/questionnaire-links`),
      questionnaireLinksResponse,
    );
    expect(listed.email).toEqual({ available: false, clientHasEmail: true });
    const session = sessionNumbered(course, 2);
    const error = expectApiError(
      await issue(therapist, session.id, { sendEmail: true }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.sendEmail"]);
    expect(await plain.prisma.questionnaireLink.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

describe("a client's risk flag", () => {
  it("e-mails the therapist and each supervisor that something needs attention, with no clinical content", async () => {
    const { therapist, course, session } = await clientCourse();
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const issued = ok(
      await issue(therapist, session.id, { instruments: ["phq9"] }),
      issuedQuestionnaireLinkResponse,
      201,
    );
    const token = issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length);
    noteSecret(token);
    const submitted = ok(
      await app.inject({
        method: "POST",
        url: `/api/questionnaires/${token}/answers`,
        payload: { answers: { phq9: phq9(10, 1) } },
      }),
      submittedQuestionnaireResponse,
    );
    expect(submitted.next).toBe("crisis");

    const [toTherapist, ...moreToTherapist] = smtp.to(therapist.email);
    const [toSupervisor] = smtp.to(supervisor.email);
    expect(moreToTherapist).toHaveLength(0);
    expect(toTherapist?.subject).toBe("Something needs your attention");
    expect(toTherapist?.text).toContain(`${ORIGIN}/attention`);
    expect(toSupervisor?.text).toContain(`${ORIGIN}/supervision`);
    for (const message of [toTherapist, toSupervisor]) {
      expect(`${message?.subject} ${message?.text}`).not.toMatch(CLINICAL);
    }
    const [flag] = (await measuresOf(therapist, course.id)).riskFlags;
    const events = await auditRows(prisma, { entityId: flag?.id, action: "risk_flag.emailed" });
    expect(events.map((event) => [event.outcome, event.details])).toEqual([
      ["success", { userId: therapist.id }],
      ["success", { userId: supervisor.id }],
    ]);
  });

  it("keeps the submission and the flag when the mail server refuses, and audits the failure", async () => {
    const { therapist, course, session } = await clientCourse();
    const issued = ok(
      await issue(therapist, session.id, { instruments: ["phq9"] }),
      issuedQuestionnaireLinkResponse,
      201,
    );
    const token = issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length);
    noteSecret(token);
    smtp.refuseNext();
    const submitted = ok(
      await app.inject({
        method: "POST",
        url: `/api/questionnaires/${token}/answers`,
        payload: { answers: { phq9: phq9(10, 2) } },
      }),
      submittedQuestionnaireResponse,
    );
    expect(submitted.next).toBe("crisis");
    expect(smtp.to(therapist.email)).toHaveLength(0);
    const measures = await measuresOf(therapist, course.id);
    expect(measures.riskFlags).toHaveLength(1);
    const events = await auditRows(prisma, {
      entityId: measures.riskFlags[0]?.id,
      action: "risk_flag.emailed",
    });
    expect(events.map((event) => event.outcome)).toEqual(["failure"]);
  });

  it("sends nothing when the answers raise no flag", async () => {
    const { therapist, session } = await clientCourse();
    const issued = ok(
      await issue(therapist, session.id, { instruments: ["phq9"] }),
      issuedQuestionnaireLinkResponse,
      201,
    );
    const token = issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length);
    noteSecret(token);
    const submitted = ok(
      await app.inject({
        method: "POST",
        url: `/api/questionnaires/${token}/answers`,
        payload: { answers: { phq9: phq9(10, 0) } },
      }),
      submittedQuestionnaireResponse,
    );
    expect(submitted.next).toBe("thanks");
    expect(smtp.to(therapist.email)).toHaveLength(0);
  });
});
