import { courseDetail, type RescheduleSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Moves a planned session to another date, and later ones by as many days if asked. */
export function rescheduleSession({ courseId, body }: CourseWrite<RescheduleSessionRequest>) {
  return apiRequest(coursePath(courseId, "/plan/reschedule"), courseDetail, { method: "POST", body });
}

export const useRescheduleSession = () => useCourseMutation(rescheduleSession);
