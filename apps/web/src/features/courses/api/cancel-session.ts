import { endpoints, type CancelSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Marks a planned session cancelled, optionally adding a replacement at the end. */
export function cancelSession({ courseId, body }: CourseWrite<CancelSessionRequest>) {
  return apiRequest(endpoints.courses.cancelSession, { params: { courseId }, body });
}

export const useCancelSession = () => useCourseMutation(cancelSession);
