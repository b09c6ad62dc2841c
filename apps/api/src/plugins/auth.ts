// Resolves the login session from the cookie, applies each route's policy and checks CSRF.
import { CSRF_HEADER } from "@ipt/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import type { AuditContext } from "../audit/audit-log";
import { recordRefusal, type Refusal } from "../audit/refusals";
import { resolveLoginSession, type ActiveSession, type SessionTimeouts } from "../auth/login-sessions";
import type { PrismaClient } from "../db/prisma";
import {
  decide,
  isPolicyName,
  policyForPluginRoute,
  type PolicyName,
  type Principal,
} from "../policy/policies";
import {
  csrfFailed,
  factorEnrolmentRequired,
  forbidden,
  passwordChangeRequired,
  secondFactorRequired,
  unauthenticated,
} from "../errors/app-error";
import { fromAnotherSite } from "./same-origin";

/**
 * `__Host-`: the browser keeps it only if Secure, with Path=/ and no Domain, so no subdomain or
 * plain-HTTP page can plant or overwrite it. Secure always: browsers accept Secure cookies from
 * http://localhost and 127.0.0.1 (potentially trustworthy origins); anywhere else the app is meant
 * to run behind TLS. SameSite=Strict: the app is a same-site SPA and no other site links into a
 * signed-in state, so Strict costs nothing and refuses the cookie on every cross-site request.
 */
export const SESSION_COOKIE = "__Host-ipt_session";
export const SESSION_COOKIE_OPTIONS = {
  path: "/",
  httpOnly: true,
  secure: true,
  sameSite: "strict",
} as const;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call this route; see policy/policies.ts. Required on every route. */
    policy?: PolicyName;
    /**
     * A page outside /api that answers a signed-in visitor differently (the sign-in page sends them on
     * to the app), so the session cookie is looked up for it too.
     */
    readsSession?: boolean;
  }
  interface FastifyRequest {
    loginSession: ActiveSession | null;
    principal: Principal | null;
    /** When the request arrived, by the app's clock (AppContext.clock): every rule's "now". */
    requestedAt: Date;
    auditContext(): AuditContext;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: PolicyName;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Must be called before any route is registered: routes without a policy are refused. */
export function registerPolicyGuard(
  app: FastifyInstance,
  registered: RegisteredRoute[],
  /** The OpenAPI document and docs page: "public" in development, "signedIn" in production. */
  docsPolicy: PolicyName,
) {
  app.addHook("onRoute", (route) => {
    const policy = route.config?.policy ?? policyForPluginRoute(route.url, docsPolicy);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!isPolicyName(policy)) {
      throw new Error(`Route ${methods.join(",")} ${route.url} states no policy; every route must name one.`);
    }
    route.config = { ...route.config, policy };
    for (const method of methods) registered.push({ method, url: route.url, policy });
  });
}

export function registerAuth(
  app: FastifyInstance,
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  clock: () => Date,
  /** PUBLIC_ORIGIN: the one origin state-changing requests may come from (see same-origin.ts). */
  publicOrigin: string | undefined,
) {
  app.decorateRequest("loginSession", null);
  app.decorateRequest("principal", null);
  // Set per request below (a shared Date default would be one object for every request).
  app.decorateRequest("requestedAt", null as unknown as Date);
  app.decorateRequest("auditContext", function (this: FastifyRequest): AuditContext {
    return { actorId: this.principal?.userId ?? null, ip: this.ip, requestId: this.id };
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    request.requestedAt = clock();
    // Unmatched URLs fall to the not-found handler, which reveals nothing.
    const policy = request.routeOptions.config.policy ?? "public";
    const unsafe = UNSAFE_METHODS.has(request.method);
    // No page of another site may change anything, signed in or not (sign-in included: login CSRF).
    if (unsafe && fromAnotherSite(request, publicOrigin)) {
      await refuse(request, "csrf.refused", "other_site");
      throw csrfFailed();
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token && (request.url.startsWith("/api/") || request.routeOptions.config.readsSession)) {
      request.loginSession = await resolveLoginSession(prisma, token, timeouts, clock());
      if (request.loginSession) {
        const { user } = request.loginSession;
        request.principal = {
          userId: user.id,
          role: user.role,
          mustChangePassword: user.mustChangePassword,
          secondFactorPending: request.loginSession.secondFactorPending,
          factorEnrolmentRequired: request.loginSession.enrolmentRequired,
        };
      } else {
        reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
      }
    }

    // A state-changing request riding on the session cookie must echo the session's CSRF token.
    // Public routes (sign-in) act on no session: they are guarded by the site check above and by
    // requiring a JSON body, which a cross-site form cannot send; sign-in replaces any old session.
    if (request.loginSession && policy !== "public" && unsafe) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !sameToken(sent, request.loginSession.csrfToken)) {
        await refuse(request, "csrf.refused", "token");
        throw csrfFailed();
      }
    }

    const decision = decide(policy, request.principal);
    if (decision === "allow") return;
    // Thrown, so the one error handler writes every refusal.
    if (decision === "unauthenticated") throw unauthenticated();
    if (decision === "second_factor_required") throw secondFactorRequired();
    if (decision === "password_change_required") throw passwordChangeRequired();
    if (decision === "factor_enrolment_required") throw factorEnrolmentRequired();
    await refuse(request, "access.forbidden", `policy:${policy}`);
    throw forbidden();
  });

  /** Audits a refusal (aggregated per source and minute, see audit/refusals.ts). */
  function refuse(request: FastifyRequest, action: Refusal["action"], reason: string) {
    const route = request.routeOptions.url ?? "(no route)";
    return recordRefusal(
      prisma,
      request.auditContext(),
      { action, method: request.method, route, reason },
      request.requestedAt,
    );
  }
}
