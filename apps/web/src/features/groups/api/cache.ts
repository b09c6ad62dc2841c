// Every group write answers with the whole group: keep the server's copy, and mark what else it
// changed as stale: the list of groups, the caseload (a member is a course) and each member's course
// (their sessions follow the group's).
import type { GroupDetail } from "@ipt/shared";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../lib/query-keys";

export function storeGroup(queryClient: QueryClient, group: GroupDetail): Promise<void> {
  queryClient.setQueryData(queryKeys.groups.detail(group.id), group);
  // Only what is on screen is read again now (the group page's client picker reads the caseload).
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.groups.lists }),
    queryClient.invalidateQueries({ queryKey: queryKeys.caseload.all }),
    ...group.members.map((member) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.courses.record(member.courseId) }),
    ),
  ]).then(() => undefined);
}

/** A write to one group: its params and body. */
export interface GroupWrite<Body> {
  groupId: string;
  body: Body;
}

/** A mutation whose answer is the whole group, stored as above. */
export function useGroupMutation<Input>(write: (input: Input) => Promise<GroupDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (group) => storeGroup(queryClient, group),
  });
}
