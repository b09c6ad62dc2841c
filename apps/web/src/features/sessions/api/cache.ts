import type { SessionDetail } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { refreshRecordQueries } from "../../../lib/record-queries";
import { getSessionQueryOptions } from "./get-session";

/** The body of a write to one session. */
export interface SessionWrite<Body> {
  sessionId: string;
  body: Body;
}

/** A mutation on a session that stores the session it answers with. */
export function useSessionMutation<Body>(write: (input: SessionWrite<Body>) => Promise<SessionDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (session) => {
      queryClient.setQueryData(getSessionQueryOptions(session.id).queryKey, session);
      // The course's plan, next session and flags follow its sessions: read them again.
      void refreshRecordQueries(queryClient, { courseId: session.course.id });
    },
  });
}
