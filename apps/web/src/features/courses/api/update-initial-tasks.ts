import { endpoints, type InitialTasksRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** "Diagnosis named with the client" and "Sick role given". */
export function updateInitialTasks({ courseId, body }: CourseWrite<InitialTasksRequest>) {
  return apiRequest(endpoints.courses.updateInitialTasks, { params: { courseId }, body });
}

export const useUpdateInitialTasks = () => useCourseMutation(updateInitialTasks);
