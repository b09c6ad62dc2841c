// Loaders of a supervisor's read-only review pages: check the address, then fetch what the page
// shows through the query options the page reads. A course or session the supervisor may not read
// (not a supervisee's, or the assignment has ended) answers 404, shown as "Page not found".
import { entityId } from "@ipt/shared";
import { noop, type QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import { getCourseQueryOptions } from "../../features/courses/api/get-course";
import { getCourseFidelityQueryOptions } from "../../features/fidelity/api/get-course-fidelity";
import { getSessionQueryOptions } from "../../features/sessions/api/get-session";
import { RouteStatusError } from "../route-guards";

function idFrom(value: string | undefined, message: string): string {
  const parsed = entityId.safeParse(value);
  if (!parsed.success) throw new RouteStatusError(404, message);
  return parsed.data;
}

export const supervisionCourseLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const courseId = idFrom(params.courseId, "There is no course at this address.");
    // Both at once; the ratings' failures are shown in their section (with "Try again").
    await Promise.all([
      queryClient.query(getCourseQueryOptions(courseId)),
      queryClient.query(getCourseFidelityQueryOptions(courseId)).catch(noop),
    ]);
    return null;
  };

export const supervisionSessionLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const sessionId = idFrom(params.sessionId, "There is no session at this address.");
    const session = await queryClient.query(getSessionQueryOptions(sessionId));
    // The ratings are read per course; failures are shown in the page's rating section.
    await queryClient.query(getCourseFidelityQueryOptions(session.course.id)).catch(noop);
    return null;
  };
