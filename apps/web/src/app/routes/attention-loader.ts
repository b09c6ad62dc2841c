// Loader of the therapist's attention page, apart from the page so the router loads the page's
// component on first visit.
import { noop, type QueryClient } from "@tanstack/react-query";
import { attentionQueryOptions } from "../../features/attention/api/get-attention";

export const attentionLoader = (queryClient: QueryClient) => async (): Promise<null> => {
  // Failures are shown in the page (with "Try again"), not as an error page.
  await queryClient.query(attentionQueryOptions()).catch(noop);
  return null;
};
