import { courseDetail, type VersionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation, type CourseWrite } from "./cache";
import { coursePath } from "./get-course";

/** Moves the course into termination: the ending is raised with the client. */
export function raiseEnding({ courseId, body }: CourseWrite<VersionRequest>) {
  return apiRequest(coursePath(courseId, "/termination"), courseDetail, { method: "POST", body });
}

export const useRaiseEnding = () => useCourseMutation(raiseEnding);
