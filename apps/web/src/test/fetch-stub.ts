// The network for component tests, stubbed at `fetch` so the real api-client (headers, zod parsing
// of the answer, error mapping) runs. Each test says which requests it expects and how the server
// answers; every request is recorded; one that nobody expected fails the test (setup-dom.ts).
import { apiErrorBody, type ErrorCode, type FieldError } from "@ipt/shared";
import { vi } from "vitest";
import type { z } from "zod";

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. "/api/clients". */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** The JSON body, parsed; undefined when none was sent. */
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

type Answer = Reply | ((request: RecordedRequest) => Reply);

/** A success body, checked against the shared schema so a fixture cannot drift from the contract. */
export function json<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200): Reply {
  schema.parse(body);
  return { status, body };
}

/** The shared error body, as the API sends it (400 with field errors, 409, 422…). */
export function apiError(status: number, code: ErrorCode, message: string, fields: FieldError[] = []): Reply {
  const body = { error: { code, message, fields, requestId: "req-test" } };
  apiErrorBody.parse(body);
  return { status, body };
}

export const noContent: Reply = { status: 204 };

export interface FetchStub {
  /** Answers `"METHOD /path"` (path without query) with `answer`, every time it is asked. */
  on(route: string, answer: Answer): FetchStub;
  /** Every request sent, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The requests sent to `"METHOD /path"`. */
  sent(route: string): RecordedRequest[];
  /** Requests no route answered (each also failed with a 501). */
  readonly unexpected: readonly RecordedRequest[];
}

let current: { unexpected: RecordedRequest[] } | null = null;

function parseBody(body: BodyInit | null | undefined): unknown {
  if (typeof body !== "string" || body === "") return undefined;
  return JSON.parse(body) as unknown;
}

/** Replaces `fetch` for this test (setup-dom.ts restores it afterwards). */
export function stubFetch(): FetchStub {
  const routes = new Map<string, Answer>();
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  current = { unexpected };
  const routeOf = (request: RecordedRequest) => `${request.method} ${request.path}`;

  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
    const request: RecordedRequest = {
      method: (init.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: parseBody(init.body),
    };
    requests.push(request);
    const answer = routes.get(routeOf(request));
    if (!answer) {
      unexpected.push(request);
      return new Response(null, { status: 501 });
    }
    const reply = typeof answer === "function" ? answer(request) : answer;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: reply.body === undefined ? {} : { "Content-Type": "application/json" },
    });
  });

  const stub: FetchStub = {
    on(route, answer) {
      routes.set(route, answer);
      return stub;
    },
    requests,
    sent: (route) => requests.filter((request) => routeOf(request) === route),
    unexpected,
  };
  return stub;
}

/** Throws when the test's stub was asked for something it did not expect; then forgets the stub. */
export function checkFetchStub(): void {
  const stub = current;
  current = null;
  if (!stub || stub.unexpected.length === 0) return;
  const list = stub.unexpected.map((request) => `${request.method} ${request.path}`).join(", ");
  throw new Error(`Requests no test route answered: ${list}`);
}
