import { endpoints, type ContractRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Saving the contract (re)generates the dated session plan. */
export function setContract({ courseId, body }: CourseWrite<ContractRequest>) {
  return apiRequest(endpoints.courses.setContract, { params: { courseId }, body });
}

export const useSetContract = () => useCourseMutation(setContract);
