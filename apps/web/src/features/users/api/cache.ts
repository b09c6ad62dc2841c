import type { AdminUser } from "@ipt/shared";
import type { QueryClient } from "@tanstack/react-query";
import { getUserQueryOptions } from "./get-user";
import { listUsersQueryOptions } from "./list-users";

function linkedIds(user: AdminUser | undefined): string[] {
  if (!user) return [];
  return [...user.supervisors, ...user.supervisees].map((person) => person.id);
}

/**
 * After any change to an account: store the server's copy of it, and refresh every account list
 * plus the accounts linked to it by supervision before or after the change (their supervisor or
 * supervisee lists changed too).
 */
export async function storeChangedUser(queryClient: QueryClient, user: AdminUser): Promise<void> {
  const { queryKey } = getUserQueryOptions(user.id);
  const previous = queryClient.getQueryData(queryKey);
  queryClient.setQueryData(queryKey, user);
  const linked = new Set([...linkedIds(previous), ...linkedIds(user)]);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: listUsersQueryOptions().queryKey }),
    ...[...linked].map((id) => queryClient.invalidateQueries({ queryKey: getUserQueryOptions(id).queryKey })),
  ]);
}
