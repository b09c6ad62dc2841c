// Every link in the app is built here, so a route's URL is written exactly once.
import type { ListAuditEventsQuery, ListUsersQuery, Role } from "@ipt/shared";
import { toQueryString } from "../lib/api-client";

type AccountsSearch = Partial<Pick<ListUsersQuery, "q" | "role" | "active" | "page">>;
type AuditSearch = Partial<Pick<ListAuditEventsQuery, "actorId" | "action" | "from" | "to" | "page">>;

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
        `/login${toQueryString({ next, reason: options.sessionEnded ? "session-ended" : undefined })}`,
    },
    changePassword: {
      path: "/change-password",
      getHref: () => "/change-password",
    },
  },
  therapist: {
    caseload: {
      path: "/caseload",
      getHref: () => "/caseload",
    },
  },
  supervisor: {
    supervisees: {
      path: "/supervisees",
      getHref: () => "/supervisees",
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
      getHref: (search: AccountsSearch = {}) => `/admin/accounts${toQueryString(withoutFirstPage(search))}`,
    },
    account: {
      path: "/admin/accounts/:userId",
      getHref: (userId: string) => `/admin/accounts/${encodeURIComponent(userId)}`,
    },
    audit: {
      path: "/admin/audit",
      getHref: (search: AuditSearch = {}) => `/admin/audit${toQueryString(withoutFirstPage(search))}`,
    },
  },
} as const;

/** Where each role lands after signing in (and what "/" redirects to). */
export function homePathForRole(role: Role): string {
  switch (role) {
    case "therapist":
      return paths.therapist.caseload.getHref();
    case "supervisor":
      return paths.supervisor.supervisees.getHref();
    case "admin":
      return paths.admin.accounts.getHref();
  }
}
