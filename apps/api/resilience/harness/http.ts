// An HTTP client that behaves like the SPA in a browser: it keeps the session cookie, echoes the
// session's CSRF token on state-changing requests and sends the same-origin headers a browser adds.
import { CSRF_HEADER, endpointPath, endpoints } from "@ipt/shared";
import { performance } from "node:perf_hooks";
import { SESSION_COOKIE } from "../../src/plugins/auth";
import { sleep } from "./scenario";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiResponse<T = unknown> {
  status: number;
  /** The parsed JSON body; null for an empty or non-JSON body. */
  body: T;
  headers: Headers;
  /** Time to the whole body, in ms. */
  ms: number;
}

/** Reads a 2xx body as T, or throws with the status and body. */
export function expectOk<T>(response: ApiResponse<T>, what: string): T {
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * For requests whose refusal is not what a scenario measures (set-up, or writes that must get
 * through): sends again while the answer is 503, waiting what Retry-After says (1 s when it says
 * nothing), `attempts` times in all (10). `onRefused` sees each 503.
 */
export async function retryUnavailable<T>(
  send: () => Promise<ApiResponse<T>>,
  { attempts = 10, onRefused }: { attempts?: number; onRefused?: () => void } = {},
) {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status !== 503 || attempt >= attempts) return response;
    onRefused?.();
    const seconds = Number(response.headers.get("retry-after") ?? "1");
    await sleep(1000 * (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) : 1));
  }
}

export class ApiSession {
  constructor(
    /** The server this session talks to, e.g. http://127.0.0.1:41234. */
    readonly baseUrl: string,
    /** `__Host-ipt_session=<token>`, or null before sign-in. */
    public cookie: string | null = null,
    public csrfToken: string | null = null,
  ) {}

  /**
   * Signs in (POST /api/auth/login) and returns the signed-in session; throws unless 200. A set-up
   * step: a 503 (load shed, database away) is retried as its Retry-After asks.
   */
  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    const response = await retryUnavailable(() =>
      session.request<{ csrfToken: string }>("POST", endpointPath(endpoints.auth.login), { email, password }),
    );
    const body = expectOk(response, `sign-in as ${email}`);
    session.csrfToken = body.csrfToken;
    return session;
  }

  /** The same session (cookie and CSRF token) sent to another server, e.g. a second instance. */
  on(baseUrl: string): ApiSession {
    return new ApiSession(baseUrl, this.cookie, this.csrfToken);
  }

  async request<T = unknown>(
    method: Method,
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET") {
      // What a browser adds to the SPA's own fetch calls; the API refuses other sites' writes.
      headers.origin = this.baseUrl;
      headers["sec-fetch-site"] = "same-origin";
      if (this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    }
    if (body !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    this.keepCookie(response.headers);
    let parsed: unknown = null;
    if (text && (response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers, ms };
  }

  get<T = unknown>(url: string) {
    return this.request<T>("GET", url);
  }
  post<T = unknown>(url: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>("POST", url, body, headers);
  }
  put<T = unknown>(url: string, body: unknown) {
    return this.request<T>("PUT", url, body);
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.request<T>("PATCH", url, body);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>("DELETE", url);
  }

  /** Follows Set-Cookie for the session cookie: a new token at sign-in, cleared at logout. */
  private keepCookie(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? ""; // the name=value before the attributes
      if (!pair.startsWith(`${SESSION_COOKIE}=`)) continue;
      const value = pair.slice(SESSION_COOKIE.length + 1);
      this.cookie = value ? pair : null;
    }
  }
}
