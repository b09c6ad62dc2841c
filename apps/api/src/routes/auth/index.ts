import { changePasswordRequest, loginRequest, sessionResponse, type SessionResponse } from "@ipt/shared";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app-context";
import { changePassword, login, logout } from "../../auth/auth-service";
import { hashToken } from "../../auth/login-sessions";
import { unauthenticated } from "../../errors/app-error";
import { getServiceTimeZone } from "../../clinical/measures/settings-read";
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from "../../plugins/auth";
import { noBody } from "../request-bodies";
import { errorResponses } from "../responses";

const errors = errorResponses(400, 401, 403, 429);

export const authRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { prisma, timeouts } = ctx;
  const idleTimeoutSeconds = Math.round(timeouts.idleMs / 1000);

  const toSessionResponse = async (session: {
    user: SessionResponse["user"];
    csrfToken: string;
    expiresAt: Date;
  }): Promise<SessionResponse> => ({
    user: session.user,
    csrfToken: session.csrfToken,
    idleTimeoutSeconds,
    absoluteExpiresAt: session.expiresAt.toISOString(),
    timeZone: await getServiceTimeZone(prisma),
  });

  function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date) {
    reply.setCookie(SESSION_COOKIE, token, { ...SESSION_COOKIE_OPTIONS, expires: expiresAt });
  }

  function clientOf(request: FastifyRequest) {
    return { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
  }

  app.post(
    "/login",
    {
      config: {
        policy: "public",
        rateLimit: { max: ctx.loginRateLimit.max, timeWindow: ctx.loginRateLimit.timeWindowMs },
      },
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: loginRequest,
        response: { 200: sessionResponse, ...errors },
      },
    },
    async (request, reply): Promise<SessionResponse> => {
      const token = request.cookies[SESSION_COOKIE];
      const result = await login(
        prisma,
        { timeouts, lockout: ctx.lockout },
        {
          credentials: request.body,
          previousTokenHash: token ? hashToken(token) : null,
          client: clientOf(request),
          audit: request.auditContext(),
        },
        ctx.clock(),
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return toSessionResponse(result);
    },
  );

  app.get(
    "/session",
    {
      config: { policy: "session" },
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and CSRF token",
        response: { 200: sessionResponse, ...errorResponses(401) },
      },
    },
    async (request): Promise<SessionResponse> => {
      const session = request.loginSession;
      if (!session) throw unauthenticated();
      return toSessionResponse(session);
    },
  );

  app.post(
    "/logout",
    {
      config: { policy: "session" },
      schema: {
        tags: ["auth"],
        summary: "Sign out and end this session",
        body: noBody,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const session = request.loginSession;
      if (session) await logout(prisma, session.tokenHash, session.user.id, request.auditContext());
      reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/password",
    {
      config: { policy: "session" },
      schema: {
        tags: ["auth"],
        summary: "Change your own password (ends your other sessions)",
        body: changePasswordRequest,
        response: { 200: sessionResponse, ...errors },
      },
    },
    async (request, reply): Promise<SessionResponse> => {
      const principal = request.principal;
      if (!principal) throw unauthenticated();
      const result = await changePassword(
        prisma,
        timeouts,
        {
          userId: principal.userId,
          request: request.body,
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
