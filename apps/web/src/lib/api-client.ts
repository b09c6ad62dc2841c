// The one way the web talks to the API: an endpoint of the shared table (packages/shared/src/api)
// called same-origin with the session cookie, the CSRF header on unsafe methods, success bodies
// parsed with the endpoint's response schema and failures turned into `ApiError`. Transport only:
// no UI, no navigation (the app decides what an error means).
import {
  apiErrorBody,
  CSRF_HEADER,
  endpointPath,
  IDEMPOTENCY_KEY_HEADER,
  plainErrorCodeByStatus,
  type Endpoint,
  type EndpointInput,
  type EndpointPathArgs,
  type EndpointResponse,
  type ErrorCode,
  type FieldError,
} from "@ipt/shared";
import type { z } from "zod";

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    requestId?: string | undefined;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
  }
}

/** The request never got an answer (offline, server down, proxy refused the connection). */
export class NetworkError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The server could not be reached. Check your connection and try again.", options);
    this.name = "NetworkError";
  }
}

/** The server answered with a success status but a body that does not match the contract. */
export class UnexpectedResponseError extends Error {
  constructor(
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super("The server sent a response this page does not understand. Please try again later.", options);
    this.name = "UnexpectedResponseError";
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function codeForStatus(status: number): ErrorCode {
  return plainErrorCodeByStatus[status] ?? (status >= 500 ? "internal_error" : "validation_failed");
}

/**
 * Turns any failed response into an `ApiError`. Bodies that follow the shared error schema keep
 * their code, message and field errors; anything else (a proxy's HTML page, an empty body) gets a
 * code derived from the status and a plain message.
 */
export function parseApiError(status: number, body: unknown): ApiError {
  const parsed = apiErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields, requestId } = parsed.data.error;
    return new ApiError({ status, code, message, fields, requestId });
  }
  return new ApiError({
    status,
    code: codeForStatus(status),
    message:
      status >= 500
        ? "The server had a problem and could not finish this request. Please try again."
        : `The request could not be completed (status ${status}).`,
  });
}

type Method = Endpoint["method"];
const unsafeMethods: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What a call of `endpoint` takes: its params, query and body (typed from its contract), and more. */
export type ApiRequestOptions<E extends Endpoint> = EndpointInput<E> &
  (E extends { headers: z.ZodType }
    ? {
        /** Sent as the Idempotency-Key header: a retry of the same write with it is answered, not repeated. */
        idempotencyKey?: string;
      }
    : { idempotencyKey?: never }) & { signal?: AbortSignal };

interface WideOptions {
  params?: unknown;
  query?: unknown;
  body?: unknown;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
}

/** The options may be left out when the endpoint needs none. */
type OptionsArgument<E extends Endpoint> =
  object extends ApiRequestOptions<E> ? [options?: ApiRequestOptions<E>] : [options: ApiRequestOptions<E>];

interface ApiClientConfig {
  /** Returns the CSRF token of the current session, if any. */
  getCsrfToken: () => string | undefined;
  fetch: typeof fetch;
}

const config: ApiClientConfig = {
  getCsrfToken: () => undefined,
  fetch: (...args) => globalThis.fetch(...args),
};

let lastResponseAt = 0;

/** Wire the client to where the session lives (the app does this once, at start-up). */
export function configureApiClient(options: Partial<ApiClientConfig>): void {
  Object.assign(config, options);
}

/** When the server last answered any request (used to notice an idle session). 0 = never. */
export function getLastApiResponseAt(): number {
  return lastResponseAt;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls an endpoint of the shared table: `apiRequest(endpoints.clients.get, { params: { clientId } })`.
 * The success body is parsed with the endpoint's response schema; a 204 endpoint answers nothing.
 */
export async function apiRequest<E extends Endpoint>(
  endpoint: E,
  ...[options = {} as ApiRequestOptions<E>]: OptionsArgument<E>
): Promise<EndpointResponse<E>> {
  const { method } = endpoint;
  // Inside, the options are read in their widest shape: the signature above already tied them to E.
  const { params, query, body, signal, idempotencyKey } = options as WideOptions;
  const headers = new Headers({ Accept: "application/json" });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (unsafeMethods.has(method)) {
    const token = config.getCsrfToken();
    if (token) headers.set(CSRF_HEADER, token);
  }
  if (idempotencyKey) headers.set(IDEMPOTENCY_KEY_HEADER, idempotencyKey);

  let response: Response;
  try {
    // params and query were typed against the endpoint by this function's signature.
    const url = endpointPath(endpoint, ...([params, query] as EndpointPathArgs<E>));
    response = await config.fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError({ cause: error });
  }
  lastResponseAt = Date.now();

  if (!response.ok) throw parseApiError(response.status, await readJson(response));
  if (endpoint.status === 204) return undefined as EndpointResponse<E>;
  const parsed = endpoint.response.safeParse(await readJson(response));
  if (!parsed.success) throw new UnexpectedResponseError(response.status, { cause: parsed.error });
  return parsed.data as EndpointResponse<E>;
}
