// The fixture "world" of the access-control suites, built through the API as users would: two
// tenants (a therapist with their own supervisor, and the therapist's client, course, held and signed
// session, scores, a risk flag with its follow-up, a review thread, a fidelity rating and a
// co-signature), an admin, a therapist whose account was deactivated after signing in, and an
// account to sign in as. Every actor keeps one session for the whole file.
import {
  endpointPath,
  endpoints,
  fidelityItemKeys,
  fidelityRating,
  issuedQuestionnaireLinkResponse,
  lifeEvent,
  QUESTIONNAIRE_PAGE_PREFIX,
  reviewThread,
  type CourseDetail,
  type SessionDetail,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
import { noteSecret, noteSecretsIn } from "../../src/security/log-scan/sink";
import { createAccount, signIn, type SignedIn } from "../helpers/app";
import {
  addPerson,
  asCourse,
  asSession,
  courseFor,
  newClient,
  ok,
  sessionNumbered,
  type Clinician,
  type Method,
} from "../helpers/clinical";
import { followedUp, followUpBody, recordPhq9 } from "../helpers/measures";
import { newGroup } from "../helpers/groups";

export const ACTORS = [
  "anonymous",
  "owner",
  "otherTherapist",
  "ownerSupervisor",
  "otherSupervisor",
  "admin",
  "deactivated",
] as const;
export type ActorName = (typeof ACTORS)[number];

/** An account and the session the suite uses for it (replaced when a route rotates it). */
export interface Account {
  id: string;
  email: string;
  password: string;
  role: "therapist" | "supervisor" | "admin";
  session: SignedIn;
}

export type HttpMethod = Method | "HEAD";

/** Sends a request with a session (or none): the cookie always, the CSRF header on writes. */
export async function send(
  app: App,
  session: SignedIn | null,
  method: HttpMethod,
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  const reading = method === "GET" || method === "HEAD";
  const headers = !session ? {} : reading ? { cookie: session.cookie } : session.headers;
  // Passwords changed or reset through the suite join the secrets the log scan looks for.
  if (!reading) noteSecretsIn(payload);
  const response = await app.inject({ method, url, headers, ...(payload && !reading ? { payload } : {}) });
  if (response.body && response.headers["content-type"]?.toString().startsWith("application/json")) {
    noteSecretsIn(response.json());
  }
  return response;
}

/** The test helpers' Clinician over an Account, always using the account's current session. */
export function clinicianOf(app: App, account: Account): Clinician {
  const call = (method: Method, url: string, payload?: object) =>
    send(app, account.session, method, url, payload ?? (method === "GET" ? undefined : {}));
  return {
    id: account.id,
    name: account.email,
    email: account.email,
    get session() {
      return account.session;
    },
    call,
    get: (url) => call("GET", url),
    post: (url, payload = {}) => call("POST", url, payload),
    put: (url, payload) => call("PUT", url, payload),
    patch: (url, payload) => call("PATCH", url, payload),
    delete: (url) => call("DELETE", url),
  };
}

/** Text that only the owner, the owner's supervisor (and no other actor) may ever see. */
export interface Secrets {
  clientName: string;
  referral: string;
  personLabel: string;
  eventText: string;
  notes: string;
  threadText: string;
}

/** One therapist's records, all reached through the API. */
export interface Tenant {
  therapist: Account;
  supervisor: Account;
  secrets: Secrets;
  clientId: string;
  personId: string;
  eventId: string;
  courseId: string;
  /** Session 1: held, written up, scored (PHQ-9 item 9 above 0), followed up, signed, rated, co-signed. */
  sessionId: string;
  /** Session 2: held, not signed. */
  heldSessionId: string;
  measureId: string;
  riskFlagId: string;
  threadId: string;
  /** A questionnaire link issued for session 3 (planned), never opened. */
  linkId: string;
  /** A therapy group of the therapist (no members) and its first group session. */
  groupId: string;
  groupSessionId: string;
}

export interface World {
  app: App;
  prisma: PrismaClient;
  accounts: Record<Exclude<ActorName, "anonymous">, Account>;
  /** An active therapist whose credentials the sign-in route is called with. */
  loginProbe: Account;
  owner: Tenant;
  other: Tenant;
  /** The deactivated therapist's own client (made before the deactivation). */
  deactivatedClientId: string;
  /** A Clinician acting as the named account (for building fresh records). */
  as(actor: Exclude<ActorName, "anonymous">): Clinician;
  /** A course of the owner in the middle phase with a session just marked held (never signed). */
  freshHeldSession(): Promise<{ courseId: string; session: SessionDetail }>;
}

/** A tenant's records with their kind (and, for inventory entries, their client). */
export function recordsOf(tenant: Tenant) {
  const inClient = { clientId: tenant.clientId };
  return [
    { id: tenant.clientId, kind: "client" },
    { id: tenant.personId, kind: "person", ...inClient },
    { id: tenant.eventId, kind: "event", ...inClient },
    { id: tenant.courseId, kind: "course" },
    { id: tenant.sessionId, kind: "session" },
    { id: tenant.heldSessionId, kind: "session" },
    { id: tenant.measureId, kind: "measure" },
    { id: tenant.riskFlagId, kind: "riskFlag" },
    { id: tenant.threadId, kind: "thread" },
  ] as const;
}

/** The text of a tenant's records that only its therapist and their supervisor may see. */
export const secretsOf = (tenant: Tenant): string[] => Object.values<string>({ ...tenant.secrets });

export const PLANNED_SESSIONS = 16;

async function account(app: App, prisma: PrismaClient, role: Account["role"]): Promise<Account> {
  const created = await createAccount(prisma, { role });
  return {
    id: created.id,
    email: created.email,
    password: created.password,
    role,
    session: await signIn(app, created.email, created.password),
  };
}

export const fidelityScoresOf = (value: number) =>
  Object.fromEntries(fidelityItemKeys.map((key) => [key, value])) as Record<string, number>;

/** Marks a planned session held (its date is in the past) and returns its record. */
async function hold(who: Clinician, sessionId: string): Promise<SessionDetail> {
  const session = asSession(await who.get(endpointPath(endpoints.sessions.get, { sessionId })));
  return asSession(
    await who.patch(endpointPath(endpoints.sessions.update, { sessionId }), {
      version: session.version,
      status: "held",
      // After a flag earlier in the course the risk review is ticked, so the session can be signed.
      ...(session.riskReview.required ? { riskReviewDone: true } : {}),
    }),
  );
}

async function buildTenant(
  app: App,
  admin: Clinician,
  therapist: Account,
  supervisor: Account,
  tag: string,
): Promise<Tenant> {
  const link = await admin.call(
    "PUT",
    endpointPath(endpoints.users.assignSupervisor, { userId: therapist.id, supervisorId: supervisor.id }),
  );
  if (link.statusCode !== 200) throw new Error(`assignment failed: ${link.body}`);
  const t = clinicianOf(app, therapist);
  const s = clinicianOf(app, supervisor);
  const secrets: Secrets = {
    clientName: `Zephyrine ${tag} Quillfeather`,
    referral: `Low mood since the ${tag} Harrowgate move`,
    personLabel: `Oriel ${tag} Brackwater`,
    eventText: `Left the ${tag} Fenwick choir`,
    notes: `Spoke about the ${tag} Marwick allotment dispute`,
    threadText: `Please reconsider the ${tag} Tallowmere formulation`,
  };
  const client = await newClient(t, { displayName: secrets.clientName, referralReason: secrets.referral });
  const person = await addPerson(t, client.id, secrets.personLabel);
  const event = ok(
    await t.post(endpointPath(endpoints.inventory.addLifeEvent, { clientId: client.id }), {
      occurredOn: "2025-06-01",
      kind: "transition",
      description: secrets.eventText,
    }),
    lifeEvent,
    201,
  );
  const course = await courseFor(t, { client, phase: "middle" });
  const first = await hold(t, sessionNumbered(course, 1).id);
  const written = asSession(
    await t.patch(endpointPath(endpoints.sessions.update, { sessionId: first.id }), {
      version: first.version,
      notes: secrets.notes,
    }),
  );
  const { score, riskFlag } = await recordPhq9(t, course.id, first.id, 15, 1);
  await followedUp(t, riskFlag!.id);
  asSession(
    await t.post(endpointPath(endpoints.sessions.sign, { sessionId: first.id }), {
      version: written.version,
    }),
  );
  const second = await hold(t, sessionNumbered(course, 2).id);

  const questionnaireLink = ok(
    await t.post(endpointPath(endpoints.questionnaires.issue, { sessionId: sessionNumbered(course, 3).id }), {
      instruments: ["phq9"],
    }),
    issuedQuestionnaireLinkResponse,
    201,
  );
  noteSecret(questionnaireLink.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length));
  const thread = ok(
    await s.post(endpointPath(endpoints.review.openThread, { courseId: course.id }), {
      target: "plan",
      kind: "comment",
      body: secrets.threadText,
    }),
    reviewThread,
    201,
  );
  ok(
    await s.put(endpointPath(endpoints.fidelity.saveRating, { sessionId: first.id }), {
      version: 0,
      scores: fidelityScoresOf(4),
    }),
    fidelityRating,
  );
  const coSigned = await s.post(endpointPath(endpoints.review.coSign, { courseId: course.id }), {
    target: "session",
    sessionId: first.id,
  });
  if (coSigned.statusCode !== 201) throw new Error(`co-signature failed: ${coSigned.body}`);
  const group = await newGroup(t, { name: `${tag} group` });
  return {
    therapist,
    supervisor,
    secrets,
    clientId: client.id,
    personId: person.id,
    eventId: event.id,
    courseId: course.id,
    sessionId: first.id,
    heldSessionId: second.id,
    measureId: score.id,
    riskFlagId: riskFlag!.id,
    threadId: thread.id,
    linkId: questionnaireLink.link.id,
    groupId: group.id,
    groupSessionId: group.sessions[0]!.id,
  };
}

export async function buildWorld(app: App, prisma: PrismaClient): Promise<World> {
  const accounts = {
    owner: await account(app, prisma, "therapist"),
    otherTherapist: await account(app, prisma, "therapist"),
    ownerSupervisor: await account(app, prisma, "supervisor"),
    otherSupervisor: await account(app, prisma, "supervisor"),
    admin: await account(app, prisma, "admin"),
    deactivated: await account(app, prisma, "therapist"),
  };
  const loginProbe = await account(app, prisma, "therapist");
  const admin = clinicianOf(app, accounts.admin);
  const owner = await buildTenant(app, admin, accounts.owner, accounts.ownerSupervisor, "Alder");
  const other = await buildTenant(app, admin, accounts.otherTherapist, accounts.otherSupervisor, "Birch");

  // The deactivated therapist signed in and had a client; then an admin deactivated the account.
  const deactivatedClient = await newClient(clinicianOf(app, accounts.deactivated));
  const deactivated = await admin.post(
    endpointPath(endpoints.users.deactivate, { userId: accounts.deactivated.id }),
  );
  if (deactivated.statusCode !== 200) throw new Error(`deactivation failed: ${deactivated.body}`);

  const ownerClinician = clinicianOf(app, accounts.owner);
  let spare: { course: CourseDetail; next: number } | null = null;
  return {
    app,
    prisma,
    accounts,
    loginProbe,
    owner,
    other,
    deactivatedClientId: deactivatedClient.id,
    as: (actor) => clinicianOf(app, accounts[actor]),
    async freshHeldSession() {
      if (!spare || spare.next > PLANNED_SESSIONS) {
        const course = await courseFor(ownerClinician, {
          phase: "middle",
          plannedSessions: PLANNED_SESSIONS,
        });
        spare = { course, next: 1 };
      }
      const { course } = spare;
      const session = await hold(ownerClinician, sessionNumbered(course, spare.next).id);
      spare.next += 1;
      return { courseId: course.id, session };
    },
  };
}

/** A signed session of the owner's (fresh held one, then signed). */
export async function freshSignedSession(world: World) {
  const { courseId, session } = await world.freshHeldSession();
  const owner = world.as("owner");
  const signed = asSession(
    await owner.post(endpointPath(endpoints.sessions.sign, { sessionId: session.id }), {
      version: session.version,
    }),
  );
  return { courseId, session: signed };
}

/** A fresh risk flag of the owner's with its safety follow-up recorded. */
export async function freshFollowedUpFlag(world: World) {
  const { courseId, session } = await world.freshHeldSession();
  const owner = world.as("owner");
  const { riskFlag } = await recordPhq9(owner, courseId, session.id, 12, 1);
  return followedUp(owner, riskFlag!.id);
}

/** A fresh risk flag of the owner's whose follow-up judged the risk high: it awaits a supervisor's acknowledgement. */
export async function freshEscalatedFlag(world: World) {
  const { courseId, session } = await world.freshHeldSession();
  const owner = world.as("owner");
  const { riskFlag } = await recordPhq9(owner, courseId, session.id, 12, 2);
  return followedUp(owner, riskFlag!.id, followUpBody({ riskLevel: "high" }));
}

/** The owner's course as the owner reads it now. */
export const courseNow = async (world: World, courseId: string) =>
  asCourse(await world.as("owner").get(endpointPath(endpoints.courses.get, { courseId })));

/** What an actor must never see: the records (ids and text) of tenants they have no part in. */
export function forbiddenTextFor(world: World, actor: ActorName, url: string): string[] {
  const of = (tenant: Tenant, withIds: boolean) => [
    ...secretsOf(tenant),
    ...(withIds ? recordsOf(tenant).map((record) => record.id) : []),
  ];
  switch (actor) {
    case "owner":
    case "ownerSupervisor":
      return of(world.other, true);
    case "otherTherapist":
    case "otherSupervisor":
      return of(world.owner, true);
    // The audit log names records by id (never their content): an admin reads ids there only.
    case "admin": {
      const ids = !url.startsWith(endpointPath(endpoints.audit.list));
      return [...of(world.owner, ids), ...of(world.other, ids)];
    }
    default:
      return [...of(world.owner, true), ...of(world.other, true)];
  }
}
