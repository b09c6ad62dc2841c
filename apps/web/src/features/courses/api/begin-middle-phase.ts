import { endpoints, type VersionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Refused (422 rule_unmet) while initial-phase tasks are missing; the error lists them. */
export function beginMiddlePhase({ courseId, body }: CourseWrite<VersionRequest>) {
  return apiRequest(endpoints.courses.beginMiddlePhase, { params: { courseId }, body });
}

export const useBeginMiddlePhase = () => useCourseMutation(beginMiddlePhase);
