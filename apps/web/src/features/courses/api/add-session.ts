import { endpoints, type AddSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Adds a session at the end of the plan (one interval after the last, unless a date is given). */
export function addSession({ courseId, body }: CourseWrite<AddSessionRequest>) {
  return apiRequest(endpoints.courses.addSession, { params: { courseId }, body });
}

export const useAddSession = () => useCourseMutation(addSession);
