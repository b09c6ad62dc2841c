import { endpoints, type SessionResponse } from "@ipt/shared";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { changePassword, login, logout } from "../../auth/auth-service";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  listFactors,
  removeOwnFactors,
  renewRecoveryCodes,
  verifySecondFactor,
} from "../../auth/factors";
import {
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  relyingParty,
  removePasskey,
  secondFactorPasskeyOptions,
  signInWithPasskey,
  verifySecondFactorPasskey,
} from "../../auth/passkeys";
import { requireStepUp } from "../../auth/step-up";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from "../../auth/known-devices";
import { hashToken } from "../../auth/login-sessions";
import { unauthenticated } from "../../errors/app-error";
import { getServiceTimeZone } from "../../clinical/measures/settings-read";
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from "../../plugins/auth";
import { defineRoute } from "../define-route";
import { errorResponses } from "../responses";

const errors = errorResponses(400, 401, 403, 429);
const { auth } = endpoints;

export const authRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { prisma, timeouts } = ctx;
  const idleTimeoutSeconds = Math.round(timeouts.idleMs / 1000);

  const toSessionResponse = async (session: {
    user: SessionResponse["user"] & { factorsResetAt: Date | null };
    csrfToken: string;
    expiresAt: Date;
    secondFactorPending: boolean;
    enrolmentRequired: boolean;
  }): Promise<SessionResponse> => {
    const { factorsResetAt, ...user } = session.user;
    return {
      user,
      csrfToken: session.csrfToken,
      idleTimeoutSeconds,
      absoluteExpiresAt: session.expiresAt.toISOString(),
      timeZone: await getServiceTimeZone(prisma),
      secondFactorPending: session.secondFactorPending,
      enrolmentRequired: session.enrolmentRequired,
      factorsReset: factorsResetAt !== null,
    };
  };

  function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date) {
    reply.setCookie(SESSION_COOKIE, token, { ...SESSION_COOKIE_OPTIONS, expires: expiresAt });
  }

  function clientOf(request: FastifyRequest) {
    return { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
  }

  const rpOf = (request: FastifyRequest) => relyingParty(ctx.publicOrigin, request);
  const signInRateLimit = { max: ctx.loginRateLimit.max, timeWindow: ctx.loginRateLimit.timeWindowMs };

  defineRoute(
    app,
    auth.login,
    {
      config: {
        policy: "public",
        rateLimit: { max: ctx.loginRateLimit.max, timeWindow: ctx.loginRateLimit.timeWindowMs },
      },
      tags: ["auth"],
      summary: "Sign in with email and password",
      errors,
    },
    async (request, reply): Promise<SessionResponse> => {
      const token = request.cookies[SESSION_COOKIE];
      const device = request.cookies[DEVICE_COOKIE];
      const result = await login(
        prisma,
        { timeouts, throttle: ctx.throttle },
        {
          credentials: request.body,
          previousTokenHash: token ? hashToken(token) : null,
          deviceTokenHash: device ? hashToken(device) : null,
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      if (result.deviceToken) {
        reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
          ...SESSION_COOKIE_OPTIONS,
          maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
        });
      }
      return toSessionResponse(result);
    },
  );

  defineRoute(
    app,
    auth.session,
    {
      config: { policy: "signInStep" },
      tags: ["auth"],
      summary: "The signed-in user and CSRF token",
      errors: errorResponses(401),
    },
    async (request): Promise<SessionResponse> => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return toSessionResponse(session);
    },
  );

  defineRoute(
    app,
    auth.logout,
    {
      config: { policy: "signInStep" },
      tags: ["auth"],
      summary: "Sign out and end this session",
      errors: errorResponses(400, 401, 403),
    },
    async (request, reply) => {
      const session = request.loginSession;
      if (session) await logout(prisma, session.tokenHash, session.user.id, request.auditContext());
      reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
    },
  );

  defineRoute(
    app,
    auth.changePassword,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Change your own password (ends your other sessions; step-up)",
      errors,
    },
    async (request, reply): Promise<SessionResponse> => {
      const principal = request.principal;
      if (!principal) throw unauthenticated();
      await requireStepUp(prisma, request);
      const result = await changePassword(
        prisma,
        timeouts,
        {
          userId: principal.userId,
          request: request.body,
          secondFactorAt: request.loginSession?.secondFactorAt ?? null,
          enrolmentRequired: request.loginSession?.enrolmentRequired ?? false,
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return toSessionResponse(result);
    },
  );

  defineRoute(
    app,
    auth.secondFactor,
    {
      config: {
        policy: "signInStep",
        rateLimit: { max: ctx.loginRateLimit.max, timeWindow: ctx.loginRateLimit.timeWindowMs },
      },
      tags: ["auth"],
      summary: "The second sign-in step, or a step-up check: a TOTP code or a recovery code (new session id)",
      errors,
    },
    async (request, reply): Promise<SessionResponse> => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      const result = await verifySecondFactor(
        prisma,
        {
          userId: session.user.id,
          sessionTokenHash: session.tokenHash,
          request: request.body,
          rules: ctx.throttle,
          timeouts,
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return toSessionResponse(result);
    },
  );

  defineRoute(
    app,
    auth.factors,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Your sign-in factors (never their secrets)",
      errors: errorResponses(401, 403),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return listFactors(prisma, session.user.id);
    },
  );

  defineRoute(
    app,
    auth.beginTotp,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Start setting up an authenticator app: a new secret, shown this once",
      errors: errorResponses(400, 401, 403, 409),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return beginTotpEnrolment(prisma, session.user, request.auditContext());
    },
  );

  defineRoute(
    app,
    auth.confirmTotp,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Confirm the authenticator app with a code; answers the recovery codes, shown this once",
      errors: errorResponses(400, 401, 403, 409, 429),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return confirmTotpEnrolment(
        prisma,
        {
          userId: session.user.id,
          sessionTokenHash: session.tokenHash,
          code: request.body.code,
          rules: ctx.throttle,
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
    },
  );

  defineRoute(
    app,
    auth.removeTotp,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Remove your authenticator app and recovery codes (ends your other sessions; step-up)",
      errors: errorResponses(400, 401, 403, 409),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      await requireStepUp(prisma, request);
      await removeOwnFactors(prisma, session, request.auditContext());
    },
  );

  defineRoute(
    app,
    auth.renewRecoveryCodes,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Ten new recovery codes replace the old ones, shown this once (step-up)",
      errors: errorResponses(400, 401, 403, 409),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      await requireStepUp(prisma, request);
      return renewRecoveryCodes(prisma, session.user.id, request.auditContext(), request.requestedAt);
    },
  );

  defineRoute(
    app,
    auth.passkeyRegistrationOptions,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Start registering a passkey: options with a single-use challenge (step-up)",
      errors: errorResponses(400, 401, 403),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      await requireStepUp(prisma, request);
      return passkeyRegistrationOptions(prisma, session, rpOf(request), request.requestedAt);
    },
  );

  defineRoute(
    app,
    auth.registerPasskey,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary:
        "Register the passkey the browser created (step-up); the first factor comes with recovery codes",
      errors: errorResponses(400, 401, 403, 409),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      await requireStepUp(prisma, request);
      return registerPasskey(
        prisma,
        { session, request: request.body, rp: rpOf(request), audit: request.auditContext() },
        request.requestedAt,
      );
    },
  );

  defineRoute(
    app,
    auth.removePasskey,
    {
      config: { policy: "session" },
      tags: ["auth"],
      summary: "Remove one of your passkeys (ends your other sessions; step-up)",
      errors: errorResponses(400, 401, 403, 404),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      await requireStepUp(prisma, request);
      await removePasskey(prisma, session, request.params.passkeyId, request.auditContext());
    },
  );

  defineRoute(
    app,
    auth.secondFactorPasskeyOptions,
    {
      config: { policy: "signInStep", rateLimit: signInRateLimit },
      tags: ["auth"],
      summary: "Options for the second step or a step-up check with one of your passkeys",
      errors: errorResponses(400, 401, 409, 429),
    },
    async (request) => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return secondFactorPasskeyOptions(prisma, session, rpOf(request), ctx.clock());
    },
  );

  defineRoute(
    app,
    auth.secondFactorPasskey,
    {
      config: { policy: "signInStep", rateLimit: signInRateLimit },
      tags: ["auth"],
      summary: "The second sign-in step, or a step-up check, with a passkey (new session id)",
      errors,
    },
    async (request, reply): Promise<SessionResponse> => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      const result = await verifySecondFactorPasskey(
        prisma,
        {
          userId: session.user.id,
          sessionTokenHash: session.tokenHash,
          request: request.body,
          rp: rpOf(request),
          rules: ctx.throttle,
          timeouts,
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return toSessionResponse(result);
    },
  );

  defineRoute(
    app,
    auth.passkeySignInOptions,
    {
      config: { policy: "public", rateLimit: signInRateLimit },
      tags: ["auth"],
      summary: "Options for a passwordless sign-in with a passkey (single-use challenge)",
      errors: errorResponses(400, 429),
    },
    async (request) => passkeySignInOptions(prisma, rpOf(request), ctx.clock()),
  );

  defineRoute(
    app,
    auth.passkeySignIn,
    {
      config: { policy: "public", rateLimit: signInRateLimit },
      tags: ["auth"],
      summary: "Sign in with a passkey (user-verified: both factors at once)",
      errors,
    },
    async (request, reply): Promise<SessionResponse> => {
      const token = request.cookies[SESSION_COOKIE];
      const result = await signInWithPasskey(
        prisma,
        {
          request: request.body,
          previousTokenHash: token ? hashToken(token) : null,
          rp: rpOf(request),
          rules: { timeouts, throttle: ctx.throttle },
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return toSessionResponse(result);
    },
  );
};
