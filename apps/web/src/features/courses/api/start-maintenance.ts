import { endpoints, type StartMaintenanceRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { getCourseQueryOptions } from "./get-course";

/** A maintenance course after the completed acute course `courseId`; answers with the new course. */
export function startMaintenance({ courseId, body }: { courseId: string; body: StartMaintenanceRequest }) {
  return apiRequest(endpoints.courses.startMaintenance, { params: { courseId }, body });
}

/** Stores the new course and reads the acute course again (it now lists its maintenance course). */
export function useStartMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startMaintenance,
    onSuccess: async (course, { courseId }) => {
      queryClient.setQueryData(getCourseQueryOptions(course.id).queryKey, course);
      await queryClient.invalidateQueries({ queryKey: getCourseQueryOptions(courseId).queryKey });
    },
  });
}
