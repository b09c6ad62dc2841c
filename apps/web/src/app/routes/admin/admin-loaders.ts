// Loaders for the admin pages, apart from the pages themselves: the router imports these at start-up
// while each page's component is loaded on first visit (see ../../router.tsx).
import { listAuditEventsQuery, listUsersQuery, userId as userIdSchema } from "@ipt/shared";
import { noop, type QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import {
  listAuditEventsQueryOptions,
  type ListAuditEventsParams,
} from "../../../features/audit/api/list-audit-events";
import { measurementSettingsQueryOptions } from "../../../features/settings/api/measurement-settings";
import { getUserQueryOptions } from "../../../features/users/api/get-user";
import {
  activeTherapistsParams,
  listUsersQueryOptions,
  type ListUsersParams,
} from "../../../features/users/api/list-users";
import { parseSearchParams } from "../../../lib/search-params";
import { RouteStatusError } from "../../route-guards";

export function accountsParamsFromSearch(searchParams: URLSearchParams): ListUsersParams {
  return parseSearchParams(listUsersQuery, searchParams);
}

export function auditParamsFromSearch(searchParams: URLSearchParams): ListAuditEventsParams {
  return parseSearchParams(listAuditEventsQuery, searchParams);
}

/** Accounts offered in the audit log's "Actor" filter. */
export const auditActorParams = { pageSize: 100 } as const;

export const accountsLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const params = accountsParamsFromSearch(new URL(request.url).searchParams);
    // Failures are shown in the page (with "Try again"), not as an error page.
    await queryClient.query(listUsersQueryOptions(params)).catch(noop);
    return null;
  };

export const accountLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    if (!userIdSchema.safeParse(params.userId).success) {
      throw new RouteStatusError(404, "There is no account at this address.");
    }
    // A missing account (404) becomes the "not found" page.
    await queryClient.query({ ...getUserQueryOptions(params.userId ?? ""), staleTime: "static" });
    return null;
  };

export const auditLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const params = auditParamsFromSearch(new URL(request.url).searchParams);
    await Promise.all([
      queryClient.query(listAuditEventsQueryOptions(params)).catch(noop),
      queryClient.query(listUsersQueryOptions(auditActorParams)).catch(noop),
    ]);
    return null;
  };

export const measurementSettingsLoader = (queryClient: QueryClient) => async (): Promise<null> => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(measurementSettingsQueryOptions()).catch(noop);
  return null;
};

export const fhirImportLoader = (queryClient: QueryClient) => async () => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(listUsersQueryOptions(activeTherapistsParams)).catch(noop);
  return null;
};
