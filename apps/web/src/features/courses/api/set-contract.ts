import { courseDetail, type ContractRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Saving the contract (re)generates the dated session plan. */
export function setContract({ courseId, body }: CourseWrite<ContractRequest>) {
  return apiRequest(coursePath(courseId, "/contract"), courseDetail, { method: "PUT", body });
}

export const useSetContract = () => useCourseMutation(setContract);
