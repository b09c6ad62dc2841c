import { endpoints, type CompleteCourseRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Refused (422 rule_unmet) while something the ending needs is missing; the error lists it. */
export function completeCourse({ courseId, body }: CourseWrite<CompleteCourseRequest>) {
  return apiRequest(endpoints.courses.complete, { params: { courseId }, body });
}

export const useCompleteCourse = () => useCourseMutation(completeCourse);
