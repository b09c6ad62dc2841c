import { courseDetail, type FormulationRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** The interpersonal formulation, and the date the client agreed with it. */
export function setFormulation({ courseId, body }: CourseWrite<FormulationRequest>) {
  return apiRequest(coursePath(courseId, "/formulation"), courseDetail, { method: "PUT", body });
}

export const useSetFormulation = () => useCourseMutation(setFormulation);
