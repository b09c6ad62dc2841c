// Registers a route from its endpoint in the shared table (packages/shared/src/api): the method, the
// path and the params, query, body, headers and success schemas come from the endpoint, so the route,
// the web client and the tests cannot disagree on them. What only the server knows stays here: who
// may call it (the policy), its OpenAPI tags and summary, and the errors it can answer.
import type { apiErrorBody, Endpoint } from "@ipt/shared";
import type {
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { PolicyName } from "../policy/policies";

type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type Parsed<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : unknown;

/** The request as the handler sees it: params, query, body and headers parsed by the endpoint's schemas. */
export type EndpointRequest<E extends Endpoint> = FastifyRequest<{
  Params: Parsed<E, "params">;
  Querystring: Parsed<E, "query">;
  Body: Parsed<E, "body">;
  Headers: Parsed<E, "headers">;
}>;

/** What the handler answers: the success body (serialised through the endpoint's response schema). */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a 204 handler returns nothing at all
export type EndpointAnswer<E extends Endpoint> = E["status"] extends 204 ? void : z.input<E["response"]>;

/**
 * The handler returns the success body, sent with the endpoint's status; or it answers itself and
 * returns the reply (a replayed idempotent write has its own status and header).
 */
export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<EndpointAnswer<E> | FastifyReply>;

export interface RouteOptions {
  /** `policy` is required (policy/policies.ts); other route config (rate limit, shedding) may join it. */
  config: FastifyContextConfig & { policy: PolicyName };
  tags: string[];
  summary: string;
  /** The error answers the route can give, for the OpenAPI document (routes/responses.ts). */
  errors?: Readonly<Record<number, typeof apiErrorBody>>;
  /** A larger body than the app's default, for the few routes that take whole documents. */
  bodyLimit?: number;
}

export function defineRoute<E extends Endpoint>(
  app: ZodApp,
  endpoint: E,
  { config, tags, summary, errors, bodyLimit }: RouteOptions,
  handler: EndpointHandler<E>,
): void {
  const { method, path, params, query, body, headers, response, status } = endpoint;
  app.route({
    method,
    url: path,
    config,
    ...(bodyLimit !== undefined && { bodyLimit }),
    schema: {
      tags,
      summary,
      ...(headers && { headers }),
      ...(params && { params }),
      ...(body && { body }),
      ...(query && { querystring: query }),
      response: { [status]: response, ...errors },
    },
    handler: async (request, reply) => {
      const answer = await handler(request as EndpointRequest<E>, reply);
      // A handler that sent the reply itself returns it; awaiting a reply (a thenable) gives
      // undefined, so `sent` is what says it was answered.
      if (answer === reply || reply.sent) return reply;
      return reply.code(status).send(status === 204 ? null : answer);
    },
  });
}
