import { endpoints, type RescheduleSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Moves a planned session to another date, and later ones by as many days if asked. */
export function rescheduleSession({ courseId, body }: CourseWrite<RescheduleSessionRequest>) {
  return apiRequest(endpoints.courses.rescheduleSession, { params: { courseId }, body });
}

export const useRescheduleSession = () => useCourseMutation(rescheduleSession);
