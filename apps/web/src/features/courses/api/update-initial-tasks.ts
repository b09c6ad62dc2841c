import { courseDetail, type InitialTasksRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** "Diagnosis named with the client" and "Sick role given". */
export function updateInitialTasks({ courseId, body }: CourseWrite<InitialTasksRequest>) {
  return apiRequest(coursePath(courseId, "/initial-tasks"), courseDetail, { method: "PATCH", body });
}

export const useUpdateInitialTasks = () => useCourseMutation(updateInitialTasks);
