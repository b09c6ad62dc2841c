import { endpoints, type GriefTasksRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

export function updateGriefTasks({ courseId, body }: CourseWrite<GriefTasksRequest>) {
  return apiRequest(endpoints.courses.updateGriefTasks, { params: { courseId }, body });
}

export const useUpdateGriefTasks = () => useCourseMutation(updateGriefTasks);
