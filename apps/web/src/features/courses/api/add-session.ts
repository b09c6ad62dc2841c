import { courseDetail, type AddSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Adds a session at the end of the plan (one interval after the last, unless a date is given). */
export function addSession({ courseId, body }: CourseWrite<AddSessionRequest>) {
  return apiRequest(coursePath(courseId, "/plan/sessions"), courseDetail, { method: "POST", body });
}

export const useAddSession = () => useCourseMutation(addSession);
