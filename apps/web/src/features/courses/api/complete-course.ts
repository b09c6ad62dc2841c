import { courseDetail, type CompleteCourseRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Refused (422 rule_unmet) while something the ending needs is missing; the error lists it. */
export function completeCourse({ courseId, body }: CourseWrite<CompleteCourseRequest>) {
  return apiRequest(coursePath(courseId, "/completion"), courseDetail, { method: "POST", body });
}

export const useCompleteCourse = () => useCourseMutation(completeCourse);
