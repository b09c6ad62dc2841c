// Early requests: a page's data and code asked for while the app's scripts are still loading (docs/benchmarks.md,
// "Page data with the HTML"). The built index.html loads a tiny script (vite-plugins/early-requests.ts)
// that runs `startEarlyRequests` with the table of src/app/early-requests-table.ts: on a page named
// there, it preloads the page's own code and asks for the session and, once the session answers
// "signed in", for the page's data, and leaves the answers' promises on `window`. The app's fetch
// (`fetchTakingEarlyAnswers`) takes an answer from there instead of asking again (each one once);
// the app discards what is left once its first page has loaded.
//
// `startEarlyRequests` is written out into that script by its source text (`Function.toString`): it
// must use nothing but its arguments and the browser's globals.

/** The window property the early answers are left in. */
export const EARLY_REQUESTS_KEY = "__iptEarlyRequests";

/** A page of the app (a router path, `:name` for a parameter) and the API reads its loaders make. */
export interface EarlyRequestPage {
  page: string;
  /** API paths with the page's parameters (`/api/courses/:courseId`), and a query where the loader sends one. */
  requests: readonly string[];
  /**
   * The page's lazily loaded route modules (source files, from apps/web): the build writes their
   * files (scripts and stylesheets, less those index.html loads anyway) into `preload`.
   */
  modules?: readonly string[];
  /** The built files of `modules`, preloaded with the page's data. */
  preload?: readonly string[];
}

export interface EarlyRequestTable {
  /** The session check, asked for first: the page's data only with a signed-in session. */
  session: string;
  /** Asked for on every page of the table (the navigation's attention count). */
  always: readonly string[];
  pages: readonly EarlyRequestPage[];
}

/** What an early request leaves: the answer, or undefined when it was not sent or got no answer. */
type EarlyAnswer = Promise<Response | undefined>;

/**
 * Runs in the early script, before the app. Only the pages of the table, only without a query string
 * (the loaders read filters from it), and only ids of the shape the loaders accept (the API's ids are
 * UUIDs): anything else is left to the app.
 */
export function startEarlyRequests(table: EarlyRequestTable, key: string): void {
  const target = window as unknown as Record<string, unknown>;
  // The app started first (a slow early script): it asks for everything itself.
  if (key in target || location.search !== "") return;
  const actual = location.pathname.split("/");
  for (const entry of table.pages) {
    const pattern = entry.page.split("/");
    if (pattern.length !== actual.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const value = actual[index] ?? "";
      if (!segment.startsWith(":")) return segment === value;
      params[segment.slice(1)] = value;
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    });
    if (!matches) continue;

    // The same request as the app's own (apiRequest): same mode, credentials and Accept header.
    const init: RequestInit = { headers: { Accept: "application/json" }, credentials: "same-origin" };
    const answers = new Map<string, EarlyAnswer>();
    const session: EarlyAnswer = fetch(table.session, init).catch(() => undefined);
    answers.set(table.session, session);
    // Signed out: no data request (the app shows the sign-in page, and no 401 is logged for it).
    const signedIn = session.then((response) => response?.ok === true);
    for (const template of [...table.always, ...entry.requests]) {
      const url = template.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? "");
      const answer: EarlyAnswer = signedIn
        .then((ok) => (ok ? fetch(url, init) : undefined))
        .catch(() => undefined);
      answers.set(url, answer);
    }
    // The page's own code, after its data (over HTTP/1.1 a browser opens six connections to the
    // server, and the data is what the page waits for longest): fetched now rather than once the
    // app's scripts have run and its router has matched the page. The router's import then finds
    // it fetched (it is not evaluated before). Attributes as the app's own preloads (Vite's), so
    // that the browser uses what was fetched.
    void signedIn.then((ok) => {
      if (!ok) return;
      for (const file of entry.preload ?? []) {
        const link = document.createElement("link");
        if (file.endsWith(".css")) {
          link.rel = "preload";
          link.as = "style";
        } else link.rel = "modulepreload";
        link.crossOrigin = "";
        link.href = file;
        document.head.appendChild(link);
      }
    });
    target[key] = answers;
    return;
  }
}

function earlyAnswers(): Map<string, EarlyAnswer> | undefined {
  const value = (window as unknown as Record<string, unknown>)[EARLY_REQUESTS_KEY];
  return value instanceof Map ? (value as Map<string, EarlyAnswer>) : undefined;
}

/**
 * The early answer to `GET url`, if the early script asked for it and nobody has taken it yet: each
 * answer is taken once. Resolves undefined when the request was not sent or failed (ask again).
 */
export function takeEarlyResponse(url: string): EarlyAnswer | undefined {
  if (typeof window === "undefined") return undefined;
  const answers = earlyAnswers();
  const answer = answers?.get(url);
  if (answer) answers?.delete(url);
  return answer;
}

/**
 * The app's fetch (configureApiClient): a GET the early script asked for already is answered from
 * there, once; anything else, or an early request that was not sent or failed, goes to the network.
 * Here rather than in the API client, which the sign-in page shares (its JavaScript budget is full).
 */
export const fetchTakingEarlyAnswers: typeof fetch = async (input, init) => {
  const read = (init?.method ?? "GET").toUpperCase() === "GET" && init?.body == null;
  const early = read && typeof input === "string" ? await takeEarlyResponse(input) : undefined;
  if (early) {
    // An answer that came long ago is read in a task of its own, as one from the network is:
    // otherwise the app's set-up, the session check, the loaders and every answer's parsing would
    // chain through promises into one long task (total blocking time).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    return early;
  }
  return globalThis.fetch(input, init);
};

/**
 * The app has started: an early script that runs from now on asks for nothing (the app asks itself).
 * Called once, before the app's first request.
 */
export function closeEarlyRequests(): void {
  if (typeof window === "undefined") return;
  const target = window as unknown as Record<string, unknown>;
  if (!(EARLY_REQUESTS_KEY in target)) target[EARLY_REQUESTS_KEY] = null;
}

/** The first page has loaded: answers nobody took are dropped, never served later as fresh data. */
export function discardEarlyResponses(): void {
  earlyAnswers()?.clear();
}
