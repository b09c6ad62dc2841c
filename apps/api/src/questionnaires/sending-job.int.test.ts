// Automatic questionnaire sending (docs/decisions/020) against a real PostgreSQL and a real SMTP server
// in the test process. Two app instances on one database run the job at once: each due session gets
// exactly one link and one e-mail. A refused message (a "crash" between issuing and sending) is retried
// on the next pass and sent once; the reminder goes once; clients without an address get nothing.
import {
  defaultMeasurementSettings,
  fromZoned,
  addDays,
  QUESTIONNAIRE_PAGE_PREFIX,
  type QuestionnaireSendingSettings,
} from "@ipt/shared";
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { auditRows } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { courseFor, newClient, sessionNumbered, signedInAs } from "../../test/helpers/clinical";
import { phq9 } from "../../test/helpers/measures";
import { mailEnv, startSmtpServer } from "../../test/helpers/smtp";
import { buildApp } from "../app";
import { loadConfig } from "../config/config";
import { createPrismaClient } from "../db/prisma";
import { noteSecret, testLogger } from "../security/log-scan/sink";

const smtp = await startSmtpServer();
// The job's "now"; the requests of the set-up run on the real clock (sign-in sessions need it).
let jobNow: Date | null = null;
const clock = () => jobNow ?? new Date();
const first = await createTestApp(mailEnv(smtp), undefined, clock);
const { app, prisma } = first;

// A second API instance on the same database: its own Prisma pool, its own job.
const secondPrisma = createPrismaClient(first.databaseUrl, 4);
const second = await buildApp({
  config: loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: first.databaseUrl,
    LOG_LEVEL: "silent",
    WEB_DIST_DIR: "/nonexistent",
    ...mailEnv(smtp),
  }),
  prisma: secondPrisma,
  clock,
  logger: testLogger(),
});
await second.ready();
afterAll(async () => {
  await second.close();
  await secondPrisma.$disconnect();
});

const SENDING: QuestionnaireSendingSettings = { automatic: true, hoursBefore: 48, reminderAfterHours: 24 };
async function setSending(questionnaireSending: QuestionnaireSendingSettings) {
  await prisma.organisationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, measurement: defaultMeasurementSettings, questionnaireSending },
    update: { questionnaireSending },
  });
}
afterEach(async () => {
  jobNow = null;
  await prisma.organisationSettings.deleteMany({});
});

let counter = 0;
/** A middle-phase 12-session weekly course from `startDate` (a Monday, 09:00 London) for a new client. */
async function courseStarting(startDate: string, email: string | null = null) {
  counter += 1;
  const therapist = await signedInAs(app, prisma);
  const address = email ?? `sending.${counter}.${Date.now()}@example.test`;
  const client = await newClient(therapist, { email: email === null ? address : email });
  const course = await courseFor(therapist, { phase: "middle", client, startDate });
  return { therapist, course, email: address, session4: sessionNumbered(course, 4) };
}

/** Session 4 (a point of the schedule: every 4 sessions) starts 3 weeks after the course. */
const session4Start = (startDate: string) => fromZoned(addDays(startDate, 21), "09:00", "Europe/London");
const hoursBefore = (instant: Date, hours: number) => new Date(instant.getTime() - hours * 3_600_000);

function tokenIn(message: ParsedMail | undefined): string {
  const match = new RegExp(`${QUESTIONNAIRE_PAGE_PREFIX}([A-Za-z0-9_-]{43})`).exec(message?.text ?? "");
  if (!match?.[1]) throw new Error("no questionnaire link in the message");
  noteSecret(match[1]);
  return match[1];
}
const openPage = (token: string) => app.inject({ method: "GET", url: `/api/questionnaires/${token}` });

describe("automatic sending", () => {
  it("with two instances at once: exactly one link and one e-mail per due session", async () => {
    const start = "2027-03-01";
    const courses = await Promise.all([courseStarting(start), courseStarting(start), courseStarting(start)]);
    await setSending(SENDING);
    jobNow = hoursBefore(session4Start(start), 47);

    const passes = await Promise.all([
      app.questionnaireSending.runOnce(),
      second.questionnaireSending.runOnce(),
    ]);
    expect(passes.reduce((sum, pass) => sum + pass.issued, 0)).toBe(3);
    expect(passes.reduce((sum, pass) => sum + pass.sent, 0)).toBe(3);
    // Again, on both: nothing more.
    const again = await Promise.all([
      app.questionnaireSending.runOnce(),
      second.questionnaireSending.runOnce(),
    ]);
    expect(again).toEqual([
      { issued: 0, reminders: 0, sent: 0, failed: 0 },
      { issued: 0, reminders: 0, sent: 0, failed: 0 },
    ]);

    for (const { course, email, session4 } of courses) {
      const links = await prisma.questionnaireLink.findMany({ where: { courseId: course.id } });
      expect(links.map((link) => [link.sessionId, link.instruments])).toEqual([
        [session4.id, ["phq9", "gad7"]],
      ]);
      const messages = smtp.to(email);
      expect(messages.map((message) => message.subject)).toEqual([
        "Your questionnaire from Your therapy service",
      ]);
      expect((await openPage(tokenIn(messages[0]))).statusCode).toBe(200);
      const [sent] = await auditRows(prisma, {
        entityId: links[0]?.id,
        action: "questionnaire_link.emailed",
      });
      expect(sent).toMatchObject({ outcome: "success", actorId: null });
      expect(sent?.details).toEqual({ kind: "invitation", automatic: true });
    }
  });

  it("retries a message the server refused (a crash between issuing and sending) and sends it once", async () => {
    const start = "2027-06-07";
    const { course, email } = await courseStarting(start);
    await setSending(SENDING);
    jobNow = hoursBefore(session4Start(start), 40);
    smtp.refuseNext();
    expect(await app.questionnaireSending.runOnce()).toEqual({ issued: 1, reminders: 0, sent: 0, failed: 1 });
    expect(smtp.to(email)).toHaveLength(0);
    const [link] = await prisma.questionnaireLink.findMany({ where: { courseId: course.id } });
    expect(link).toBeDefined();

    // The next pass (on the other instance, as after a restart) sends it; later passes send nothing.
    jobNow = new Date(jobNow.getTime() + 60_000);
    expect(await second.questionnaireSending.runOnce()).toEqual({
      issued: 0,
      reminders: 0,
      sent: 1,
      failed: 0,
    });
    expect(await app.questionnaireSending.runOnce()).toEqual({ issued: 0, reminders: 0, sent: 0, failed: 0 });
    const messages = smtp.to(email);
    expect(messages).toHaveLength(1);
    expect(await prisma.questionnaireLink.count({ where: { courseId: course.id } })).toBe(1);
    expect((await openPage(tokenIn(messages[0]))).statusCode).toBe(200);
    const events = await auditRows(prisma, { entityId: link?.id, action: "questionnaire_link.emailed" });
    expect(events.map((event) => event.outcome)).toEqual(["failure", "success"]);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(email);
  });

  it("reminds once when the questionnaire is not completed, with a link that works (the first one stops)", async () => {
    const start = "2027-09-06";
    const waiting = await courseStarting(start);
    const done = await courseStarting(start);
    await setSending(SENDING);
    const sessionStart = session4Start(start);
    jobNow = hoursBefore(sessionStart, 47);
    expect((await app.questionnaireSending.runOnce()).sent).toBe(2);
    const firstToken = tokenIn(smtp.to(waiting.email)[0]);
    // One client completes theirs.
    const doneToken = tokenIn(smtp.to(done.email)[0]);
    const submitted = await app.inject({
      method: "POST",
      url: `/api/questionnaires/${doneToken}/answers`,
      payload: { answers: { phq9: phq9(6), gad7: [1, 1, 0, 0, 1, 0, 0] } },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    jobNow = hoursBefore(sessionStart, 47 - 23);
    expect((await app.questionnaireSending.runOnce()).reminders).toBe(0);
    jobNow = hoursBefore(sessionStart, 47 - 24);
    const passes = await Promise.all([
      app.questionnaireSending.runOnce(),
      second.questionnaireSending.runOnce(),
    ]);
    expect(passes.reduce((sum, pass) => sum + pass.reminders, 0)).toBe(1);
    jobNow = hoursBefore(sessionStart, 2);
    expect(await app.questionnaireSending.runOnce()).toEqual({ issued: 0, reminders: 0, sent: 0, failed: 0 });

    const messages = smtp.to(waiting.email);
    expect(messages.map((message) => message.subject)).toEqual([
      "Your questionnaire from Your therapy service",
      "Reminder: your questionnaire from Your therapy service",
    ]);
    expect((await openPage(tokenIn(messages[1]))).statusCode).toBe(200);
    expect((await openPage(firstToken)).statusCode).toBe(404);
    expect(smtp.to(done.email)).toHaveLength(1);
    expect(await prisma.questionnaireLink.count({ where: { courseId: waiting.course.id } })).toBe(1);
  });

  it("sends nothing while it is off, and never to a client without an e-mail address", async () => {
    const start = "2027-12-06";
    const withAddress = await courseStarting(start);
    const therapist = await signedInAs(app, prisma);
    const noAddress = await courseFor(therapist, {
      phase: "middle",
      client: await newClient(therapist),
      startDate: start,
    });
    jobNow = hoursBefore(session4Start(start), 30);
    expect(await app.questionnaireSending.runOnce()).toEqual({ issued: 0, reminders: 0, sent: 0, failed: 0 });
    expect(smtp.to(withAddress.email)).toHaveLength(0);

    await setSending(SENDING);
    expect((await app.questionnaireSending.runOnce()).issued).toBe(1);
    expect(smtp.to(withAddress.email)).toHaveLength(1);
    expect(await prisma.questionnaireLink.count({ where: { courseId: noAddress.id } })).toBe(0);
  });
});
