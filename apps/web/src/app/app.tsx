// The composition root: one QueryClient, one router, one session guard, wired together.
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router/dom";
import { sessionQueryOptions } from "../features/auth/api/get-session";
import { configureApiClient } from "../lib/api-client";
import { closeEarlyRequests, discardEarlyResponses, fetchTakingEarlyAnswers } from "../lib/early-requests";
import { createQueryClient } from "./query-client";
import { createAppRouter } from "./router";
import { createSessionGuard, SessionGuardContext, type SessionGuard } from "./session-guard";

function createAppServices() {
  // The guard needs the QueryClient and the router, and the QueryClient reports errors to the
  // guard: break the circle with a forwarding handler.
  const onApiError = { current: (_error: unknown): void => undefined };
  const queryClient = createQueryClient((error) => onApiError.current(error));
  configureApiClient({
    getCsrfToken: () => queryClient.getQueryData(sessionQueryOptions().queryKey)?.csrfToken,
    fetch: fetchTakingEarlyAnswers,
  });
  // index.html's early script may have asked for this page's data already (lib/early-requests.ts):
  // from here on the app asks itself, and what the first page did not take is dropped once it is in.
  closeEarlyRequests();
  const router = createAppRouter(queryClient);
  const stopWatching = router.subscribe((state) => {
    if (state.initialized && state.navigation.state === "idle") {
      discardEarlyResponses();
      stopWatching();
    }
  });
  const guard: SessionGuard = createSessionGuard(queryClient, () => router);
  onApiError.current = guard.onApiError;
  return { queryClient, router, guard };
}

// The modules above are evaluated in the task that evaluates this file's script; the app's set-up
// (the router, its first navigation's loaders) runs in a task of its own, so neither is one long
// task that blocks the page (total blocking time, docs/benchmarks.md).
await new Promise<void>((resolve) => setTimeout(resolve, 0));

const { queryClient, router, guard } = createAppServices();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionGuardContext value={guard}>
        <RouterProvider router={router} />
      </SessionGuardContext>
    </QueryClientProvider>
  );
}
