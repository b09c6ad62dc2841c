// The early requests' table (./early-requests-table.ts) says what the router's pages and loaders ask
// for: checked against the `paths` object and against the requests the loaders themselves make, so an
// entry cannot drift from them silently (an early answer nobody takes is only wasted).
import { endpointPath, endpoints } from "@ipt/shared";
import { QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../config/paths";
import { attentionQueryOptions } from "../features/attention/api/get-attention";
import { sessionQueryOptions } from "../features/auth/api/get-session";
import { configureApiClient } from "../lib/api-client";
import { earlyRequestTable } from "./early-requests-table";
import {
  caseloadLoader,
  courseLoader,
  courseOverviewPrefetch,
  sessionLoader,
} from "./routes/clinical-loaders";

const urlOf = (input: RequestInfo | URL) =>
  typeof input === "string" ? input : input instanceof URL ? input.href : input.url;

const COURSE_ID = "29273793-2b17-4fac-aea7-1f0b3b6822e7";
const SESSION_ID = "d779ce63-cfb1-4f69-8fef-96cb31a58744";

/** Runs `load` with a network that answers 503 to everything, and returns the paths it asked for. */
async function requestsOf(load: (queryClient: QueryClient) => Promise<unknown>): Promise<string[]> {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(null, { status: 503 }));
  configureApiClient({ fetch });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await load(queryClient).catch(() => undefined);
  // The loaders' requests that are not awaited go out in the same turn; let them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return fetch.mock.calls.map(([input]) => urlOf(input));
}

const loaderArgs = (url: string, params: Record<string, string>) =>
  ({ request: new Request(`http://localhost${url}`), params }) as unknown as LoaderFunctionArgs;

const entryFor = (page: string) => {
  const entry = earlyRequestTable.pages.find((candidate) => candidate.page === page);
  if (!entry) throw new Error(`The table has no entry for ${page}.`);
  return entry;
};

const filled = (templates: readonly string[], params: Record<string, string>) =>
  templates.map((template) => template.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? ""));

afterEach(() => {
  configureApiClient({ fetch: (...args) => globalThis.fetch(...args) });
});

describe("the early requests' table", () => {
  it("asks for the session check and the navigation's attention count as the app does", async () => {
    expect(earlyRequestTable.session).toBe(endpointPath(endpoints.auth.session));
    expect(await requestsOf((queryClient) => queryClient.query(sessionQueryOptions()))).toEqual([
      earlyRequestTable.session,
    ]);
    expect(await requestsOf((queryClient) => queryClient.query(attentionQueryOptions()))).toEqual(
      earlyRequestTable.always,
    );
  });

  it("names only pages of the router, each once", () => {
    const pages = earlyRequestTable.pages.map((entry) => entry.page);
    expect(pages).toEqual([
      paths.therapist.caseload.path,
      paths.therapist.course.path,
      paths.therapist.session.path,
    ]);
  });

  it("asks for what the caseload's loader asks for, with no filters in the address", async () => {
    const asked = await requestsOf((queryClient) =>
      caseloadLoader(queryClient)(loaderArgs(paths.therapist.caseload.getHref(), {})),
    );
    expect(entryFor(paths.therapist.caseload.path).requests).toEqual(asked);
  });

  it("asks for what the course's loaders ask for on its overview", async () => {
    const asked = await requestsOf(async (queryClient) => {
      courseOverviewPrefetch(queryClient, COURSE_ID);
      await courseLoader(queryClient)(
        loaderArgs(paths.therapist.course.getHref(COURSE_ID), { courseId: COURSE_ID }),
      );
    });
    const early = filled(entryFor(paths.therapist.course.path).requests, { courseId: COURSE_ID });
    expect([...early].sort()).toEqual([...asked].sort());
  });

  it("asks for what the session's loader asks for first", async () => {
    const asked = await requestsOf((queryClient) =>
      sessionLoader(queryClient)(
        loaderArgs(paths.therapist.session.getHref(SESSION_ID), { sessionId: SESSION_ID }),
      ),
    );
    expect(filled(entryFor(paths.therapist.session.path).requests, { sessionId: SESSION_ID })).toEqual(asked);
  });
});
