import { courseDetail, type CancelSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Marks a planned session cancelled, optionally adding a replacement at the end. */
export function cancelSession({ courseId, body }: CourseWrite<CancelSessionRequest>) {
  return apiRequest(coursePath(courseId, "/plan/cancel"), courseDetail, { method: "POST", body });
}

export const useCancelSession = () => useCourseMutation(cancelSession);
