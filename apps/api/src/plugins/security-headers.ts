// Security headers on every answer: helmet's set (strict CSP, HSTS, nosniff, no referrer), the request
// id, and no-store on the API. Framework errors (a malformed URL) skip every hook, so they get the same
// headers from frameworkErrorHandler.
import fastifyHelmet from "@fastify/helmet";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import { AppError } from "../errors/app-error";
import { replyWithError } from "./error-handler";

const helmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  // Sent always: browsers ignore it over plain HTTP (RFC 6797 §8.1), so local use is unaffected, and
  // behind a TLS proxy it holds whether or not TRUST_PROXY is set.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: "no-referrer" },
} satisfies HelmetOptions;

const applyHelmet = helmet(helmetOptions);

function setAnswerHeaders(request: FastifyRequest, reply: FastifyReply) {
  reply.header("x-request-id", request.id);
  // Health records must not linger in browser or proxy caches.
  if (request.url === "/api" || request.url.startsWith("/api/") || request.url.startsWith("/api?")) {
    reply.header("cache-control", "no-store");
  }
}

export async function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook("onSend", async (request, reply) => setAnswerHeaders(request, reply));
  await app.register(fastifyHelmet, helmetOptions);
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode or a path parameter over the length limit. Its
 * own answer would echo the path without any of the headers above.
 */
export function frameworkErrorHandler(_error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  applyHelmet(request.raw, reply.raw, () => {});
  setAnswerHeaders(request, reply);
  void replyWithError(new AppError("validation_failed", "The address is not valid."), request, reply);
}
