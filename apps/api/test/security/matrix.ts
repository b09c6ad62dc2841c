// The authorization matrix: every API route × every actor → the expected outcome. "allow" is a 2xx;
// 401, 403 and 404 are exact. Params point at the owner's records (see `defaultParams`); writes carry
// a valid body, and writes that use up their record (sign, resolve, complete, …) make a fresh one in
// `prepare`, which runs only for actors expected to succeed. Public docs and web-app files are not
// listed: `isPublicAssetRoute` covers them, and the suite checks that anyone may fetch them.
import {
  CALENDAR_FEED_PATH_PREFIX,
  QUESTIONNAIRE_PAGE_PREFIX,
  createdCalendarFeedResponse,
  CSRF_HEADER,
  issuedQuestionnaireLinkResponse,
  measurementSettingsResponse,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registeredPasskeyResponse,
  signInSettingsResponse,
  reviewThread,
  temporaryPasswordResponse,
  totpEnrolmentResponse,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { noteSecret } from "../../src/security/log-scan/sink";
import { sessionCookieFrom, signIn, type SignedIn } from "../helpers/app";
import {
  enrolTotp,
  storeSecondFactorRoles,
  totpCodeAt,
  withSecondFactorRequiredOf,
} from "../helpers/factors";
import { assertWith, createPasskey, strangerChallenge, type SoftPasskey } from "../helpers/passkeys";
import {
  addPerson,
  asCourse,
  contract,
  courseFor,
  newClient,
  newCourse,
  ok,
  sessionNumbered,
} from "../helpers/clinical";
import { completedAcuteCourse, maintenanceContract } from "../helpers/maintenance";
import { groupRequest, newGroup, newMember } from "../helpers/groups";
import { followUpBody, gad7, recorded } from "../helpers/measures";
import {
  courseNow,
  fidelityScoresOf,
  freshEscalatedFlag,
  freshFollowedUpFlag,
  freshSignedSession,
  type Account,
  type ActorName,
  type World,
} from "./world";

export type Outcome = "allow" | 401 | 403 | 404;
export type Expectations = Record<ActorName, Outcome>;

export interface CallContext {
  world: World;
  actor: ActorName;
  /** The actor's account (null for anonymous). */
  account: Account | null;
}

/** What a call sends besides the route: params override `defaultParams`. */
export interface CallParts {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
}

export interface MatrixRow {
  /** "METHOD /url" as app.registeredRoutes lists it; "GET|HEAD /url" names both. */
  route: string;
  expect: Expectations;
  /** Query and body (and any params other than the defaults) for every actor. */
  call?: (ctx: CallContext) => CallParts;
  /** A fresh record for an actor expected to succeed, for writes that use their record up. */
  prepare?: (ctx: CallContext) => Promise<CallParts>;
  /** The route ends or replaces the session it is called with: use a new sign-in of the actor. */
  freshSession?: boolean;
  /** After an allowed call (e.g. adopt the session a password change issued). */
  after?: (ctx: CallContext, response: LightMyRequestResponse, sent: CallParts) => void | Promise<void>;
}

/** The owner's records by param name. */
export const defaultParams = (world: World): Record<string, string> => ({
  clientId: world.owner.clientId,
  personId: world.owner.personId,
  eventId: world.owner.eventId,
  courseId: world.owner.courseId,
  sessionId: world.owner.sessionId,
  measureId: world.owner.measureId,
  riskFlagId: world.owner.riskFlagId,
  threadId: world.owner.threadId,
  linkId: world.owner.linkId,
  groupId: world.owner.groupId,
  groupSessionId: world.owner.groupSessionId,
  // Routes keyed by a secret token get a fresh one in `prepare`; this default names nothing.
  token: "no-such-token",
  // A passkey is the signed-in user's own: rows that need a real one register it in `prepare`.
  passkeyId: "00000000-0000-4000-8000-000000000000",
  userId: world.owner.therapist.id,
  supervisorId: world.owner.supervisor.id,
});

/** Docs and web-app files: public by rule (route-policies.int.test.ts reviews that list). */
export const isPublicAssetRoute = (url: string) =>
  url === "/api/docs" || url.startsWith("/api/docs/") || !url.startsWith("/api");

// --- Expectation patterns ---

const denyAll: Expectations = {
  anonymous: 401,
  owner: 403,
  otherTherapist: 403,
  ownerSupervisor: 403,
  otherSupervisor: 403,
  admin: 403,
  deactivated: 401,
};
const only = (allowed: Partial<Expectations>): Expectations => ({ ...denyAll, ...allowed });

/** Why a test course's ending is raised early (its next session is more than 4 before the end). */
const EARLY_ENDING_REASON = "Invented: the client moves away.";

/** Anyone, signed in or not (a dead session is simply no session). */
const PUBLIC: Expectations = Object.fromEntries(
  Object.keys(denyAll).map((actor) => [actor, "allow"]),
) as Expectations;
/** Any live session. */
const SIGNED_IN = only({
  owner: "allow",
  otherTherapist: "allow",
  ownerSupervisor: "allow",
  otherSupervisor: "allow",
  admin: "allow",
});
const ADMIN = only({ admin: "allow" });
/** A therapist's own list or a new record of their own: every therapist, each seeing only their own. */
const THERAPISTS = only({ owner: "allow", otherTherapist: "allow" });
/** A clinician's own list: every therapist (their own) and every supervisor (their supervisees'). */
const CLINICIANS = only({
  owner: "allow",
  otherTherapist: "allow",
  ownerSupervisor: "allow",
  otherSupervisor: "allow",
});
/** A supervisor's own views across their supervisees. */
const SUPERVISORS = only({ ownerSupervisor: "allow", otherSupervisor: "allow" });
/** The owner's record, written (or read) by the owner only; another therapist gets the 404 of a missing record. */
const OWNER = only({ owner: "allow", otherTherapist: 404 });
/** The owner's record, read by the owner or the owner's supervisor; other clinicians get 404. */
const READER = only({ owner: "allow", otherTherapist: 404, ownerSupervisor: "allow", otherSupervisor: 404 });

const row = (
  route: string,
  expect: Expectations,
  rest: Omit<MatrixRow, "route" | "expect"> = {},
): MatrixRow => ({
  route,
  expect,
  ...rest,
});

// --- Fresh records ---

const owner = (ctx: CallContext) => ctx.world.as("owner");
const admin = (ctx: CallContext) => ctx.world.as("admin");

/** A course just opened (initial phase, no contract) for a new client of the owner. */
async function openedCourse(ctx: CallContext) {
  const client = await newClient(owner(ctx));
  return newCourse(owner(ctx), client.id, {
    format: "standard",
    lineage: "weissman",
    startDate: "2026-01-05",
  });
}

/** A new calendar feed of the owner: its token (noted for the log scan). */
async function freshCalendarFeedToken(ctx: CallContext) {
  const created = ok(
    await ctx.world.as("owner").post("/api/calendar/feed", {}),
    createdCalendarFeedResponse,
    201,
  );
  const token = created.path.slice(CALENDAR_FEED_PATH_PREFIX.length);
  noteSecret(token);
  return token;
}

/** A new questionnaire link of the owner (PHQ-9, for a new course's session 2): its id and token. */
async function freshQuestionnaireLink(ctx: CallContext) {
  const { course } = await freshPlannedSession(ctx);
  const issued = ok(
    await owner(ctx).post(`/api/sessions/${sessionNumbered(course, 2).id}/questionnaire-links`, {
      instruments: ["phq9"],
    }),
    issuedQuestionnaireLinkResponse,
    201,
  );
  const token = issued.path.slice(QUESTIONNAIRE_PAGE_PREFIX.length);
  noteSecret(token);
  return { linkId: issued.link.id, token };
}

/** A new middle-phase course of the owner: its sessions are planned. */
async function freshPlannedSession(ctx: CallContext) {
  return { course: await courseFor(owner(ctx), { phase: "middle" }) };
}

/** A new account made by the admin, while its role must enrol a second factor (docs/decisions/025). */
async function freshUser(ctx: CallContext, role: "therapist" | "supervisor" = "therapist") {
  const created = await withSecondFactorRequiredOf(ctx.world.prisma, [role], () =>
    admin(ctx).post("/api/admin/users", {
      email: `matrix.${crypto.randomUUID()}@example.test`,
      name: "Matrix Fresh User",
      role,
    }),
  );
  return ok(created, temporaryPasswordResponse, 201).user;
}

/**
 * For the rows that show the admin a temporary password: the role must enrol a second factor
 * during the call (docs/decisions/025); `after` stores the world's settings (no role) again.
 */
const temporaryPasswordShown = {
  requireFactor: (ctx: CallContext) => storeSecondFactorRoles(ctx.world.prisma, ["therapist"]),
  restore: (ctx: CallContext) => storeSecondFactorRoles(ctx.world.prisma, []),
};

async function freshPerson(ctx: CallContext) {
  const person = await addPerson(owner(ctx), ctx.world.owner.clientId, "Fresh person");
  return { params: { personId: person.id }, version: person.version };
}

async function freshEvent(ctx: CallContext) {
  const response = await owner(ctx).post(`/api/clients/${ctx.world.owner.clientId}/inventory/events`, {
    occurredOn: "2025-07-01",
    kind: "other",
    description: "A fresh event",
  });
  const event = response.json<{ id: string; version: number }>();
  if (response.statusCode !== 201) throw new Error(`event failed: ${response.body}`);
  return { params: { eventId: event.id }, version: event.version };
}

const lastPlanned = (course: { sessions: { id: string; status: string; version: number }[] }) => {
  const planned = course.sessions.filter((s) => s.status === "planned");
  const last = planned[planned.length - 1];
  if (!last) throw new Error("no planned session left");
  return last;
};

/** The session a sign-in or password change answered with. */
function sessionOf(response: LightMyRequestResponse): SignedIn {
  const cookie = sessionCookieFrom(response.headers["set-cookie"]);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}

/**
 * A new password that can never contain part of an account's name or e-mail (refused since the
 * password-identity rule): random letters from a set no name word is made of ("Test admin 123"'s
 * number once turned up in a random UUID's hex), 24 of 7 letters ≈ 67 bits.
 */
const freshNewPassword = () =>
  `Matrix-${Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) => "jkqwxyz"[byte % 7]).join("")}`;

/** The actor's live session (prepare runs only for actors expected to succeed, all signed in). */
const sessionOfActor = (ctx: CallContext) => {
  if (!ctx.account) throw new Error("no account");
  return ctx.account.session;
};

/** Removes a factor a row enrolled, so the actor's later sign-ins stay one step. */
async function forgetFactors(ctx: CallContext) {
  if (!ctx.account) return;
  const userId = ctx.account.id;
  await ctx.world.prisma.recoveryCode.deleteMany({ where: { userId } });
  await ctx.world.prisma.totpFactor.deleteMany({ where: { userId } });
  await ctx.world.prisma.webauthnCredential.deleteMany({ where: { userId } });
}

/** The origin injected requests reach the app at (no PUBLIC_ORIGIN in the matrix's app). */
const INJECT_ORIGIN = "http://localhost";

/** Registers a software passkey for a signed-in session (test/helpers/passkeys.ts). */
async function registerSoftPasskey(ctx: CallContext, session: SignedIn) {
  const options = await ctx.world.app.inject({
    method: "POST",
    url: "/api/auth/factors/passkeys/options",
    headers: session.headers,
    payload: {},
  });
  const { passkey, credential } = createPasskey(
    passkeyRegistrationOptions.parse(options.json()),
    INJECT_ORIGIN,
  );
  const registered = await ctx.world.app.inject({
    method: "POST",
    url: "/api/auth/factors/passkeys",
    headers: session.headers,
    payload: { name: "Matrix passkey", credential },
  });
  const body = ok(registered, registeredPasskeyResponse, 201);
  body.recoveryCodes?.forEach(noteSecret);
  return { passkey, id: body.passkey.id };
}

/** Options for an assertion (the second step's, with a session; the passwordless one's, without). */
async function assertionOptions(ctx: CallContext, session: SignedIn | null) {
  const response = await ctx.world.app.inject({
    method: "POST",
    url: session ? "/api/auth/second-factor/passkey/options" : "/api/auth/passkey/options",
    headers: session?.headers ?? {},
    payload: {},
  });
  return passkeyAuthenticationOptions.parse(response.json());
}

/** The login probe's passkey (registered once per world), for the passwordless sign-in row. */
const probePasskeys = new WeakMap<object, SoftPasskey>();
async function probePasskey(ctx: CallContext) {
  const known = probePasskeys.get(ctx.world);
  if (known) return known;
  const probe = ctx.world.loginProbe;
  const { passkey } = await registerSoftPasskey(
    ctx,
    await signIn(ctx.world.app, probe.email, probe.password),
  );
  probePasskeys.set(ctx.world, passkey);
  return passkey;
}

/** A shape-valid assertion over a challenge nobody issued (what actors who are refused send). */
const strangerAssertion = () => ({
  id: "bm8tc3VjaC1jcmVkZW50aWFs",
  rawId: "bm8tc3VjaC1jcmVkZW50aWFs",
  type: "public-key",
  response: {
    clientDataJSON: Buffer.from(
      JSON.stringify({ type: "webauthn.get", challenge: strangerChallenge(), origin: INJECT_ORIGIN }),
    ).toString("base64url"),
    authenticatorData: "AAAA",
    signature: "AAAA",
  },
  clientExtensionResults: {},
});

// --- The table ---

export const MATRIX: MatrixRow[] = [
  // Health and sign-in.
  row("GET|HEAD /api/health/live", PUBLIC),
  row("GET|HEAD /api/health/ready", PUBLIC),
  row("POST /api/auth/login", PUBLIC, {
    freshSession: true,
    call: ({ world }) => ({ body: { email: world.loginProbe.email, password: world.loginProbe.password } }),
  }),
  row("GET|HEAD /api/auth/session", SIGNED_IN),
  row("POST /api/auth/logout", SIGNED_IN, { freshSession: true }),
  row("POST /api/auth/password", SIGNED_IN, {
    call: ({ account }) => ({
      body: { currentPassword: account?.password ?? "not-signed-in", newPassword: freshNewPassword() },
    }),
    // Changing the password ends the other sessions and issues a new one: the suite adopts both.
    after: ({ account }, response, sent) => {
      if (!account) return;
      account.password = (sent.body as { newPassword: string }).newPassword;
      account.session = sessionOf(response);
    },
  }),

  // Second sign-in factors (docs/decisions/021). A row that enrols removes the factor afterwards.
  row("GET|HEAD /api/auth/factors", SIGNED_IN),
  row("POST /api/auth/factors/totp", SIGNED_IN, { after: forgetFactors }),
  row("POST /api/auth/factors/totp/confirm", SIGNED_IN, {
    call: () => ({ body: { code: "000000" } }),
    prepare: async (ctx) => {
      const begun = await ctx.world.app.inject({
        method: "POST",
        url: "/api/auth/factors/totp",
        headers: sessionOfActor(ctx).headers,
        payload: {},
      });
      const { secret } = totpEnrolmentResponse.parse(begun.json());
      noteSecret(secret);
      return { body: { code: totpCodeAt(secret, new Date()) } };
    },
    after: forgetFactors,
  }),
  row("DELETE /api/auth/factors/totp", SIGNED_IN, {
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      await enrolTotp(ctx.world.app, sessionOfActor(ctx), new Date());
      return {};
    },
  }),
  row("POST /api/auth/factors/recovery-codes", SIGNED_IN, {
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      await enrolTotp(ctx.world.app, sessionOfActor(ctx), new Date());
      return {};
    },
    after: forgetFactors,
  }),
  row("POST /api/auth/second-factor", SIGNED_IN, {
    call: () => ({ body: { method: "recovery_code", code: "aaaa-bbbb-cccc-dddd" } }),
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      const { recoveryCodes } = await enrolTotp(ctx.world.app, sessionOfActor(ctx), new Date());
      return { body: { method: "recovery_code", code: recoveryCodes[0]! } };
    },
    // The check issues a new session (new id): the suite adopts it.
    after: async (ctx, response) => {
      if (!ctx.account) return;
      ctx.account.session = sessionOf(response);
      await forgetFactors(ctx);
    },
  }),

  // Passkeys (docs/decisions/021): registration and removal (step-up), the second step and the
  // passwordless sign-in with real WebAuthn responses from the software authenticator.
  row("POST /api/auth/factors/passkeys/options", SIGNED_IN),
  row("POST /api/auth/factors/passkeys", SIGNED_IN, {
    call: () => ({
      body: {
        name: "Matrix passkey",
        credential: {
          ...strangerAssertion(),
          response: {
            clientDataJSON: strangerAssertion().response.clientDataJSON,
            attestationObject: "AAAA",
          },
        },
      },
    }),
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      const options = await ctx.world.app.inject({
        method: "POST",
        url: "/api/auth/factors/passkeys/options",
        headers: sessionOfActor(ctx).headers,
        payload: {},
      });
      const { credential } = createPasskey(passkeyRegistrationOptions.parse(options.json()), INJECT_ORIGIN);
      return { body: { name: "Matrix passkey", credential } };
    },
    after: forgetFactors,
  }),
  row("DELETE /api/auth/factors/passkeys/:passkeyId", SIGNED_IN, {
    call: () => ({ params: { passkeyId: crypto.randomUUID() } }),
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      const { id } = await registerSoftPasskey(ctx, sessionOfActor(ctx));
      return { params: { passkeyId: id } };
    },
    after: forgetFactors,
  }),
  row("POST /api/auth/second-factor/passkey/options", SIGNED_IN, {
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      await registerSoftPasskey(ctx, sessionOfActor(ctx));
      return {};
    },
    after: forgetFactors,
  }),
  row("POST /api/auth/second-factor/passkey", SIGNED_IN, {
    call: () => ({ body: { credential: strangerAssertion() } }),
    prepare: async (ctx) => {
      await forgetFactors(ctx);
      const session = sessionOfActor(ctx);
      const { passkey } = await registerSoftPasskey(ctx, session);
      return {
        body: { credential: assertWith(passkey, await assertionOptions(ctx, session), INJECT_ORIGIN) },
      };
    },
    // The check issues a new session (new id): the suite adopts it.
    after: async (ctx, response) => {
      if (!ctx.account) return;
      ctx.account.session = sessionOf(response);
      await forgetFactors(ctx);
    },
  }),
  row("POST /api/auth/passkey/options", PUBLIC),
  row("POST /api/auth/passkey", PUBLIC, {
    freshSession: true,
    prepare: async (ctx) => {
      const passkey = await probePasskey(ctx);
      return { body: { credential: assertWith(passkey, await assertionOptions(ctx, null), INJECT_ORIGIN) } };
    },
  }),

  // Administration.
  row("GET|HEAD /api/admin/users", ADMIN),
  row("POST /api/admin/users", ADMIN, {
    call: () => ({
      body: {
        email: `matrix.${crypto.randomUUID()}@example.test`,
        name: "Matrix New User",
        role: "therapist",
      },
    }),
    prepare: async (ctx) => {
      await temporaryPasswordShown.requireFactor(ctx);
      return {};
    },
    after: temporaryPasswordShown.restore,
  }),
  row("GET|HEAD /api/admin/users/:userId", ADMIN),
  row("PATCH /api/admin/users/:userId", ADMIN, {
    call: () => ({ body: { name: "Matrix Renamed" } }),
    prepare: async (ctx) => ({ params: { userId: (await freshUser(ctx)).id } }),
  }),
  row("POST /api/admin/users/:userId/deactivate", ADMIN, {
    prepare: async (ctx) => ({ params: { userId: (await freshUser(ctx)).id } }),
  }),
  row("POST /api/admin/users/:userId/reactivate", ADMIN, {
    prepare: async (ctx) => {
      const user = await freshUser(ctx);
      await admin(ctx).post(`/api/admin/users/${user.id}/deactivate`);
      return { params: { userId: user.id } };
    },
  }),
  row("POST /api/admin/users/:userId/reset-password", ADMIN, {
    prepare: async (ctx) => {
      const userId = (await freshUser(ctx)).id;
      await temporaryPasswordShown.requireFactor(ctx);
      return { params: { userId } };
    },
    after: temporaryPasswordShown.restore,
  }),
  // A fresh account: resetting ends its sessions (never the world's own accounts').
  row("POST /api/admin/users/:userId/reset-factors", ADMIN, {
    prepare: async (ctx) => ({ params: { userId: (await freshUser(ctx)).id } }),
  }),
  row("POST /api/admin/users/:userId/unlock-sign-in", ADMIN, {
    prepare: async (ctx) => ({ params: { userId: (await freshUser(ctx)).id } }),
  }),
  row("POST /api/admin/users/:userId/end-sessions", ADMIN, {
    prepare: async (ctx) => ({ params: { userId: (await freshUser(ctx)).id } }),
  }),
  row("PUT /api/admin/users/:userId/supervisors/:supervisorId", ADMIN, {
    prepare: async (ctx) => ({
      params: { userId: (await freshUser(ctx)).id, supervisorId: (await freshUser(ctx, "supervisor")).id },
    }),
  }),
  row("DELETE /api/admin/users/:userId/supervisors/:supervisorId", ADMIN, {
    prepare: async (ctx) => {
      const userId = (await freshUser(ctx)).id;
      const supervisorId = (await freshUser(ctx, "supervisor")).id;
      await admin(ctx).put(`/api/admin/users/${userId}/supervisors/${supervisorId}`, {});
      return { params: { userId, supervisorId } };
    },
  }),
  row("GET|HEAD /api/admin/audit-events", ADMIN),
  row("GET|HEAD /api/admin/settings/measurement", ADMIN),
  row("PUT /api/admin/settings/measurement", ADMIN, {
    call: () => ({ body: { version: 0, settings: {}, supervision: {}, service: {}, safety: {} } }),
    prepare: async (ctx) => {
      const current = ok(
        await admin(ctx).get("/api/admin/settings/measurement"),
        measurementSettingsResponse,
      );
      return {
        body: {
          version: current.version,
          settings: current.settings,
          supervision: current.supervision,
          service: current.service,
          safety: current.safety,
        },
      };
    },
  }),

  row("GET|HEAD /api/admin/settings/sign-in", ADMIN),
  row("PUT /api/admin/settings/sign-in", ADMIN, {
    call: () => ({ body: { version: 0, settings: { mfaRequiredRoles: [], stepUpMinutes: 15 } } }),
    prepare: async (ctx) => {
      const current = ok(await admin(ctx).get("/api/admin/settings/sign-in"), signInSettingsResponse);
      // The world's accounts sign in with a password alone: the setting is saved as it is.
      return { body: { version: current.version, settings: current.settings } };
    },
  }),

  // The therapist's account, caseload and attention list.
  row("GET|HEAD /api/me/supervisors", THERAPISTS),
  row("GET|HEAD /api/me/caseload-access", THERAPISTS),
  row("POST /api/me/caseload-access/seen", THERAPISTS),
  row("GET|HEAD /api/attention", THERAPISTS),
  // The service's crisis steps: an organisation setting every signed-in user may read.
  row("GET|HEAD /api/safety/crisis-steps", SIGNED_IN),
  // The therapist's own calendar feed; the feed itself is public, keyed by its secret token.
  row("GET|HEAD /api/calendar/feed", THERAPISTS),
  row("POST /api/calendar/feed", THERAPISTS, { call: () => ({ body: { includeClientCode: false } }) }),
  row("DELETE /api/calendar/feed", THERAPISTS),
  row("GET|HEAD /api/calendar/feeds/:token", PUBLIC, {
    prepare: async (ctx) => ({ params: { token: await freshCalendarFeedToken(ctx) } }),
  }),
  // Client questionnaires: the therapist's links; the client's page is public, keyed by the link's token.
  row("POST /api/sessions/:sessionId/questionnaire-links", OWNER, {
    call: () => ({ body: { instruments: ["phq9"] } }),
    prepare: async (ctx) => {
      const { course } = await freshPlannedSession(ctx);
      return { params: { sessionId: sessionNumbered(course, 2).id }, body: { instruments: ["phq9"] } };
    },
  }),
  row("GET|HEAD /api/courses/:courseId/questionnaire-links", OWNER),
  row("POST /api/questionnaire-links/:linkId/revocation", OWNER, {
    prepare: async (ctx) => ({ params: { linkId: (await freshQuestionnaireLink(ctx)).linkId } }),
  }),
  row("GET|HEAD /api/questionnaires/:token", PUBLIC, {
    prepare: async (ctx) => ({ params: { token: (await freshQuestionnaireLink(ctx)).token } }),
  }),
  row("POST /api/questionnaires/:token/identity", PUBLIC, {
    call: () => ({ body: { yearOfBirth: 1985 } }),
    prepare: async (ctx) => ({
      params: { token: (await freshQuestionnaireLink(ctx)).token },
      body: { yearOfBirth: 1985 },
    }),
  }),
  row("POST /api/questionnaires/:token/answers", PUBLIC, {
    call: () => ({ body: { answers: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0] } } }),
    prepare: async (ctx) => ({
      params: { token: (await freshQuestionnaireLink(ctx)).token },
      body: { answers: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0] } },
    }),
  }),
  row("GET|HEAD /api/clients", THERAPISTS),
  // FHIR export (the course as it may be read; the caseload is the therapist's own) and an admin's import.
  row("GET|HEAD /api/fhir/courses/:courseId", READER),
  row("GET|HEAD /api/fhir/caseload", THERAPISTS),
  row("POST /api/admin/fhir/import", ADMIN, {
    call: ({ world }) => ({
      body: { therapistId: world.owner.therapist.id, bundle: { resourceType: "Bundle", type: "collection" } },
    }),
    prepare: async (ctx) => ({
      body: {
        therapistId: ctx.world.owner.therapist.id,
        bundle: (await owner(ctx).get(`/api/fhir/courses/${ctx.world.owner.courseId}`)).json<object>(),
      },
    }),
  }),
  row("POST /api/clients", THERAPISTS, {
    call: () => ({ body: { displayName: "Matrix New Client", referralReason: "Matrix referral" } }),
  }),

  // A client and the interpersonal inventory.
  row("GET|HEAD /api/clients/:clientId", OWNER),
  row("PATCH /api/clients/:clientId", OWNER, {
    call: () => ({ body: { version: 1, yearOfBirth: 1980 } }),
    prepare: async (ctx) => {
      const client = await owner(ctx).get(`/api/clients/${ctx.world.owner.clientId}`);
      return { body: { version: client.json<{ version: number }>().version, yearOfBirth: 1980 } };
    },
  }),
  row("GET|HEAD /api/clients/:clientId/inventory", OWNER),
  row("POST /api/clients/:clientId/inventory/people", OWNER, {
    call: () => ({ body: { label: "Matrix friend", relationship: "friend", ring: "middle" } }),
  }),
  row("PATCH /api/clients/:clientId/inventory/people/:personId", OWNER, {
    call: () => ({ body: { version: 1, support: "Matrix support" } }),
    prepare: async (ctx) => {
      const { params, version } = await freshPerson(ctx);
      return { params, body: { version, support: "Matrix support" } };
    },
  }),
  row("DELETE /api/clients/:clientId/inventory/people/:personId", OWNER, {
    call: () => ({ query: { version: "1" } }),
    prepare: async (ctx) => {
      const { params, version } = await freshPerson(ctx);
      return { params, query: { version: String(version) } };
    },
  }),
  row("POST /api/clients/:clientId/inventory/events", OWNER, {
    call: () => ({ body: { occurredOn: "2025-08-01", kind: "other", description: "Matrix event" } }),
  }),
  row("PATCH /api/clients/:clientId/inventory/events/:eventId", OWNER, {
    call: () => ({ body: { version: 1, description: "Matrix event, edited" } }),
    prepare: async (ctx) => {
      const { params, version } = await freshEvent(ctx);
      return { params, body: { version, description: "Matrix event, edited" } };
    },
  }),
  row("DELETE /api/clients/:clientId/inventory/events/:eventId", OWNER, {
    call: () => ({ query: { version: "1" } }),
    prepare: async (ctx) => {
      const { params, version } = await freshEvent(ctx);
      return { params, query: { version: String(version) } };
    },
  }),

  // Courses from set-up to the middle phase.
  row("POST /api/clients/:clientId/courses", OWNER, {
    call: () => ({ body: { format: "standard", lineage: "weissman" } }),
    prepare: async (ctx) => ({ params: { clientId: (await newClient(owner(ctx))).id } }),
  }),
  row("GET|HEAD /api/courses/:courseId", READER),
  // A maintenance course after a completed acute course (docs/decisions/026): a fresh one each time.
  row("POST /api/courses/:courseId/maintenance", OWNER, {
    call: () => ({ body: maintenanceContract() }),
    prepare: async (ctx) => ({ params: { courseId: (await completedAcuteCourse(owner(ctx))).id } }),
  }),
  // Group IPT (docs/decisions/027): a therapist's own groups; members and attendance on fresh ones.
  row("GET|HEAD /api/groups", CLINICIANS),
  row("POST /api/groups", THERAPISTS, { call: () => ({ body: groupRequest() }) }),
  row("GET|HEAD /api/groups/:groupId", READER),
  row("POST /api/groups/:groupId/members", OWNER, {
    call: (ctx) => ({ body: { clientId: ctx.world.owner.clientId, agreedOn: "2026-01-26" } }),
    prepare: async (ctx) => ({
      body: { clientId: (await newClient(owner(ctx))).id, agreedOn: "2026-01-26" },
    }),
  }),
  row("DELETE /api/groups/:groupId/members/:courseId", OWNER, {
    prepare: async (ctx) => {
      const { courseId } = await newMember(owner(ctx), ctx.world.owner.groupId);
      return { params: { courseId } };
    },
  }),
  row("POST /api/groups/:groupId/sessions/:groupSessionId/attendance", OWNER, {
    call: (ctx) => ({
      body: { attendance: [{ courseId: ctx.world.owner.courseId, status: "attended" }] },
    }),
    prepare: async (ctx) => {
      const group = await newGroup(owner(ctx));
      const { courseId } = await newMember(owner(ctx), group.id);
      return {
        params: { groupId: group.id, groupSessionId: group.sessions[0]!.id },
        body: { attendance: [{ courseId, status: "attended" }] },
      };
    },
  }),
  row("POST /api/groups/:groupId/sessions/:groupSessionId/reschedule", OWNER, {
    call: () => ({ body: { plannedDate: "2026-02-03" } }),
    prepare: async (ctx) => {
      const group = await newGroup(owner(ctx));
      return {
        params: { groupId: group.id, groupSessionId: group.sessions[0]!.id },
        body: { plannedDate: "2026-02-03" },
      };
    },
  }),
  row("POST /api/groups/:groupId/sessions/:groupSessionId/cancel", OWNER, {
    call: () => ({ body: { reason: "Matrix: the room is closed." } }),
    prepare: async (ctx) => {
      const group = await newGroup(owner(ctx));
      return {
        params: { groupId: group.id, groupSessionId: group.sessions[1]!.id },
        body: { reason: "Matrix: the room is closed." },
      };
    },
  }),
  row("PATCH /api/courses/:courseId/initial-tasks", OWNER, {
    call: () => ({ body: { version: 1, diagnosisNamed: true } }),
    prepare: async (ctx) => {
      const course = await openedCourse(ctx);
      return { params: { courseId: course.id }, body: { version: course.version, diagnosisNamed: true } };
    },
  }),
  row("PUT /api/courses/:courseId/problem-area", OWNER, {
    call: () => ({ body: { version: 1, primaryArea: "role_transition" } }),
    prepare: async (ctx) => {
      const course = await openedCourse(ctx);
      return { params: { courseId: course.id }, body: { version: course.version, primaryArea: "grief" } };
    },
  }),
  row("PUT /api/courses/:courseId/formulation", OWNER, {
    call: () => ({ body: { version: 1, formulation: "Matrix formulation.", agreedOn: "2026-01-12" } }),
    prepare: async (ctx) => {
      const course = await openedCourse(ctx);
      return {
        params: { courseId: course.id },
        body: { version: course.version, formulation: "Matrix formulation.", agreedOn: "2026-01-12" },
      };
    },
  }),
  row("PATCH /api/courses/:courseId/grief-tasks", OWNER, {
    call: () => ({ body: { version: 1, deathEvents: "Matrix note." } }),
    prepare: async (ctx) => {
      const course = await openedCourse(ctx);
      const grief = asCourse(
        await owner(ctx).put(`/api/courses/${course.id}/problem-area`, {
          version: course.version,
          primaryArea: "grief",
        }),
      );
      return {
        params: { courseId: grief.id },
        body: { version: grief.version, deathEvents: "Matrix note." },
      };
    },
  }),
  row("PUT /api/courses/:courseId/contract", OWNER, {
    call: () => ({ body: contract(1) }),
    prepare: async (ctx) => {
      const course = await openedCourse(ctx);
      return { params: { courseId: course.id }, body: contract(course.version) };
    },
  }),
  row("POST /api/courses/:courseId/middle-phase", OWNER, {
    call: () => ({ body: { version: 1 } }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx), { phase: "ready" });
      return { params: { courseId: course.id }, body: { version: course.version } };
    },
  }),

  // Plan edits and the ending.
  row("POST /api/courses/:courseId/plan/sessions", OWNER, {
    call: () => ({ body: { version: 1 } }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx));
      return { params: { courseId: course.id }, body: { version: course.version } };
    },
  }),
  row("POST /api/courses/:courseId/plan/drop", OWNER, {
    call: ({ world }) => ({ body: { version: 1, sessionId: world.owner.heldSessionId, reason: "Matrix" } }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx), { plannedSessions: 13 });
      const session = lastPlanned(course);
      return {
        params: { courseId: course.id },
        body: { version: course.version, sessionId: session.id, reason: "Fewer sessions agreed" },
      };
    },
  }),
  row("POST /api/courses/:courseId/plan/cancel", OWNER, {
    call: ({ world }) => ({
      body: { version: 1, sessionId: world.owner.heldSessionId, reason: "Matrix", replace: true },
    }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx));
      const session = lastPlanned(course);
      return {
        params: { courseId: course.id },
        body: { version: course.version, sessionId: session.id, reason: "Client unwell", replace: true },
      };
    },
  }),
  row("POST /api/courses/:courseId/plan/reschedule", OWNER, {
    call: ({ world }) => ({
      body: { version: 1, sessionId: world.owner.heldSessionId, plannedDate: "2026-04-01" },
    }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx));
      const session = lastPlanned(course);
      return {
        params: { courseId: course.id },
        body: { version: course.version, sessionId: session.id, plannedDate: "2026-04-01" },
      };
    },
  }),
  // A fresh middle-phase course raises its ending early (session 1 of 12): with the reason.
  row("POST /api/courses/:courseId/termination", OWNER, {
    call: () => ({ body: { version: 1, earlyReason: EARLY_ENDING_REASON } }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx), { phase: "middle" });
      return {
        params: { courseId: course.id },
        body: { version: course.version, earlyReason: EARLY_ENDING_REASON },
      };
    },
  }),
  row("PATCH /api/courses/:courseId/termination-checklist", OWNER, {
    call: () => ({ body: { version: 1, progressReviewed: true } }),
    prepare: async (ctx) => {
      const middle = await courseFor(owner(ctx), { phase: "middle" });
      const raised = asCourse(
        await owner(ctx).post(`/api/courses/${middle.id}/termination`, {
          version: middle.version,
          earlyReason: EARLY_ENDING_REASON,
        }),
      );
      return { params: { courseId: raised.id }, body: { version: raised.version, progressReviewed: true } };
    },
  }),
  row("POST /api/courses/:courseId/completion", OWNER, {
    call: () => ({
      body: { version: 1, outcome: "discontinued", reason: "Moved away", endedOn: "2026-02-01" },
    }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx));
      return {
        params: { courseId: course.id },
        body: {
          version: course.version,
          outcome: "discontinued",
          reason: "Moved away",
          endedOn: "2026-02-01",
        },
      };
    },
  }),

  row("POST /api/courses/:courseId/outreach-attempts", OWNER, {
    call: () => ({
      body: { attemptedAt: "2026-02-01T10:00:00Z", method: "phone", outcome: "no_answer" },
    }),
    prepare: async (ctx) => {
      const course = await courseFor(owner(ctx));
      return {
        params: { courseId: course.id },
        body: { attemptedAt: "2026-02-01T10:00:00Z", method: "phone", outcome: "no_answer" },
      };
    },
  }),

  // Session records.
  row("GET|HEAD /api/sessions/:sessionId", READER),
  row("PATCH /api/sessions/:sessionId", OWNER, {
    call: ({ world }) => ({
      params: { sessionId: world.owner.heldSessionId },
      body: { version: 1, notes: "x" },
    }),
    prepare: async (ctx) => {
      const session = lastPlanned(await courseNow(ctx.world, ctx.world.owner.courseId));
      return {
        params: { sessionId: session.id },
        body: { version: session.version, nextFocus: "Matrix focus" },
      };
    },
  }),
  row("POST /api/sessions/:sessionId/sign", OWNER, {
    call: ({ world }) => ({ params: { sessionId: world.owner.heldSessionId }, body: { version: 1 } }),
    prepare: async (ctx) => {
      const { session } = await ctx.world.freshHeldSession();
      return { params: { sessionId: session.id }, body: { version: session.version } };
    },
  }),
  row("POST /api/sessions/:sessionId/amendments", OWNER, {
    call: () => ({ body: { reason: "Matrix correction", text: "Matrix amendment text" } }),
  }),

  // Measures and risk.
  row("GET|HEAD /api/courses/:courseId/measures", READER),
  row("POST /api/courses/:courseId/measures", OWNER, {
    call: ({ world }) => ({
      body: { sessionId: world.owner.heldSessionId, instrument: "gad7", items: gad7(5) },
    }),
    prepare: async (ctx) => {
      const { courseId, session } = await ctx.world.freshHeldSession();
      return { params: { courseId }, body: { sessionId: session.id, instrument: "gad7", items: gad7(5) } };
    },
  }),
  row("POST /api/measures/:measureId/corrections", OWNER, {
    call: () => ({ body: { items: gad7(6), reason: "Misread an answer" } }),
    prepare: async (ctx) => {
      const { courseId, session } = await ctx.world.freshHeldSession();
      const { score } = await recorded(owner(ctx), courseId, {
        sessionId: session.id,
        instrument: "gad7",
        items: gad7(5),
      });
      return { params: { measureId: score.id } };
    },
  }),
  row("POST /api/risk-flags/:riskFlagId/follow-ups", OWNER, { call: () => ({ body: followUpBody() }) }),
  row("POST /api/risk-flags/:riskFlagId/resolve", OWNER, {
    call: () => ({ body: { version: 2, reason: "Risk reviewed and low" } }),
    prepare: async (ctx) => {
      const flag = await freshFollowedUpFlag(ctx.world);
      return {
        params: { riskFlagId: flag.id },
        body: { version: flag.version, reason: "Risk reviewed and low" },
      };
    },
  }),
  row("GET|HEAD /api/courses/:courseId/end-of-treatment-summary", READER),

  // Supervision.
  row("GET|HEAD /api/supervision/risk-flags", SUPERVISORS),
  // The owner's supervisor acknowledges an escalated flag; another supervisor gets the 404 of a missing record.
  row(
    "POST /api/supervision/risk-flags/:riskFlagId/acknowledgement",
    {
      ...SUPERVISORS,
      otherSupervisor: 404,
    },
    {
      prepare: async (ctx) => ({ params: { riskFlagId: (await freshEscalatedFlag(ctx.world)).id } }),
    },
  ),
  row("GET|HEAD /api/supervision/therapists", SUPERVISORS),
  // Filtered to the owner: another supervisor asking about a therapist not assigned to them gets 404.
  row(
    "GET|HEAD /api/supervision/cockpit",
    { ...SUPERVISORS, otherSupervisor: 404 },
    {
      call: ({ world }) => ({ query: { therapistId: world.owner.therapist.id } }),
    },
  ),
  row("GET|HEAD /api/courses/:courseId/fidelity", READER),
  row("PUT /api/sessions/:sessionId/fidelity", READER, {
    call: () => ({ body: { version: 0, scores: fidelityScoresOf(3) } }),
    prepare: async (ctx) => {
      const { session } = await ctx.world.freshHeldSession();
      return { params: { sessionId: session.id } };
    },
  }),
  row("GET|HEAD /api/courses/:courseId/review-threads", READER),
  row("POST /api/courses/:courseId/review-threads", READER, {
    call: () => ({ body: { target: "plan", kind: "comment", body: "Matrix comment" } }),
  }),
  row("POST /api/review-threads/:threadId/messages", READER, {
    call: () => ({ body: { body: "Matrix reply" } }),
  }),
  // Only the client's therapist resolves; the assigned supervisor is told so (403) after the access check.
  row(
    "POST /api/review-threads/:threadId/resolve",
    { ...READER, ownerSupervisor: 403 },
    {
      call: () => ({ body: { version: 1, resolution: "Done" } }),
      prepare: async (ctx) => {
        const opened = await ctx.world
          .as("ownerSupervisor")
          .post(`/api/courses/${ctx.world.owner.courseId}/review-threads`, {
            target: "plan",
            kind: "change_request",
            body: "Add the missed-session rule",
          });
        const thread = ok(opened, reviewThread, 201);
        return { params: { threadId: thread.id }, body: { version: thread.version, resolution: "Done" } };
      },
    },
  ),
  row("GET|HEAD /api/courses/:courseId/cosignatures", READER),
  row("POST /api/courses/:courseId/cosignatures", only({ ownerSupervisor: "allow", otherSupervisor: 404 }), {
    call: ({ world }) => ({ body: { target: "session", sessionId: world.owner.sessionId } }),
    prepare: async (ctx) => {
      const { courseId, session } = await freshSignedSession(ctx.world);
      return { params: { courseId }, body: { target: "session", sessionId: session.id } };
    },
  }),
];

/** The registered route keys a table row stands for ("GET|HEAD /x" is two). */
export function routeKeys(route: string): string[] {
  const [methods, url] = route.split(" ") as [string, string];
  return methods.split("|").map((method) => `${method} ${url}`);
}

/** A concrete URL: params filled in by name, then the query. */
export function urlFor(pattern: string, params: Record<string, string>, query?: Record<string, string>) {
  const path = pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for :${name} in ${pattern}`);
    return value;
  });
  return query ? `${path}?${new URLSearchParams(query).toString()}` : path;
}

/** What a row sends as the context's actor: a prepared record (for an allowed actor) over the defaults. */
export async function callParts(
  row: MatrixRow,
  ctx: CallContext,
): Promise<Required<Pick<CallParts, "params">> & CallParts> {
  const base = row.call?.(ctx) ?? {};
  const prepared: CallParts = row.expect[ctx.actor] === "allow" && row.prepare ? await row.prepare(ctx) : {};
  return {
    params: { ...defaultParams(ctx.world), ...base.params, ...prepared.params },
    query: prepared.query ?? base.query,
    body: prepared.body ?? base.body,
  };
}

/** The session a row is called with: the actor's own, or a new sign-in where the route ends it. */
export async function sessionFor(row: MatrixRow, ctx: CallContext): Promise<SignedIn | null> {
  const { account, actor } = ctx;
  if (account === null) return null;
  // A dead session cannot be renewed: the deactivated user keeps sending theirs.
  return row.freshSession && actor !== "deactivated"
    ? signIn(ctx.world.app, account.email, account.password)
    : account.session;
}
