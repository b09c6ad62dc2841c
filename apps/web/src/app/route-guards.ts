// Who may see which page. Signing in is checked by middleware (it runs before every loader); the
// role is checked at the start of each page's loader, before that page fetches anything.
import type { Role, SessionResponse } from "@ipt/shared";
import { noop, type QueryClient } from "@tanstack/react-query";
import {
  createContext,
  redirect,
  redirectDocument,
  type LoaderFunction,
  type MiddlewareFunction,
} from "react-router";
import { paths } from "../config/paths";
import { attentionQueryOptions } from "../features/attention/api/get-attention";
import { sessionQueryOptions } from "../features/auth/api/get-session";

/** A page that cannot be shown to this user (403) or does not exist (404); see routes/error.tsx. */
export class RouteStatusError extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = "RouteStatusError";
  }
}

/** The signed-in session, for loaders below the signed-in layout. */
export const sessionContext = createContext<SessionResponse>();

/**
 * Signed in (else to /login?next=…, a page of its own that the browser loads as a new document), and
 * sent to change a temporary password first, then to set up a second factor the role requires.
 */
export function requireSession(queryClient: QueryClient): MiddlewareFunction {
  return async ({ request, context }) => {
    const url = new URL(request.url);
    const { queryKey } = sessionQueryOptions();
    const cachedSession = queryClient.getQueryData(queryKey);
    const wasSignedIn = Boolean(cachedSession);
    const session = await queryClient.query(sessionQueryOptions());
    if (!session) {
      const next = url.pathname === paths.home.path ? null : `${url.pathname}${url.search}`;
      if (wasSignedIn) {
        // The session ended while the app was open: forget what the last user saw.
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKey[0] });
      }
      return redirectDocument(paths.auth.login.getHref(next, { sessionEnded: wasSignedIn }));
    }
    // A session still waiting for its second factor belongs on the sign-in page's code step.
    if (session.secondFactorPending) return redirectDocument(paths.auth.login.getHref());
    if (session.user.mustChangePassword && url.pathname !== paths.auth.changePassword.path) {
      return redirect(paths.auth.changePassword.getHref());
    }
    if (
      !session.user.mustChangePassword &&
      session.enrolmentRequired &&
      url.pathname !== paths.auth.security.path
    ) {
      return redirect(paths.auth.security.getHref());
    }
    context.set(sessionContext, session);
    // The navigation's count of what needs the therapist's attention: on the first page, asked for with
    // the page's data rather than after the shell has rendered (not awaited; the shell shows it when
    // it comes, and keeps it current itself afterwards).
    const attention = attentionQueryOptions();
    if (session.user.role === "therapist" && queryClient.getQueryData(attention.queryKey) === undefined) {
      void queryClient.query(attention).catch(noop);
    }
  };
}

/**
 * Wraps a page's loader: pages for other roles fail with 403 ("You do not have access to this
 * page") before anything is fetched. A check in the page's own loader (rather than in middleware)
 * keeps the error inside the app shell, at the page's error element.
 */
export function forRoles(allowed: Role[], loader?: LoaderFunction): LoaderFunction {
  return (args, handlerContext) => {
    const { user } = args.context.get(sessionContext);
    if (!allowed.includes(user.role)) {
      throw new RouteStatusError(403, "You do not have access to this page.");
    }
    return loader ? loader(args, handlerContext) : null;
  };
}
