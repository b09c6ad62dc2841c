import { courseDetail, type DropSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Removes a planned session from the plan; later sessions are renumbered. */
export function dropSession({ courseId, body }: CourseWrite<DropSessionRequest>) {
  return apiRequest(coursePath(courseId, "/plan/drop"), courseDetail, { method: "POST", body });
}

export const useDropSession = () => useCourseMutation(dropSession);
