// Loaders for the clinical pages (the therapist's, and those supervisors read too): check the address, then fetch what the page shows
// through the same query options the page reads. A missing record (404) becomes "Page not found".
// They live apart from the pages so the router can load each page's component on first visit.
import { caseloadQuery, cockpitQuery, entityId, type CourseDetail } from "@ipt/shared";
import { noop, type QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import { getClientQueryOptions } from "../../features/clients/api/get-client";
import { caseloadQueryOptions, type CaseloadParams } from "../../features/caseload/api/list-caseload";
import { getCourseQueryOptions } from "../../features/courses/api/get-course";
import { getInventoryQueryOptions } from "../../features/inventory/api/get-inventory";
import { getSessionQueryOptions } from "../../features/sessions/api/get-session";
import { getCourseCoSignsQueryOptions } from "../../features/review/api/get-course-cosigns";
import { reviewThreadsQueryOptions } from "../../features/review/api/list-review-threads";
import { getEndOfTreatmentSummaryQueryOptions } from "../../features/summary/api/get-summary";
import { cockpitQueryOptions, type CockpitParams } from "../../features/supervision/api/get-cockpit";
import { therapistSummariesQueryOptions } from "../../features/supervision/api/get-therapist-summaries";
import { supervisionRiskFlagsQueryOptions } from "../../features/supervision/api/list-risk-flags";
import { parseSearchParams } from "../../lib/search-params";
import { RouteStatusError } from "../route-guards";

function idFrom(value: string | undefined, message: string): string {
  const parsed = entityId.safeParse(value);
  if (!parsed.success) throw new RouteStatusError(404, message);
  return parsed.data;
}

export function caseloadParamsFromSearch(searchParams: URLSearchParams): CaseloadParams {
  return parseSearchParams(caseloadQuery, searchParams);
}

export const caseloadLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs): Promise<null> => {
    const params = caseloadParamsFromSearch(new URL(request.url).searchParams);
    // Failures are shown in the page (with "Try again"), not as an error page.
    await queryClient.query(caseloadQueryOptions(params)).catch(noop);
    return null;
  };

export const clientLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const clientId = idFrom(params.clientId, "There is no client at this address.");
    // Read again unless just read: the edit form keeps the version it opens with.
    await queryClient.query(getClientQueryOptions(clientId));
    return null;
  };

export const courseLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const courseId = idFrom(params.courseId, "There is no course at this address.");
    await queryClient.query({ ...getCourseQueryOptions(courseId), staleTime: "static" });
    return null;
  };

/**
 * The course overview's supervision review (co-sign status, the formulation's and the plan's threads):
 * asked for with the course rather than after the page has rendered (one round trip fewer before the
 * page is complete). Not awaited: the page shows them when they come, as before.
 */
export const courseOverviewPrefetch = (queryClient: QueryClient, courseId: string | undefined): void => {
  const parsed = entityId.safeParse(courseId);
  if (!parsed.success) return;
  void queryClient.query(getCourseCoSignsQueryOptions(parsed.data)).catch(noop);
  for (const target of ["formulation", "plan"] as const) {
    void queryClient.query(reviewThreadsQueryOptions({ courseId: parsed.data, target })).catch(noop);
  }
};

/** A set-up step: the course must belong to the client named in the address. */
async function setupCourse(
  queryClient: QueryClient,
  params: LoaderFunctionArgs["params"],
): Promise<CourseDetail> {
  const courseId = idFrom(params.courseId, "There is no course at this address.");
  const course = await queryClient.query({ ...getCourseQueryOptions(courseId), staleTime: "static" });
  if (course.client.id !== params.clientId) {
    throw new RouteStatusError(404, "There is no course at this address.");
  }
  return course;
}

export const courseSetupLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    await setupCourse(queryClient, params);
    return null;
  };

/** The inventory step also shows the client's people and life events. */
export const inventoryStepLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const course = await setupCourse(queryClient, params);
    // Failures are shown in the page (with "Try again"), not as an error page.
    await queryClient.query(getInventoryQueryOptions(course.client.id)).catch(noop);
    return null;
  };

export const sessionLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const sessionId = idFrom(params.sessionId, "There is no session at this address.");
    // Read again unless just read: a plan edit may have changed the agenda since (e.g. the one the
    // set-up's plan preview cached), and the session form keeps the agenda it opens with.
    const session = await queryClient.query(getSessionQueryOptions(sessionId));
    // The header shows the course's open risk flags: asked for now rather than after the first render
    // (not awaited: the page does not wait for them).
    void queryClient.query(getCourseQueryOptions(session.course.id)).catch(noop);
    return null;
  };

/** The end-of-treatment summary (therapist and supervisors): a course they may not read is "not found". */
export const courseSummaryLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const courseId = idFrom(params.courseId, "There is no course at this address.");
    await queryClient.query({ ...getEndOfTreatmentSummaryQueryOptions(courseId), staleTime: "static" });
    return null;
  };

/** The supervisor's open risk flags page. */
export const supervisionRiskFlagsLoader = (queryClient: QueryClient) => async (): Promise<null> => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(supervisionRiskFlagsQueryOptions()).catch(noop);
  return null;
};

export function cockpitParamsFromSearch(searchParams: URLSearchParams): CockpitParams {
  return parseSearchParams(cockpitQuery, searchParams);
}

/** The supervisor's home: the open risk flags notice, each supervisee at a glance, and the cockpit. */
export const supervisionCockpitLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs): Promise<null> => {
    const params = cockpitParamsFromSearch(new URL(request.url).searchParams);
    // Failures are shown in the page (with "Try again"), not as an error page.
    await Promise.all([
      queryClient.query(supervisionRiskFlagsQueryOptions()).catch(noop),
      queryClient.query(therapistSummariesQueryOptions()).catch(noop),
      queryClient.query(cockpitQueryOptions(params)).catch(noop),
    ]);
    return null;
  };
