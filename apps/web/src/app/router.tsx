import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, redirect, type RouteObject } from "react-router";
import { homePathForRole, paths } from "../config/paths";
import { AppShell } from "./layouts/app-shell";
import { RootLayout } from "./layouts/root-layout";
import { forRoles, requireSession, sessionContext } from "./route-guards";
import { AccountRoute, accountLoader } from "./routes/admin/account";
import { AccountsRoute, accountsLoader } from "./routes/admin/accounts";
import { AuditRoute, auditLoader } from "./routes/admin/audit";
import { CaseloadRoute, caseloadLoader } from "./routes/caseload";
import { ChangePasswordRoute } from "./routes/change-password";
import {
  courseLoader,
  courseSetupLoader,
  inventoryStepLoader,
  sessionLoader,
} from "./routes/clinical-loaders";
import { CourseRoute } from "./routes/course";
import { CoursePrintRoute } from "./routes/course-print";
import { FormulationStepRoute } from "./routes/course-setup/formulation-step";
import { InventoryStepRoute } from "./routes/course-setup/inventory-step";
import { PlanStepRoute } from "./routes/course-setup/plan-step";
import { ProblemAreaStepRoute } from "./routes/course-setup/problem-area-step";
import { RootErrorPage, RouteErrorPage } from "./routes/error";
import { LoginRoute, loginLoader } from "./routes/login";
import { NewClientRoute } from "./routes/new-client";
import { NotFoundRoute } from "./routes/not-found";
import { SessionRoute } from "./routes/session";
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
                  loader: forRoles(["therapist"], caseloadLoader(queryClient)),
                  element: <CaseloadRoute />,
                },
                {
                  path: paths.therapist.newClient.path,
                  loader: forRoles(["therapist"]),
                  element: <NewClientRoute />,
                },
                {
                  path: paths.therapist.courseSetup.inventory.path,
                  loader: forRoles(["therapist"], inventoryStepLoader(queryClient)),
                  element: <InventoryStepRoute />,
                },
                {
                  path: paths.therapist.courseSetup.problemArea.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  element: <ProblemAreaStepRoute />,
                },
                {
                  path: paths.therapist.courseSetup.formulation.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  element: <FormulationStepRoute />,
                },
                {
                  path: paths.therapist.courseSetup.plan.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  element: <PlanStepRoute />,
                },
                {
                  path: paths.therapist.course.path,
                  loader: forRoles(["therapist"], courseLoader(queryClient)),
                  element: <CourseRoute />,
                },
                {
                  path: paths.therapist.coursePrint.path,
                  loader: forRoles(["therapist"], courseLoader(queryClient)),
                  element: <CoursePrintRoute />,
                },
                {
                  path: paths.therapist.session.path,
                  loader: forRoles(["therapist"], sessionLoader(queryClient)),
                  element: <SessionRoute />,
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
