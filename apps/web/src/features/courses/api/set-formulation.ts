import { endpoints, type FormulationRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** The interpersonal formulation, and the date the client agreed with it. */
export function setFormulation({ courseId, body }: CourseWrite<FormulationRequest>) {
  return apiRequest(endpoints.courses.setFormulation, { params: { courseId }, body });
}

export const useSetFormulation = () => useCourseMutation(setFormulation);
