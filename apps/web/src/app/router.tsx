import type { QueryClient } from "@tanstack/react-query";
import type { ComponentType } from "react";
import { createBrowserRouter, redirect, type RouteObject } from "react-router";
import { homePathForRole, paths } from "../config/paths";
import { AppShell } from "./layouts/app-shell";
import { RootLayout } from "./layouts/root-layout";
import { forRoles, requireSession, sessionContext } from "./route-guards";
import {
  accountLoader,
  accountsLoader,
  auditLoader,
  fhirImportLoader,
  measurementSettingsLoader,
} from "./routes/admin/admin-loaders";
import { attentionLoader } from "./routes/attention-loader";
import { calendarFeedLoader } from "./routes/calendar-feed-loader";
import { caseloadAccessLoader } from "./routes/caseload-access-loader";
import { ChangePasswordRoute } from "./routes/change-password";
import {
  caseloadLoader,
  clientLoader,
  courseLoader,
  courseOverviewPrefetch,
  courseSetupLoader,
  courseSummaryLoader,
  inventoryStepLoader,
  sessionLoader,
  supervisionCockpitLoader,
  supervisionRiskFlagsLoader,
} from "./routes/clinical-loaders";
import { RootErrorPage, RouteErrorPage } from "./routes/error";
import { groupLoader, groupsLoader } from "./routes/groups-loaders";
import { courseMeasuresLoader } from "./routes/measures-loaders";
import { NotFoundRoute } from "./routes/not-found";
import { supervisionCourseLoader, supervisionSessionLoader } from "./routes/supervision-loaders";

/**
 * The pages behind a role are split out of the main bundle: each page's component is loaded on its
 * first visit, while its loader (kept in the main bundle, role check first) fetches the data at the
 * same time. Until both are ready the current page stays, with the progress bar showing.
 */
const lazyPage = (load: () => Promise<ComponentType>): RouteObject["lazy"] => ({ Component: load });

export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      element: <RootLayout />,
      errorElement: <RootErrorPage />,
      hydrateFallbackElement: <InitialLoading />,
      children: [
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
                  path: paths.auth.security.path,
                  lazy: lazyPage(
                    async () => (await import("./routes/account-security")).AccountSecurityRoute,
                  ),
                },
                {
                  path: paths.therapist.caseload.path,
                  loader: forRoles(["therapist"], caseloadLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/caseload")).CaseloadRoute),
                },
                {
                  path: paths.therapist.newClient.path,
                  loader: forRoles(["therapist"]),
                  lazy: lazyPage(async () => (await import("./routes/new-client")).NewClientRoute),
                },
                {
                  path: paths.therapist.client.path,
                  loader: forRoles(["therapist"], clientLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/client")).ClientRoute),
                },
                {
                  path: paths.therapist.courseSetup.inventory.path,
                  loader: forRoles(["therapist"], inventoryStepLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/course-setup/inventory-step")).InventoryStepRoute,
                  ),
                },
                {
                  path: paths.therapist.courseSetup.problemArea.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  lazy: lazyPage(
                    async () =>
                      (await import("./routes/course-setup/problem-area-step")).ProblemAreaStepRoute,
                  ),
                },
                {
                  path: paths.therapist.courseSetup.formulation.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/course-setup/formulation-step")).FormulationStepRoute,
                  ),
                },
                {
                  path: paths.therapist.courseSetup.plan.path,
                  loader: forRoles(["therapist"], courseSetupLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/course-setup/plan-step")).PlanStepRoute),
                },
                {
                  // The course's frame (header, next action, section tabs) around each section.
                  path: paths.therapist.course.path,
                  loader: forRoles(["therapist", "supervisor"], courseLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/course/course-layout")).CourseLayout),
                  children: [
                    {
                      index: true,
                      // A supervisor's view of a course is the review section.
                      loader: (args, handlerContext) => {
                        if (args.context.get(sessionContext).user.role === "supervisor") {
                          return redirect(paths.supervision.course.getHref(args.params.courseId ?? ""));
                        }
                        const allowed = forRoles(["therapist"])(args, handlerContext);
                        courseOverviewPrefetch(queryClient, args.params.courseId);
                        return allowed;
                      },
                      lazy: lazyPage(
                        async () => (await import("./routes/course/course-overview")).CourseOverviewRoute,
                      ),
                    },
                    {
                      path: paths.therapist.courseSection.plan.path,
                      loader: forRoles(["therapist"]),
                      lazy: lazyPage(
                        async () => (await import("./routes/course/course-plan")).CoursePlanRoute,
                      ),
                    },
                    {
                      path: paths.clinical.courseMeasures.path,
                      loader: forRoles(["therapist", "supervisor"], courseMeasuresLoader(queryClient)),
                      lazy: lazyPage(
                        async () => (await import("./routes/course/course-measures")).CourseMeasuresRoute,
                      ),
                    },
                    {
                      path: paths.therapist.courseSection.formulation.path,
                      loader: forRoles(["therapist"]),
                      lazy: lazyPage(
                        async () =>
                          (await import("./routes/course/course-formulation")).CourseFormulationRoute,
                      ),
                    },
                    {
                      path: paths.therapist.courseSection.history.path,
                      loader: forRoles(["therapist"]),
                      lazy: lazyPage(
                        async () => (await import("./routes/course/course-history")).CourseHistoryRoute,
                      ),
                    },
                  ],
                },
                {
                  path: paths.therapist.coursePrint.path,
                  loader: forRoles(["therapist"], courseLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/course-print")).CoursePrintRoute),
                },
                {
                  path: paths.therapist.courseHandout.path,
                  loader: forRoles(["therapist"], courseLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/relapse-plan-handout")).RelapsePlanHandoutRoute,
                  ),
                },
                {
                  // The session's frame (header, next action, section tabs) around each section.
                  path: paths.therapist.session.path,
                  loader: forRoles(["therapist"], sessionLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/session/session-layout")).SessionLayout),
                  children: [
                    {
                      index: true,
                      lazy: lazyPage(
                        async () => (await import("./routes/session/session-record")).SessionRecordRoute,
                      ),
                    },
                    {
                      path: paths.therapist.sessionSection.measures.path,
                      lazy: lazyPage(
                        async () => (await import("./routes/session/session-measures")).SessionMeasuresRoute,
                      ),
                    },
                    {
                      path: paths.therapist.sessionSection.guidance.path,
                      lazy: lazyPage(
                        async () => (await import("./routes/session/session-guidance")).SessionGuidanceRoute,
                      ),
                    },
                    {
                      path: paths.therapist.sessionSection.supervision.path,
                      lazy: lazyPage(
                        async () =>
                          (await import("./routes/session/session-supervision")).SessionSupervisionRoute,
                      ),
                    },
                  ],
                },
                {
                  path: paths.therapist.groups.path,
                  loader: forRoles(["therapist"], groupsLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/groups")).GroupsRoute),
                },
                {
                  path: paths.therapist.newGroup.path,
                  loader: forRoles(["therapist"]),
                  lazy: lazyPage(async () => (await import("./routes/new-group")).NewGroupRoute),
                },
                {
                  path: paths.therapist.group.path,
                  loader: forRoles(["therapist"], groupLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/group")).GroupRoute),
                },
                {
                  path: paths.therapist.calendarFeed.path,
                  loader: forRoles(["therapist"], calendarFeedLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/calendar-feed")).CalendarFeedRoute),
                },
                {
                  path: paths.therapist.attention.path,
                  loader: forRoles(["therapist"], attentionLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/attention")).AttentionRoute),
                },
                {
                  path: paths.therapist.caseloadAccess.path,
                  loader: forRoles(["therapist"], caseloadAccessLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/caseload-access")).CaseloadAccessRoute),
                },
                {
                  path: paths.clinical.courseSummary.path,
                  loader: forRoles(["therapist", "supervisor"], courseSummaryLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/course-summary")).CourseSummaryRoute),
                },
                {
                  path: paths.supervision.cockpit.path,
                  loader: forRoles(["supervisor"], supervisionCockpitLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/supervision-cockpit")).SupervisionCockpitRoute,
                  ),
                },
                {
                  path: paths.supervision.course.path,
                  loader: forRoles(["supervisor"], supervisionCourseLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/supervision-course")).SupervisionCourseRoute,
                  ),
                },
                {
                  path: paths.supervision.session.path,
                  loader: forRoles(["supervisor"], supervisionSessionLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/supervision-session")).SupervisionSessionRoute,
                  ),
                },
                {
                  path: paths.supervision.riskFlags.path,
                  loader: forRoles(["supervisor"], supervisionRiskFlagsLoader(queryClient)),
                  lazy: lazyPage(
                    async () => (await import("./routes/supervision-risk-flags")).SupervisionRiskFlagsRoute,
                  ),
                },
                {
                  path: paths.admin.root.path,
                  loader: forRoles(["admin"], () => redirect(paths.admin.accounts.getHref())),
                  element: null, // redirect only
                },
                {
                  path: paths.admin.accounts.path,
                  loader: forRoles(["admin"], accountsLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/admin/accounts")).AccountsRoute),
                },
                {
                  path: paths.admin.account.path,
                  loader: forRoles(["admin"], accountLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/admin/account")).AccountRoute),
                },
                {
                  path: paths.admin.settings.path,
                  loader: forRoles(["admin"], measurementSettingsLoader(queryClient)),
                  lazy: lazyPage(
                    async () =>
                      (await import("./routes/admin/measurement-settings")).MeasurementSettingsRoute,
                  ),
                },
                {
                  path: paths.admin.fhirImport.path,
                  loader: forRoles(["admin"], fhirImportLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/admin/fhir-import")).FhirImportRoute),
                },
                {
                  path: paths.admin.audit.path,
                  loader: forRoles(["admin"], auditLoader(queryClient)),
                  lazy: lazyPage(async () => (await import("./routes/admin/audit")).AuditRoute),
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

/** Until the first page's loaders are done; index.html shows the same markup before the scripts run. */
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
