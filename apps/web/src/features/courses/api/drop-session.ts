import { endpoints, type DropSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Removes a planned session from the plan; later sessions are renumbered. */
export function dropSession({ courseId, body }: CourseWrite<DropSessionRequest>) {
  return apiRequest(endpoints.courses.dropSession, { params: { courseId }, body });
}

export const useDropSession = () => useCourseMutation(dropSession);
