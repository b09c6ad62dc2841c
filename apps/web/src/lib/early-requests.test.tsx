// The early requests of index.html (./early-requests.ts) and how apiRequest takes their answers: in a
// DOM (happy-dom), with fetch stubbed.
import { endpoints } from "@ipt/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiRequest, configureApiClient, NetworkError } from "./api-client";
import {
  closeEarlyRequests,
  discardEarlyResponses,
  EARLY_REQUESTS_KEY,
  fetchTakingEarlyAnswers,
  startEarlyRequests,
  takeEarlyResponse,
  type EarlyRequestTable,
} from "./early-requests";

const urlOf = (input: RequestInfo | URL) =>
  typeof input === "string" ? input : input instanceof URL ? input.href : input.url;

const COURSE_ID = "29273793-2b17-4fac-aea7-1f0b3b6822e7";

const table: EarlyRequestTable = {
  session: "/api/auth/session",
  always: ["/api/attention"],
  pages: [
    { page: "/caseload", requests: ["/api/clients?page=1&pageSize=25"] },
    {
      page: "/courses/:courseId",
      requests: ["/api/courses/:courseId", "/api/courses/:courseId/review-threads?target=plan"],
      preload: ["/assets/course-overview-x.js", "/assets/pages-x.css"],
    },
  ],
};

const attention = { items: [], caseloadAccessChanges: 0 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The network: answers by path, and every request it was asked, in order. */
function stubNetwork(answer: (url: string) => Response | Error) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (input) => {
    const result = answer(urlOf(input));
    if (result instanceof Error) throw result;
    return result;
  });
  vi.stubGlobal("fetch", fetch);
  // As the app configures it (app.tsx).
  configureApiClient({ fetch: fetchTakingEarlyAnswers });
  return { fetch, urls: () => fetch.mock.calls.map(([input]) => urlOf(input)) };
}

const signedIn = (url: string) =>
  url === "/api/auth/session" ? json(200, { signedIn: true }) : json(200, attention);

function openPage(address: string) {
  window.history.replaceState(null, "", address);
}

const earlyAnswers = () => (window as unknown as Record<string, unknown>)[EARLY_REQUESTS_KEY];

/** Lets the early script's chained requests (session first, then the data) go out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  Reflect.deleteProperty(window, EARLY_REQUESTS_KEY);
});

const preloads = () =>
  [...document.head.querySelectorAll("link")].map((link) => ({
    rel: link.rel,
    as: link.getAttribute("as"),
    crossorigin: link.getAttribute("crossorigin"),
    href: link.getAttribute("href"),
  }));

afterEach(() => {
  document.head.innerHTML = "";
  Reflect.deleteProperty(window, EARLY_REQUESTS_KEY);
  vi.unstubAllGlobals();
  configureApiClient({ fetch: (...args) => globalThis.fetch(...args) });
  openPage("/");
});

describe("the early requests of a page in the table", () => {
  it("ask for the session, then the page's data with the same mode and credentials as the app", async () => {
    const network = stubNetwork(signedIn);
    openPage(`/courses/${COURSE_ID}`);

    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();

    expect(network.urls()).toEqual([
      "/api/auth/session",
      "/api/attention",
      `/api/courses/${COURSE_ID}`,
      `/api/courses/${COURSE_ID}/review-threads?target=plan`,
    ]);
    for (const [, init] of network.fetch.mock.calls) {
      expect(init).toEqual({ headers: { Accept: "application/json" }, credentials: "same-origin" });
    }
  });

  it("preload the page's own code once signed in, after asking for its data, as the app's preloads do", async () => {
    stubNetwork(signedIn);
    openPage(`/courses/${COURSE_ID}`);

    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    expect(preloads()).toEqual([]);
    await settle();

    expect(preloads()).toEqual([
      { rel: "modulepreload", as: null, crossorigin: "", href: "/assets/course-overview-x.js" },
      { rel: "preload", as: "style", crossorigin: "", href: "/assets/pages-x.css" },
    ]);
  });

  it("are taken by apiRequest once each: a second read of the same data asks the network again", async () => {
    const network = stubNetwork(signedIn);
    openPage(`/courses/${COURSE_ID}`);
    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();
    const before = network.fetch.mock.calls.length;

    await expect(apiRequest(endpoints.attention.list)).resolves.toEqual(attention);
    expect(network.fetch.mock.calls.length).toBe(before);

    await expect(apiRequest(endpoints.attention.list)).resolves.toEqual(attention);
    expect(network.fetch.mock.calls.length).toBe(before + 1);
  });

  it("ask for no data when the session check says signed out (no 401 for it), and the app asks itself", async () => {
    const network = stubNetwork((url) =>
      url === "/api/auth/session"
        ? json(401, { error: { code: "unauthenticated", message: "Sign in." } })
        : json(200, attention),
    );
    openPage("/caseload");

    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();
    expect(network.urls()).toEqual(["/api/auth/session"]);
    expect(preloads()).toEqual([]);

    await expect(apiRequest(endpoints.attention.list)).resolves.toEqual(attention);
    expect(network.urls()).toEqual(["/api/auth/session", "/api/attention"]);
  });

  it("that got no answer are asked again by apiRequest, whose failure is the app's as before", async () => {
    let calls = 0;
    const network = stubNetwork((url) => {
      calls += 1;
      if (url === "/api/auth/session") return json(200, { signedIn: true });
      return calls <= 3 ? new TypeError("Failed to fetch") : json(200, attention);
    });
    openPage("/caseload");
    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();

    await expect(apiRequest(endpoints.attention.list)).resolves.toEqual(attention);
    expect(network.urls().filter((url) => url === "/api/attention")).toHaveLength(2);

    stubNetwork(() => new TypeError("Failed to fetch"));
    await expect(apiRequest(endpoints.attention.list)).rejects.toBeInstanceOf(NetworkError);
  });

  it("that nobody took are dropped once the first page is in", async () => {
    const network = stubNetwork(signedIn);
    openPage("/caseload");
    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();

    discardEarlyResponses();
    expect(takeEarlyResponse("/api/attention")).toBeUndefined();
    await apiRequest(endpoints.attention.list);
    expect(network.urls().filter((url) => url === "/api/attention")).toHaveLength(2);
  });
});

describe("no early requests", () => {
  it.each([
    ["a page not in the table", "/groups"],
    ["a page with a query string (the loaders read filters from it)", "/caseload?page=2"],
    ["an id the loaders would refuse", "/courses/not-an-id"],
    ["a longer address", `/courses/${COURSE_ID}/plan`],
  ])("on %s", async (_what, address) => {
    const network = stubNetwork(signedIn);
    openPage(address);

    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();

    expect(network.urls()).toEqual([]);
    expect(earlyAnswers()).toBeUndefined();
  });

  it("once the app has started (a late early script leaves the requests to the app)", async () => {
    const network = stubNetwork(signedIn);
    openPage("/caseload");

    closeEarlyRequests();
    startEarlyRequests(table, EARLY_REQUESTS_KEY);
    await settle();

    expect(network.urls()).toEqual([]);
    expect(takeEarlyResponse("/api/auth/session")).toBeUndefined();
  });
});
