import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, redirect, type RouteObject } from "react-router";
import { homePathForRole, paths } from "../config/paths";
import { AppShell } from "./layouts/app-shell";
import { RootLayout } from "./layouts/root-layout";
import { forRoles, requireSession, sessionContext } from "./route-guards";
import { AccountRoute, accountLoader } from "./routes/admin/account";
import { AccountsRoute, accountsLoader } from "./routes/admin/accounts";
import { AuditRoute, auditLoader } from "./routes/admin/audit";
import { CaseloadRoute } from "./routes/caseload";
import { ChangePasswordRoute } from "./routes/change-password";
import { RootErrorPage, RouteErrorPage } from "./routes/error";
import { LoginRoute, loginLoader } from "./routes/login";
import { NotFoundRoute } from "./routes/not-found";
import { SuperviseesRoute } from "./routes/supervisees";

export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      element: <RootLayout />,
      errorElement: <RootErrorPage />,
      hydrateFallbackElement: <InitialLoading />,
      children: [
        {
          path: paths.auth.login.path,
          loader: loginLoader(queryClient),
          element: <LoginRoute />,
        },
        {
          // Everything below needs a session (and a password of the user's own choosing).
          middleware: [requireSession(queryClient)],
          element: <AppShell />,
          children: [
            {
              // Errors in a page render inside the shell, so navigation stays available.
              errorElement: <RouteErrorPage />,
              children: [
                {
                  index: true,
                  loader: ({ context }) => redirect(homePathForRole(context.get(sessionContext).user.role)),
                  element: null, // redirect only
                },
                {
                  path: paths.auth.changePassword.path,
                  element: <ChangePasswordRoute />,
                },
                {
                  path: paths.therapist.caseload.path,
                  loader: forRoles(["therapist"]),
                  element: <CaseloadRoute />,
                },
                {
                  path: paths.supervisor.supervisees.path,
                  loader: forRoles(["supervisor"]),
                  element: <SuperviseesRoute />,
                },
                {
                  path: paths.admin.root.path,
                  loader: forRoles(["admin"], () => redirect(paths.admin.accounts.getHref())),
                  element: null, // redirect only
                },
                {
                  path: paths.admin.accounts.path,
                  loader: forRoles(["admin"], accountsLoader(queryClient)),
                  element: <AccountsRoute />,
                },
                {
                  path: paths.admin.account.path,
                  loader: forRoles(["admin"], accountLoader(queryClient)),
                  element: <AccountRoute />,
                },
                {
                  path: paths.admin.audit.path,
                  loader: forRoles(["admin"], auditLoader(queryClient)),
                  element: <AuditRoute />,
                },
                { path: "*", element: <NotFoundRoute /> },
              ],
            },
          ],
        },
      ],
    },
  ];
}

function InitialLoading() {
  return (
    <main id="main" className="main main--loading">
      <p role="status" className="state state--loading">
        <span className="spinner" aria-hidden="true" />
        Loading IPT Session Planner…
      </p>
    </main>
  );
}

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(createRoutes(queryClient));
}
