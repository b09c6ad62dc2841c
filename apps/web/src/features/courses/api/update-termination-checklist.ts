import { endpoints, type TerminationChecklistRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

export function updateTerminationChecklist({ courseId, body }: CourseWrite<TerminationChecklistRequest>) {
  return apiRequest(endpoints.courses.updateTerminationChecklist, { params: { courseId }, body });
}

export const useUpdateTerminationChecklist = () => useCourseMutation(updateTerminationChecklist);
