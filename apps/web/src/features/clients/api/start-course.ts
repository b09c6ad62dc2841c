import { endpoints, type CreateCourseRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { refreshCaseload, refreshClient } from "./cache";

/** Opens a new course for the client; answers with the course. */
export function startCourse({ clientId, body }: { clientId: string; body: CreateCourseRequest }) {
  return apiRequest(endpoints.courses.start, { params: { clientId }, body });
}

export function useStartCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startCourse,
    onSuccess: (_course, { clientId }) => {
      // Not waited for: the page moves on to the new course's set-up.
      void refreshClient(queryClient, clientId);
      return refreshCaseload(queryClient);
    },
  });
}
