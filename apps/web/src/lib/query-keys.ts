// Every TanStack Query key of the app, built here once, one entry per feature. Keys are
// hierarchical: everything about one course starts with `courses.record(id)`, so a write to the
// course refreshes its detail, measures, summary, fidelity ratings, review threads and
// co-signatures with one prefix, and a feature never retypes another feature's key.
import type {
  CaseloadQuery,
  CockpitQuery,
  GroupListQuery,
  ListAuditEventsQuery,
  ListUsersQuery,
  ReviewTarget,
} from "@ipt/shared";

type Params<T> = Partial<T>;

export const queryKeys = {
  auth: {
    session: ["auth", "session"] as const,
    factors: ["auth", "factors"] as const,
  },
  me: {
    supervisors: ["me", "supervisors"] as const,
    caseloadAccess: ["me", "caseload-access"] as const,
  },
  caseload: {
    all: ["caseload"] as const,
    list: (params: Params<CaseloadQuery>) => ["caseload", params] as const,
  },
  clients: {
    record: (clientId: string) => ["clients", clientId] as const,
    detail: (clientId: string) => ["clients", clientId, "detail"] as const,
    inventory: (clientId: string) => ["clients", clientId, "inventory"] as const,
  },
  courses: {
    record: (courseId: string) => ["courses", courseId] as const,
    detail: (courseId: string) => ["courses", courseId, "detail"] as const,
    measures: (courseId: string) => ["courses", courseId, "measures"] as const,
    summary: (courseId: string) => ["courses", courseId, "summary"] as const,
    fidelity: (courseId: string) => ["courses", courseId, "fidelity"] as const,
    coSignatures: (courseId: string) => ["courses", courseId, "co-signatures"] as const,
    questionnaireLinks: (courseId: string) => ["courses", courseId, "questionnaire-links"] as const,
    reviewThreads: (courseId: string) => ["courses", courseId, "review-threads"] as const,
    reviewThreadsOf: (courseId: string, target: ReviewTarget, sessionId: string | null) =>
      ["courses", courseId, "review-threads", target, sessionId] as const,
  },
  sessions: {
    record: (sessionId: string) => ["sessions", sessionId] as const,
  },
  groups: {
    all: ["groups"] as const,
    lists: ["groups", "list"] as const,
    list: (params: Params<GroupListQuery>) => ["groups", "list", params] as const,
    detail: (groupId: string) => ["groups", "detail", groupId] as const,
  },
  attention: {
    all: ["attention"] as const,
  },
  safety: {
    crisisSteps: ["safety", "crisis-steps"] as const,
  },
  calendar: {
    feed: ["calendar", "feed"] as const,
  },
  supervision: {
    all: ["supervision"] as const,
    cockpit: (params: Params<CockpitQuery>) => ["supervision", "cockpit", params] as const,
    therapists: ["supervision", "therapists"] as const,
    riskFlags: ["supervision", "risk-flags"] as const,
  },
  users: {
    all: ["users"] as const,
    list: (params: Params<ListUsersQuery>) => ["users", "list", params] as const,
    detail: (userId: string) => ["users", "detail", userId] as const,
  },
  audit: {
    list: (params: Params<ListAuditEventsQuery>) => ["audit-events", params] as const,
  },
  settings: {
    organisation: ["settings", "organisation"] as const,
    signIn: ["settings", "sign-in"] as const,
  },
};
