import type { CourseDetail } from "@ipt/shared";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { getCourseQueryOptions } from "./get-course";

/** Every course write answers with the whole course: keep the server's copy. */
function storeCourse(queryClient: QueryClient, course: CourseDetail): void {
  queryClient.setQueryData(getCourseQueryOptions(course.id).queryKey, course);
}

/** The body of a write to one course. */
export interface CourseWrite<Body> {
  courseId: string;
  body: Body;
}

/** A mutation on a course that stores the course it answers with. */
export function useCourseMutation<Body>(write: (input: CourseWrite<Body>) => Promise<CourseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (course) => storeCourse(queryClient, course),
  });
}
