// Loaders of the therapist's group pages (docs/decisions/027), apart from the pages so the router
// loads each page's component on first visit.
import { entityId, groupListQuery } from "@ipt/shared";
import { noop, type QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import { getGroupQueryOptions } from "../../features/groups/api/get-group";
import { groupListQueryOptions, type GroupListParams } from "../../features/groups/api/list-groups";
import { parseSearchParams } from "../../lib/search-params";
import { RouteStatusError } from "../route-guards";

export function groupListParamsFromSearch(searchParams: URLSearchParams): GroupListParams {
  return parseSearchParams(groupListQuery, searchParams);
}

export const groupsLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs): Promise<null> => {
    const params = groupListParamsFromSearch(new URL(request.url).searchParams);
    // Failures are shown in the page (with "Try again"), not as an error page.
    await queryClient.query(groupListQueryOptions(params)).catch(noop);
    return null;
  };

/** One group: a group the therapist may not read is "not found". */
export const groupLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const parsed = entityId.safeParse(params.groupId);
    if (!parsed.success) throw new RouteStatusError(404, "There is no group at this address.");
    await queryClient.query(getGroupQueryOptions(parsed.data));
    return null;
  };
