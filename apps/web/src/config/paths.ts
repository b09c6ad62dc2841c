// Every link in the app is built here, so a route's URL is written exactly once.
import {
  queryString,
  type CaseloadQuery,
  type CockpitQuery,
  type GroupListQuery,
  type ListAuditEventsQuery,
  type ListUsersQuery,
  type Role,
} from "@ipt/shared";

type AccountsSearch = Partial<Pick<ListUsersQuery, "q" | "role" | "active" | "page">>;
type AuditSearch = Partial<Pick<ListAuditEventsQuery, "actorId" | "action" | "from" | "to" | "page">>;
type CaseloadSearch = Partial<Pick<CaseloadQuery, "q" | "status" | "phase" | "flagged" | "page">>;
type CockpitSearch = Partial<Pick<CockpitQuery, "therapistId" | "phase" | "flag" | "page">>;
type GroupsSearch = Partial<Pick<GroupListQuery, "page">>;

/** The set-up steps of a new course, in order, each its own page. */
const setupStep = (step: string) => ({
  path: `/clients/:clientId/courses/:courseId/setup/${step}`,
  getHref: (clientId: string, courseId: string) =>
    `/clients/${encodeURIComponent(clientId)}/courses/${encodeURIComponent(courseId)}/setup/${step}`,
});

/** A section (tab) of the course page, with its own URL. */
const courseSection = (section: string) => ({
  path: `/courses/:courseId/${section}`,
  getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/${section}`,
});

/** A section (tab) of the session page, with its own URL. */
const sessionSection = (section: string) => ({
  path: `/sessions/:sessionId/${section}`,
  getHref: (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}/${section}`,
});

/** Leave page 1 out of URLs: it is the default. */
function withoutFirstPage<T extends { page?: number }>(search: T): T {
  return search.page === 1 ? { ...search, page: undefined } : search;
}

export const paths = {
  home: {
    path: "/",
    getHref: () => "/",
  },
  auth: {
    login: {
      path: "/login",
      /** `next`: where to go after signing in. `sessionEnded`: say why they are here. */
      getHref: (next?: string | null, options: { sessionEnded?: boolean } = {}) =>
        `/login${queryString({ next, reason: options.sessionEnded ? "session-ended" : undefined })}`,
    },
    changePassword: {
      path: "/change-password",
      getHref: () => "/change-password",
    },
    /** Sign-in security: the authenticator app and recovery codes (docs/decisions/021). */
    security: {
      path: "/account/security",
      getHref: () => "/account/security",
    },
  },
  therapist: {
    caseload: {
      path: "/caseload",
      getHref: (search: CaseloadSearch = {}) => `/caseload${queryString(withoutFirstPage(search))}`,
    },
    /** Set-up step 1: the client and the course's format (creates both). */
    newClient: {
      path: "/clients/new",
      getHref: () => "/clients/new",
    },
    /** The client's details and courses; a new course is started here. */
    client: {
      path: "/clients/:clientId",
      getHref: (clientId: string) => `/clients/${encodeURIComponent(clientId)}`,
    },
    courseSetup: {
      inventory: setupStep("inventory"),
      problemArea: setupStep("problem-area"),
      formulation: setupStep("formulation"),
      plan: setupStep("plan"),
    },
    /** The course's overview; its other sections are `courseSection`s, and the measures page. */
    course: {
      path: "/courses/:courseId",
      getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}`,
    },
    courseSection: {
      plan: courseSection("plan"),
      formulation: courseSection("formulation"),
      history: courseSection("history"),
    },
    coursePrint: {
      path: "/courses/:courseId/print",
      getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/print`,
    },
    /** The relapse-prevention plan as a one-page handout for the client. */
    courseHandout: {
      path: "/courses/:courseId/relapse-plan",
      getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/relapse-plan`,
    },
    /** The session's record; its other sections are `sessionSection`s. */
    session: {
      path: "/sessions/:sessionId",
      getHref: (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`,
    },
    sessionSection: {
      measures: sessionSection("measures"),
      guidance: sessionSection("guidance"),
      supervision: sessionSection("supervision"),
    },
    /** Group IPT (docs/decisions/027): the therapist's groups, a new group, and one group's page. */
    groups: {
      path: "/groups",
      getHref: (search: GroupsSearch = {}) => `/groups${queryString(withoutFirstPage(search))}`,
    },
    newGroup: {
      path: "/groups/new",
      getHref: () => "/groups/new",
    },
    group: {
      path: "/groups/:groupId",
      getHref: (groupId: string) => `/groups/${encodeURIComponent(groupId)}`,
    },
    /** What waits for the therapist: risk follow-ups, supervisors' requests and comments, signing. */
    attention: {
      path: "/attention",
      getHref: () => "/attention",
    },
    /** Who can read the therapist's caseload, and the changes to that (docs/decisions/025). */
    caseloadAccess: {
      path: "/account/caseload-access",
      getHref: () => "/account/caseload-access",
    },
    /** The therapist's private calendar feed of their sessions: create, copy, revoke. */
    calendarFeed: {
      path: "/calendar-feed",
      getHref: () => "/calendar-feed",
    },
  },
  /** Pages the client's therapist and the therapist's supervisors both read. */
  clinical: {
    /** Scores, trend, outcome, schedule, alerts and risk flags of a course. */
    courseMeasures: {
      path: "/courses/:courseId/measures",
      getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/measures`,
    },
    /** The printable end-of-treatment summary. */
    courseSummary: {
      path: "/courses/:courseId/summary",
      getHref: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/summary`,
    },
  },
  /** The supervisor's pages: the cockpit, open risk flags, and read-only supervisee records. */
  supervision: {
    /** The cockpit: each supervisee at a glance, and their active clients, most urgent first. */
    cockpit: {
      path: "/supervision",
      getHref: (search: CockpitSearch = {}) => `/supervision${queryString(withoutFirstPage(search))}`,
    },
    /** Open risk flags among the supervisees' clients. */
    riskFlags: {
      path: "/supervision/risk-flags",
      getHref: () => "/supervision/risk-flags",
    },
    /** A supervisee's course, read only, with its fidelity ratings and the sessions proposed for review. */
    course: {
      path: "/supervision/courses/:courseId",
      getHref: (courseId: string) => `/supervision/courses/${encodeURIComponent(courseId)}`,
    },
    session: {
      path: "/supervision/sessions/:sessionId",
      getHref: (sessionId: string) => `/supervision/sessions/${encodeURIComponent(sessionId)}`,
    },
  },
  admin: {
    /** Redirects to the accounts list. */
    root: {
      path: "/admin",
      getHref: () => "/admin",
    },
    accounts: {
      path: "/admin/accounts",
      getHref: (search: AccountsSearch = {}) => `/admin/accounts${queryString(withoutFirstPage(search))}`,
    },
    account: {
      path: "/admin/accounts/:userId",
      getHref: (userId: string) => `/admin/accounts/${encodeURIComponent(userId)}`,
    },
    settings: {
      path: "/admin/settings",
      getHref: () => "/admin/settings",
    },
    fhirImport: {
      path: "/admin/fhir-import",
      getHref: () => "/admin/fhir-import",
    },
    audit: {
      path: "/admin/audit",
      getHref: (search: AuditSearch = {}) => `/admin/audit${queryString(withoutFirstPage(search))}`,
    },
  },
} as const;

/** Where each role lands after signing in (and what "/" redirects to). */
export function homePathForRole(role: Role): string {
  switch (role) {
    case "therapist":
      return paths.therapist.caseload.getHref();
    case "supervisor":
      return paths.supervision.cockpit.getHref();
    case "admin":
      return paths.admin.accounts.getHref();
  }
}
