import { courseDetail, type VersionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Refused (422 rule_unmet) while initial-phase tasks are missing; the error lists them. */
export function beginMiddlePhase({ courseId, body }: CourseWrite<VersionRequest>) {
  return apiRequest(coursePath(courseId, "/middle-phase"), courseDetail, { method: "POST", body });
}

export const useBeginMiddlePhase = () => useCourseMutation(beginMiddlePhase);
