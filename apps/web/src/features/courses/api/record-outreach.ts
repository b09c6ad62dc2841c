import { endpoints, type OutreachAttemptRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Records an outreach attempt (when, how, outcome); answers with the course. */
export function recordOutreach({ courseId, body }: CourseWrite<OutreachAttemptRequest>) {
  return apiRequest(endpoints.courses.recordOutreach, { params: { courseId }, body });
}

export const useRecordOutreach = () => useCourseMutation(recordOutreach);
