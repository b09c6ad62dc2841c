import { endpoints, type ListUsersQuery } from "@ipt/shared";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type ListUsersParams = Partial<ListUsersQuery>;

export function listUsers(params: ListUsersParams, signal?: AbortSignal) {
  return apiRequest(endpoints.users.list, { query: params, signal });
}

/**
 * `listUsersQueryOptions().queryKey` (no params) partially matches every account list, so
 * mutations invalidate all of them with it.
 */
export const listUsersQueryOptions = (params: ListUsersParams = {}) =>
  queryOptions({
    queryKey: queryKeys.users.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
  });

export function useUsers(params: ListUsersParams = {}) {
  // Keep the previous page on screen while the next one loads (no jump to an empty table).
  return useQuery({ ...listUsersQueryOptions(params), placeholderData: keepPreviousData });
}

/** Active supervisors, for the "Assign supervisor" select. */
export const activeSupervisorsParams: ListUsersParams = {
  role: "supervisor",
  active: "true",
  pageSize: 100,
};

/** Active therapists, for assigning an imported course. */
export const activeTherapistsParams: ListUsersParams = {
  role: "therapist",
  active: "true",
  pageSize: 100,
};
