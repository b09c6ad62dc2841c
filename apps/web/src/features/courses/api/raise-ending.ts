import { endpoints, type RaiseEndingRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";

/** Moves the course into termination: the ending is raised with the client. */
export function raiseEnding({ courseId, body }: CourseWrite<RaiseEndingRequest>) {
  return apiRequest(endpoints.courses.raiseEnding, { params: { courseId }, body });
}

export const useRaiseEnding = () => useCourseMutation(raiseEnding);
