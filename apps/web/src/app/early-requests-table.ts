// The pages whose data the built index.html asks for while the app's scripts load (src/lib/early-requests.ts,
// vite-plugins/early-requests.ts): the signed-in pages a clinician opens most, often straight from a
// link or a bookmark. Each entry says what the page's loaders ask for first, as they ask for it.
//
// Plain strings, as the build reads this file before the app's modules exist; that each one is what
// the router's paths and loaders use (the `paths` object, the shared endpoint table, the caseload's
// default query) is checked by early-requests-table.test.ts, so an entry cannot drift from them
// silently. A request the app does not make is simply never taken (and dropped after the first page).
// `modules` are the route modules the router loads for the page (router.tsx); the build fails on one
// that is not a lazily loaded module (vite-plugins/early-requests.ts).
import type { EarlyRequestTable } from "../lib/early-requests";

export const earlyRequestTable: EarlyRequestTable = {
  session: "/api/auth/session",
  always: ["/api/attention"],
  pages: [
    {
      page: "/caseload",
      requests: ["/api/clients?page=1&pageSize=25"],
      modules: ["src/app/routes/caseload.tsx"],
    },
    {
      page: "/courses/:courseId",
      requests: [
        "/api/courses/:courseId",
        "/api/courses/:courseId/cosignatures",
        "/api/courses/:courseId/review-threads?target=formulation",
        "/api/courses/:courseId/review-threads?target=plan",
      ],
      modules: ["src/app/routes/course/course-layout.tsx", "src/app/routes/course/course-overview.tsx"],
    },
    {
      page: "/sessions/:sessionId",
      requests: ["/api/sessions/:sessionId"],
      modules: ["src/app/routes/session/session-layout.tsx", "src/app/routes/session/session-record.tsx"],
    },
  ],
};
