import { useQueryClient } from "@tanstack/react-query";
import { attentionKey } from "./get-attention";

/**
 * After a thread is opened, answered or resolved, every query about its course is read again: the
 * threads themselves, and the co-sign status (open change requests block co-signing) whose key, in
 * the co-sign feature, also names the course. Features do not import each other, so the course id
 * is the link. The therapist's attention list changes too.
 */
export function useRefreshAfterThreadWrite() {
  const queryClient = useQueryClient();
  return (courseId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(courseId) }),
      queryClient.invalidateQueries({ queryKey: attentionKey }),
    ]);
}
