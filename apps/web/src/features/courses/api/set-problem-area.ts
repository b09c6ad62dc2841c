import { courseDetail, type ProblemAreaRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** After the initial phase a change needs a reason; it is kept in the problem-area history. */
export function setProblemArea({ courseId, body }: CourseWrite<ProblemAreaRequest>) {
  return apiRequest(coursePath(courseId, "/problem-area"), courseDetail, { method: "PUT", body });
}

export const useSetProblemArea = () => useCourseMutation(setProblemArea);
