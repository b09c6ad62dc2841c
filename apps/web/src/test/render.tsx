// Renders a component as the app would: inside a router (links, search params, navigation) and a
// fresh QueryClient per test that never retries, so a failed request shows at once.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import { userEvent, type UserEvent } from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { ServiceTimeZoneProvider } from "../lib/service-time-zone";

export interface RenderWithProvidersOptions {
  /** The URL the router starts at (default "/"). */
  route?: string;
  /** The route pattern the component is mounted at, for `useParams` (default: the route's path). */
  path?: string;
  /** Data already in the cache, as a loader would have left it. */
  queryClient?: QueryClient;
  /** The service's time zone, as the signed-in app shell provides it (default Europe/London). */
  timeZone?: string;
}

export interface RenderWithProvidersResult extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
  router: ReturnType<typeof createMemoryRouter>;
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderWithProviders(
  node: ReactNode,
  {
    route = "/",
    path,
    queryClient = createTestQueryClient(),
    timeZone = "Europe/London",
  }: RenderWithProvidersOptions = {},
): RenderWithProvidersResult {
  // Every other URL renders a marker, so a test can see that a link or navigation went elsewhere.
  const router = createMemoryRouter(
    [
      { path: path ?? new URL(route, "http://localhost").pathname, element: node },
      { path: "*", element: <p>Navigated away</p> },
    ],
    { initialEntries: [route] },
  );
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ServiceTimeZoneProvider value={timeZone}>
        <RouterProvider router={router} />
      </ServiceTimeZoneProvider>
    </QueryClientProvider>,
  );
  return { ...result, user, queryClient, router };
}
