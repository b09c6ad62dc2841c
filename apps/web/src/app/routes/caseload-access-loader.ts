// Loader of the therapist's "who can read your caseload" page, apart from the page so the router
// loads the page's component on first visit.
import { noop, type QueryClient } from "@tanstack/react-query";
import { caseloadAccessQueryOptions } from "../../features/users/api/get-caseload-access";

export const caseloadAccessLoader = (queryClient: QueryClient) => async (): Promise<null> => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(caseloadAccessQueryOptions()).catch(noop);
  return null;
};
