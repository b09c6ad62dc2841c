// Builds the Fastify app: plugins, policy guard, routes and error handling. No listening here:
// server.ts owns the process, and tests call app.inject().
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { randomUUID } from "node:crypto";
import type { AppContext } from "./app-context";
import { apiDocsArePublic, type Config } from "./config/config";
import { useAuditGroupCommit } from "./audit/audit-log";
import type { PrismaClient } from "./db/prisma";
import { createMailer, type Mailer } from "./mail/mailer";
import { AppError } from "./errors/app-error";
import { registerAuth, registerPolicyGuard, type RegisteredRoute } from "./plugins/auth";
import { registerCompression } from "./plugins/compression";
import { registerErrorHandler } from "./plugins/error-handler";
import { refuseNulCharacters } from "./plugins/nul-characters";
import { registerOverloadShedding } from "./plugins/overload";
import { frameworkErrorHandler, registerSecurityHeaders } from "./plugins/security-headers";
import { registerWebApp } from "./plugins/web-app";
import { questionnaireSendingJob, type QuestionnaireSendingJob } from "./questionnaires/sending-job";
import { adminAuditRoutes } from "./routes/admin/audit-events";
import { adminSettingsRoutes } from "./routes/admin/settings";
import { adminUserRoutes } from "./routes/admin/users";
import { ownSupervisorRoutes } from "./routes/account/supervisors";
import { authRoutes } from "./routes/auth";
import { attentionRoutes } from "./routes/attention";
import { calendarRoutes } from "./routes/calendar";
import { questionnaireRoutes } from "./routes/questionnaires";
import { fhirRoutes } from "./routes/fhir";
import { clientRoutes } from "./routes/clinical/clients";
import { courseRoutes } from "./routes/clinical/courses";
import { groupRoutes } from "./routes/clinical/groups";
import { measureRoutes } from "./routes/clinical/measures";
import { planRoutes } from "./routes/clinical/plan";
import { sessionRoutes } from "./routes/clinical/sessions";
import { summaryRoutes } from "./routes/clinical/summary";
import { healthRoutes } from "./routes/health";
import { safetyRoutes } from "./routes/safety";
import { coSignRoutes } from "./routes/review/cosign";
import { reviewThreadRoutes } from "./routes/review/threads";
import { fidelityRoutes } from "./routes/fidelity";
import { supervisionCockpitRoutes } from "./routes/supervision/cockpit";
import { supervisionRiskFlagRoutes } from "./routes/supervision/risk-flags";

export interface BuildAppOptions {
  config: Config;
  prisma: PrismaClient;
  /** A pino logger (see logging.ts); tests pass none and get silence. */
  logger?: FastifyBaseLogger;
  /** The session and sign-in clock (see AppContext); the system clock unless a test passes one. */
  clock?: () => Date;
  /** The mail sender; built from SMTP_URL unless a test passes one. */
  mailer?: Mailer;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp({
  config,
  prisma,
  logger,
  clock = () => new Date(),
  mailer = createMailer(config),
}: BuildAppOptions) {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // One trusted hop: the client address is the one our proxy appended to X-Forwarded-For, so a
    // client cannot pick its own address (and dodge the per-address sign-in limit) by sending one.
    trustProxy: config.TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 256 * 1024,
    // Audit rows store the request id, so a client's own id is ignored: only the trusted proxy's is
    // kept (when it looks like one); otherwise we make our own.
    genReqId: (req) => {
      const incoming = config.TRUST_PROXY ? req.headers["x-request-id"] : undefined;
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON bodies only: Fastify's built-in text/plain parser would let a plain-text body (which a
  // cross-site form can send without a preflight) reach validation; refuse it with 415 instead.
  app.removeContentTypeParser("text/plain");
  registerErrorHandler(app);
  refuseNulCharacters(app);

  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  registerPolicyGuard(app, routes, apiDocsArePublic(config) ? "public" : "signedIn");

  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  // Before every route (the API's, the docs' and the web app's files), which it attaches itself to.
  await registerCompression(app);
  // After the headers (a shed 503 carries them too), before the session lookup (shedding costs no query).
  await registerOverloadShedding(app, config);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "IPT Session Planner API",
        description:
          "Cookie-session API. State-changing requests must send the session's CSRF token in the x-csrf-token header.",
        version: "0.1.0",
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", uiConfig: { deepLinking: false } });

  const context: AppContext = {
    prisma,
    timeouts: {
      idleMs: config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      absoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
    },
    throttle: {
      accountFreeFailures: config.LOGIN_THROTTLE_ACCOUNT_FREE_FAILURES,
      sourceFreeFailures: config.LOGIN_THROTTLE_SOURCE_FREE_FAILURES,
      baseDelayMs: config.LOGIN_THROTTLE_BASE_SECONDS * 1000,
      maxDelayMs: config.LOGIN_THROTTLE_MAX_MINUTES * 60_000,
    },
    loginRateLimit: {
      max: config.LOGIN_RATE_LIMIT_MAX,
      timeWindowMs: config.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    clock,
    mailer,
    publicOrigin: config.PUBLIC_ORIGIN,
  };
  // Automatic questionnaire sending (docs/decisions/020): server.ts starts it; tests call runOnce().
  const questionnaireSending = questionnaireSendingJob({
    prisma,
    mailer,
    log: app.log,
    clock,
    intervalMs: config.QUESTIONNAIRE_JOB_INTERVAL_SECONDS * 1000,
  });
  app.decorate("questionnaireSending", questionnaireSending);
  // Audit rows written outside a transaction (reads, refusals) are group-committed: one statement and
  // one commit for the rows of concurrent requests, each request answered after its row's commit.
  const auditWriter = useAuditGroupCommit(prisma);
  app.addHook("onClose", async () => {
    questionnaireSending.stop();
    mailer.close();
    await auditWriter.drained();
  });
  registerAuth(app, prisma, context.timeouts, clock, config.PUBLIC_ORIGIN);

  await app.register(healthRoutes, context);
  await app.register(authRoutes, context);
  await app.register(adminUserRoutes, context);
  await app.register(adminAuditRoutes, context);
  await app.register(adminSettingsRoutes, context);
  await app.register(ownSupervisorRoutes, context);
  await app.register(clientRoutes, context);
  await app.register(courseRoutes, context);
  await app.register(groupRoutes, context);
  await app.register(planRoutes, context);
  await app.register(sessionRoutes, context);
  await app.register(measureRoutes, context);
  await app.register(summaryRoutes, context);
  await app.register(supervisionRiskFlagRoutes, context);
  await app.register(safetyRoutes, context);
  await app.register(supervisionCockpitRoutes, context);
  await app.register(fidelityRoutes, context);
  await app.register(reviewThreadRoutes, context);
  await app.register(coSignRoutes, context);
  await app.register(attentionRoutes, context);
  await app.register(calendarRoutes, context);
  await app.register(questionnaireRoutes, context);
  await app.register(fhirRoutes, context);

  const webAppServed = await registerWebApp(app, config.WEB_DIST_DIR);
  app.setNotFoundHandler((request, reply) => {
    const isPageRequest = request.method === "GET" && !request.url.startsWith("/api");
    if (webAppServed && isPageRequest) {
      // Client-side routes: the SPA decides what to show.
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    throw new AppError("not_found", "Nothing is here.");
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

declare module "fastify" {
  interface FastifyInstance {
    /** Every route with the policy it states; the policy walk test reads this. */
    registeredRoutes: RegisteredRoute[];
    /** The automatic questionnaire sending job of this process. */
    questionnaireSending: QuestionnaireSendingJob;
  }
}
