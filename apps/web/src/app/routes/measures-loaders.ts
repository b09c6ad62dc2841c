// Loader of the course measures page, read by the client's therapist and the therapist's
// supervisors: check the address, then fetch what the page shows through the query options the page
// reads. A course the user may not read answers 404, shown as "Page not found".
import { entityId } from "@ipt/shared";
import type { QueryClient } from "@tanstack/react-query";
import type { LoaderFunctionArgs } from "react-router";
import { getCourseMeasuresQueryOptions } from "../../features/measures/api/get-course-measures";
import { RouteStatusError } from "../route-guards";

export const courseMeasuresLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs): Promise<null> => {
    const parsed = entityId.safeParse(params.courseId);
    if (!parsed.success) throw new RouteStatusError(404, "There is no course at this address.");
    // Read again unless just read: scores are recorded on the session pages.
    await queryClient.query(getCourseMeasuresQueryOptions(parsed.data));
    return null;
  };
