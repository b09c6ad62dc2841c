import { courseDetail, type TerminationChecklistRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

export function updateTerminationChecklist({ courseId, body }: CourseWrite<TerminationChecklistRequest>) {
  return apiRequest(coursePath(courseId, "/termination-checklist"), courseDetail, { method: "PATCH", body });
}

export const useUpdateTerminationChecklist = () => useCourseMutation(updateTerminationChecklist);
