import { endpoints, type ProblemAreaRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** After the initial phase a change needs a reason; it is kept in the problem-area history. */
export function setProblemArea({ courseId, body }: CourseWrite<ProblemAreaRequest>) {
  return apiRequest(endpoints.courses.setProblemArea, { params: { courseId }, body });
}

export const useSetProblemArea = () => useCourseMutation(setProblemArea);
