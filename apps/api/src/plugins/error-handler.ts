// Errors mapped once: every failure leaves as the shared error body, and a 5xx reveals nothing.
import { plainErrorCodeByStatus, type ApiErrorBody, type ErrorCode, type FieldError } from "@ipt/shared";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError } from "../errors/app-error";

/** Seconds a client is asked to wait when the database cannot be reached; it reconnects by itself. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const contextNames: Record<string, string> = {
  querystring: "query",
  params: "params",
  body: "body",
  headers: "headers",
};

function fieldPath(context: string | undefined, instancePath: string): string {
  const prefix = contextNames[context ?? "body"] ?? context ?? "body";
  const rest = instancePath.split("/").filter(Boolean).join(".");
  return rest ? `${prefix}.${rest}` : prefix;
}

function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: FieldError[],
) {
  const body: ApiErrorBody = {
    error: { code, message, requestId: request.id, ...(fields ? { fields } : {}) },
  };
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

// Fastify's JSON parser gives one error for malformed JSON and for a key that could reach an object's
// prototype (secure-json-parse refuses those), so the message names both.
const INVALID_JSON =
  'The request body is not valid JSON, or it holds a "__proto__" key or a "constructor" key with "prototype".';

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(replyWithError);
}

/**
 * The one error mapping: every failure (thrown by a service, a hook, Fastify or zod) leaves here as
 * the shared error body. Exported only for Fastify's `frameworkErrors`, which bypass the handler.
 */
export function replyWithError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => ({
      field: fieldPath(error.validationContext, issue.instancePath),
      message: issue.message ?? "Invalid value.",
    }));
    return sendError(reply, request, 400, "validation_failed", "Some fields are not valid.", fields);
  }
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined) reply.header("retry-after", error.retryAfterSeconds);
    // A 503 always says when to try again (under-pressure sets its own before throwing).
    if (error.statusCode === 503 && !reply.hasHeader("retry-after")) {
      reply.header("retry-after", DATABASE_RETRY_AFTER_SECONDS);
    }
    return sendError(reply, request, error.statusCode, error.code, error.message, error.fields);
  }
  if (isDatabaseUnavailable(error)) {
    // Expected while PostgreSQL restarts or every pooled connection is busy: a warning, no stack.
    request.log.warn({ err: { type: error.name, code: error.code } }, "database unavailable");
    reply.header("retry-after", DATABASE_RETRY_AFTER_SECONDS);
    return sendError(
      reply,
      request,
      503,
      "service_unavailable",
      "The service is briefly unavailable. Try again in a few seconds.",
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error(
      { err: { type: "ResponseSerializationError", route: request.routeOptions.url } },
      "response did not match its schema",
    );
    return sendError(reply, request, 500, "internal_error", "Something went wrong on our side.");
  }
  const status = error.statusCode ?? 500;
  const code = status < 500 ? plainErrorCodeByStatus[status] : undefined;
  if (code) {
    // Fastify's own 4xx (bad JSON, wrong content type, body too large): safe to describe.
    const message = code === "validation_failed" ? INVALID_JSON : error.message;
    return sendError(
      reply,
      request,
      status,
      code,
      message,
      code === "validation_failed" ? [{ field: "body", message }] : undefined,
    );
  }
  // Log where it went wrong but not what: only the stack's frames. The message (and Prisma's
  // multi-line messages, which quote the statement and PostgreSQL's detail) may carry request or
  // database data.
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  request.log.error({ err: { type: error.name, code: error.code, stack: frames } }, "request failed");
  return sendError(reply, request, 500, "internal_error", "Something went wrong on our side.");
}
