// One contract per endpoint: its method, path, and the zod schemas of its params, query, body,
// headers and success answer. The API registers its route from it (apps/api/src/routes/define-route.ts),
// the web calls it through apiRequest (apps/web/src/lib/api-client.ts), and tests, the bench and the
// resilience suite build their URLs with endpointPath — so a path or a field is typed once, here.
// Data only: no server or browser code (docs/decisions/010).
import { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** The status of a success answer: 200 unless the endpoint creates (201) or answers nothing (204). */
export type SuccessStatus = 200 | 201 | 204;

/** The `:name` segments of a path, as a union of names: "clientId" | "personId". */
export type PathParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** The values of a path's `:name` segments. */
export type PathParams<Path extends string> = { [Name in PathParamNames<Path>]: string };

interface EndpointDefinition {
  method: HttpMethod;
  /** Fastify's syntax: `/api/clients/:clientId`. */
  path: `/api/${string}`;
  /** Required when the path names params, and then naming exactly those. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: z.ZodType;
  /** The success answer; for a 204, `noContent`. */
  response: z.ZodType;
  status?: SuccessStatus;
}

/** An endpoint as `defineEndpoint` returns it (its status filled in). */
export type Endpoint = Readonly<EndpointDefinition & { status: SuccessStatus }>;

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Refuses, at compile time, a params schema that does not name exactly the path's `:params`. */
type ParamsOfPath<D extends EndpointDefinition> = [PathParamNames<D["path"]>] extends [never]
  ? { params?: never }
  : D extends { params: infer P extends z.ZodObject }
    ? SameKeys<keyof z.output<P>, PathParamNames<D["path"]>> extends true
      ? unknown
      : { params: `params must name exactly the path's :${PathParamNames<D["path"]>}` }
    : { params: z.ZodObject };

type Defined<D extends EndpointDefinition> = Readonly<
  D & { status: D extends { status: infer S extends SuccessStatus } ? S : 200 }
>;

const PARAM = /:([A-Za-z]+)/g;

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(PARAM)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
}

/**
 * Declares an endpoint, keeping its literal method, path and status in the type. Also checked when
 * the module loads, for the case the types cannot see: the params schema names the path's params.
 */
export function defineEndpoint<const D extends EndpointDefinition>(
  definition: D & ParamsOfPath<D>,
): Defined<D> {
  const named = pathParamNames(definition.path).sort().join(",");
  const declared = Object.keys(definition.params?.shape ?? {})
    .sort()
    .join(",");
  if (named !== declared) {
    throw new Error(
      `${definition.method} ${definition.path}: params name [${declared}], the path [${named}]`,
    );
  }
  return { ...definition, status: definition.status ?? 200 } as Defined<D>;
}

/** "GET /api/courses/:courseId": how routes, tests and reports name an endpoint. */
export function endpointKey(endpoint: Pick<Endpoint, "method" | "path">): string {
  return `${endpoint.method} ${endpoint.path}`;
}

// --- Types derived from an endpoint, for callers ---

export type EndpointParams<E extends Endpoint> = PathParams<E["path"]>;

/** Query values as a caller sends them: any of the schema's keys, empty ones left out. */
export type EndpointQuery<E extends Endpoint> = E extends { query: infer Q extends z.ZodObject }
  ? { [K in keyof z.output<Q>]?: z.output<Q>[K] | null }
  : never;

/** The body as a caller sends it (before defaults are applied). */
export type EndpointBody<E extends Endpoint> = E extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : never;

/**
 * What a caller sends to an endpoint: the params its path names (required then), its query, and its
 * body (required unless the endpoint takes none or may be sent none).
 */
export type EndpointInput<E extends Endpoint> = ([PathParamNames<E["path"]>] extends [never]
  ? { params?: never }
  : { params: EndpointParams<E> }) &
  (E extends { query: z.ZodType } ? { query?: EndpointQuery<E> } : { query?: never }) &
  (E extends { body: infer B extends z.ZodType }
    ? undefined extends z.input<B>
      ? { body?: z.input<B> }
      : { body: z.input<B> }
    : { body?: never });

/** The success answer as parsed; nothing for a 204. */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a 204 call resolves to nothing at all
export type EndpointResponse<E extends Endpoint> = E["status"] extends 204 ? void : z.output<E["response"]>;

// --- Building URLs ---

export type QueryValue = string | number | boolean | null | undefined;

/**
 * `?a=1&b=2` (form encoding, as URLSearchParams writes it), leaving out empty values so URLs stay
 * short and defaults stay implicit; "" when nothing is left.
 */
export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] != null && entry[1] !== "")
    .map(([key, value]) => `${formEncode(key)}=${formEncode(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

const formEncode = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");

/** endpointPath's arguments after the endpoint: params (optional when the path names none), query. */
export type EndpointPathArgs<E extends Endpoint> = [PathParamNames<E["path"]>] extends [never]
  ? [params?: Record<string, never>, query?: EndpointQuery<E>]
  : [params: EndpointParams<E>, query?: EndpointQuery<E>];

/**
 * The URL of an endpoint: each `:name` replaced by its value (encoded), then the query string.
 * `endpointPath(endpoints.clients.get, { clientId })`; `endpointPath(endpoints.caseload.list, {}, { q })`.
 * An empty value is refused: `/api/clients/` would be another endpoint.
 */
export function endpointPath<E extends Endpoint>(
  endpoint: E,
  ...[params, query]: EndpointPathArgs<E>
): string {
  const values: Readonly<Record<string, string>> = params ?? {};
  const path = endpoint.path.replace(PARAM, (_segment, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`${endpointKey(endpoint)}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  return `${path}${queryString(query as Record<string, QueryValue> | undefined)}`;
}

// --- Bodies and answers shared by many endpoints ---

/** The body of a write that takes no input: none at all (null to Fastify), or an empty JSON object. */
export const noBody = z.strictObject({}).nullish();

/** The answer of a 204: no body. */
export const noContent = z.null();
