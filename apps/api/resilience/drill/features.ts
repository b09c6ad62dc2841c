// The backup drill's second workload: the features whose tables the therapists' loop never fills
// (calendar feeds, supervisor assignments, refusals, sign-in throttles, outreach, questionnaire links,
// second factors, passkeys, archived audit months, IPT groups), each done once through the API as a user would,
// so that every table holds rows whose backup and restore the drill then proves.
import {
  endpointPath,
  endpoints,
  groupDetail,
  passkeyRegistrationOptions,
  recoveryCodesResponse,
  totpEnrolmentResponse,
} from "@ipt/shared";
import type { AddressInfo } from "node:net";
import { Secret, TOTP } from "otpauth";
import { SMTPServer } from "smtp-server";
import { createPasskey } from "../../test/helpers/passkeys";
import { archiveAuditMonths } from "../../src/audit/archive";
import { createAuditPartitions } from "../../src/audit/partitions";
import { createMailer } from "../../src/mail/mailer";
import { runQuestionnaireSending } from "../../src/questionnaires/sending-job";
import { prepareTherapist } from "../load/workload";
import { ApiSession, expectOk, onCleanup, withPrisma, type Account } from "../harness";

const OLD_MONTH = "2020-01";

export interface FeatureActors {
  apiUrl: string;
  admin: ApiSession;
  /** A therapist with a course and its planned sessions (from the load workload). */
  therapist: { id: string; session: ApiSession; courseId: string; sessions: { id: string }[] };
  supervisor: Account;
  /** An account that signs in once more here and then never again (its factors are enrolled). */
  enrolling: Account;
}

/** The code an authenticator app shows now (RFC 6238: SHA-1, 6 digits, 30 s). */
const totpCode = (secret: string) =>
  new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();

export async function exerciseFeatures({ apiUrl, admin, therapist, supervisor, enrolling }: FeatureActors) {
  const { session } = therapist;
  // calendar_feeds: the therapist subscribes a calendar app to the planned sessions.
  expectOk(
    await session.post(endpointPath(endpoints.calendar.createFeed), { includeClientCode: false }),
    "creating a calendar feed",
  );
  // caseload_access_changes: an admin assigns a supervisor to the therapist.
  expectOk(
    await admin.put(
      endpointPath(endpoints.users.assignSupervisor, { userId: therapist.id, supervisorId: supervisor.id }),
      {},
    ),
    "assigning a supervisor",
  );
  // audit_refusal_windows: a therapist asks for the admin's user list and is refused by role.
  const refused = await session.get(endpointPath(endpoints.users.list));
  if (refused.status !== 403)
    throw new Error(`a therapist reading the user list: ${refused.status}, not 403`);
  // outreach_attempts: an attempt to reach the client, an hour ago.
  expectOk(
    await session.post(endpointPath(endpoints.courses.recordOutreach, { courseId: therapist.courseId }), {
      attemptedAt: new Date(Date.now() - 3_600_000).toISOString(),
      method: "phone",
      outcome: "no_answer",
      note: "Invented: no answer, tried again the next day.",
    }),
    "recording an outreach attempt",
  );
  // questionnaire_links: a link for the course's last planned session, handed over by hand.
  const lastSession = therapist.sessions.at(-1);
  if (!lastSession) throw new Error("the therapist's course has no planned session");
  expectOk(
    await session.post(endpointPath(endpoints.questionnaires.issue, { sessionId: lastSession.id }), {}),
    "issuing a questionnaire link",
  );
  await runAGroup(session);

  // totp_factors and recovery_codes: TOTP enrolment, the code computed as an authenticator app does.
  const user = await ApiSession.signIn(apiUrl, enrolling.email, enrolling.password);
  const { secret } = totpEnrolmentResponse.parse(
    expectOk(await user.post(endpointPath(endpoints.auth.beginTotp), {}), "beginning TOTP enrolment"),
  );
  recoveryCodesResponse.parse(
    expectOk(
      await user.post(endpointPath(endpoints.auth.confirmTotp), { code: totpCode(secret) }),
      "confirming TOTP enrolment",
    ),
  );
  // webauthn_credentials: a passkey registered with a software authenticator (the integration
  // tests' helper); webauthn_challenges: a second registration begun and left unfinished.
  const options = passkeyRegistrationOptions.parse(
    expectOk(
      await user.post(endpointPath(endpoints.auth.passkeyRegistrationOptions), {}),
      "passkey registration options",
    ),
  );
  const { credential } = createPasskey(options, apiUrl);
  expectOk(
    await user.post(endpointPath(endpoints.auth.registerPasskey), { name: "Drill laptop", credential }),
    "registering a passkey",
  );
  expectOk(
    await user.post(endpointPath(endpoints.auth.passkeyRegistrationOptions), {}),
    "passkey registration options, left unanswered",
  );

  // sign_in_throttles: a wrong password (the account is not signed in to again, which would clear it).
  const wrong = await new ApiSession(apiUrl).post(endpointPath(endpoints.auth.login), {
    email: enrolling.email,
    password: `${enrolling.password}-wrong`,
  });
  if (wrong.status !== 401) throw new Error(`a wrong password: ${wrong.status}, not 401`);
}

/**
 * therapy_groups, therapy_group_sessions and group_attendance: a group that began two weeks ago, one
 * new client joining it, and the first group session's attendance recorded.
 */
async function runAGroup(session: ApiSession) {
  const start = new Date(Date.now() - 14 * 86_400_000);
  const client = expectOk<{ id: string }>(
    await session.post(endpointPath(endpoints.clients.create), {
      displayName: "Group member (invented)",
      referralReason: "Invented: low mood after a move.",
    }),
    "creating a group member",
  );
  const group = groupDetail.parse(
    expectOk(
      await session.post(endpointPath(endpoints.groups.create), {
        name: "Drill group",
        lineage: "weissman",
        groupSessions: 8,
        sessionMinutes: 90,
        startDate: start.toISOString().slice(0, 10),
        weekday: start.getUTCDay() === 0 ? 7 : start.getUTCDay(),
        startTime: "10:00",
      }),
      "creating a group",
    ),
  );
  const joined = groupDetail.parse(
    expectOk(
      await session.post(endpointPath(endpoints.groups.addMember, { groupId: group.id }), {
        clientId: client.id,
        agreedOn: start.toISOString().slice(0, 10),
      }),
      "adding a group member",
    ),
  );
  const [member] = joined.members;
  const [first] = joined.sessions;
  if (!member || !first) throw new Error("the group has no member or no session");
  expectOk(
    await session.post(
      endpointPath(endpoints.groups.recordAttendance, { groupId: group.id, groupSessionId: first.id }),
      { attendance: [{ courseId: member.courseId, status: "attended" }] },
    ),
    "recording a group session's attendance",
  );
}

/**
 * A fresh database has no past month to archive: one is made as an old database has it, a partition
 * (as audit:partitions makes for coming months) with an event in it (written as the audit partition
 * tests write one; the API stamps its events with the present). Before the workload, so the event
 * takes its place in the chain ahead of the workload's, as an old month's events do.
 */
export async function auditAnOldMonth(databaseUrl: string) {
  await createAuditPartitions(databaseUrl, [OLD_MONTH]);
  await withPrisma(databaseUrl, (prisma) =>
    prisma.auditEvent.create({
      data: {
        action: "client.viewed",
        outcome: "success",
        entityId: "drill",
        occurredAt: new Date(`${OLD_MONTH}-15T10:00:00Z`),
      },
    }),
  );
}

/** audit_archives: the old month archived out of the database into `folder`, as `audit:archive` does. */
export async function archiveTheOldMonth(databaseUrl: string, folder: string) {
  const manifests = await archiveAuditMonths(databaseUrl, "2020-02", folder);
  if (manifests.map((m) => m.events).join() !== "1") {
    throw new Error(
      `archived ${JSON.stringify(manifests.map((m) => [m.month, m.events]))}, not 1 event of ${OLD_MONTH}`,
    );
  }
}

/**
 * For questionnaire_dispatches: the therapist's second client, with an e-mail address on record and
 * a course whose first session (the baseline measurement) is two days ahead, so the automatic
 * sending (turned on by the admin's settings) has a session to send a link for.
 */
export async function clientWithSessionAhead(therapist: { id: string; session: ApiSession }) {
  const startDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const prepared = await prepareTherapist(therapist.id, therapist.session, startDate);
  const clientId = prepared.clientIds[0] ?? "";
  const client = expectOk<{ version: number }>(
    await therapist.session.get(endpointPath(endpoints.clients.get, { clientId })),
    "reading the client",
  );
  expectOk(
    await therapist.session.patch(endpointPath(endpoints.clients.update, { clientId }), {
      version: client.version,
      email: "drill.client@example.test",
    }),
    "adding the client's e-mail address",
  );
}

/**
 * One pass of the automatic questionnaire sending (the job each API process runs on a timer), with
 * e-mail going to an SMTP server in this process: the link issued, its dispatch row written and sent.
 */
export async function sendQuestionnairesOnce(databaseUrl: string) {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  const mailer = createMailer({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    PUBLIC_ORIGIN: "https://ipt.example.test",
    MAIL_FROM: "IPT drill <no-reply@ipt.example.test>",
  });
  const log = { warn: (...args: unknown[]) => console.warn(...args), info: () => undefined };
  try {
    const pass = await withPrisma(databaseUrl, (prisma) =>
      runQuestionnaireSending(prisma, mailer, log, new Date()),
    );
    if (pass.issued < 1 || pass.sent < 1 || received < 1) {
      throw new Error(`the questionnaire sending pass: ${JSON.stringify(pass)}, ${received} received`);
    }
  } finally {
    mailer.close();
  }
}
