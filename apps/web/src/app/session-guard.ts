// What the app does when the API says the session is gone, the password must change, a second factor
// must be set up or checked again (step-up). The API client only reports errors; this decides what next.
import type { QueryClient } from "@tanstack/react-query";
import type { DataRouter } from "react-router";
import { createContext, useContext } from "react";
import { paths } from "../config/paths";
import { sessionQueryOptions } from "../features/auth/api/get-session";
import { ApiError } from "../lib/api-client";

export interface SessionGuard {
  /** Global error hook for the QueryClient. */
  onApiError: (error: unknown) => void;
  /** Asks the server whether the session is still alive; if not, goes to the sign-in page. */
  verifySession: () => Promise<void>;
  /** The session is known to be gone: sign-in page, with a way back to where the user was. */
  sessionEnded: () => Promise<void>;
  /** Deliberate sign-out: tell the server (best effort), forget everything, go to sign-in. */
  signOut: (logout: () => Promise<unknown>) => Promise<void>;
  /** Calls `listener` whenever a sensitive action asked for the second factor again (step-up). */
  onStepUpRequired: (listener: () => void) => () => void;
}

/** The sign-in page is a document of its own (login.html): leaving for it unloads the app and its data. */
const openSignInPage = (href: string) => window.location.replace(href);

export function createSessionGuard(
  queryClient: QueryClient,
  getRouter: () => DataRouter,
  goToSignIn: (href: string) => void = openSignInPage,
): SessionGuard {
  const sessionKey = sessionQueryOptions().queryKey;
  /** Set for good once the app leaves for the sign-in page: the document is about to be unloaded. */
  let leaving = false;

  function leaveForSignIn(href: string) {
    queryClient.setQueryData(sessionKey, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    goToSignIn(href);
  }

  async function sessionEnded() {
    if (leaving) return;
    leaving = true;
    const { pathname, search, hash } = getRouter().state.location;
    const next = pathname === paths.home.path ? null : `${pathname}${search}${hash}`;
    leaveForSignIn(paths.auth.login.getHref(next, { sessionEnded: true }));
  }

  async function verifySession() {
    if (!queryClient.getQueryData(sessionKey)) return; // not signed in: nothing to end
    let session;
    try {
      session = await queryClient.query({ ...sessionQueryOptions(), staleTime: 0 });
    } catch {
      return; // the server could not be asked; leave things as they are
    }
    if (session === null) await sessionEnded();
  }

  async function mustChangePassword() {
    await queryClient.invalidateQueries({ queryKey: sessionKey });
    const router = getRouter();
    if (router.state.location.pathname !== paths.auth.changePassword.path) {
      await router.navigate(paths.auth.changePassword.getHref(), { replace: true });
    }
  }

  async function signOut(logout: () => Promise<unknown>) {
    if (leaving) return;
    leaving = true;
    await logout().catch(() => undefined); // an expired session is signed out anyway
    leaveForSignIn(paths.auth.login.getHref());
  }

  async function mustEnrol() {
    await queryClient.invalidateQueries({ queryKey: sessionKey });
    const router = getRouter();
    if (router.state.location.pathname !== paths.auth.security.path) {
      await router.navigate(paths.auth.security.getHref(), { replace: true });
    }
  }

  const stepUpListeners = new Set<() => void>();
  function onStepUpRequired(listener: () => void) {
    stepUpListeners.add(listener);
    return () => {
      stepUpListeners.delete(listener);
    };
  }

  function onApiError(error: unknown) {
    if (!(error instanceof ApiError)) return;
    if (error.status === 401) void verifySession();
    else if (error.code === "password_change_required") void mustChangePassword();
    else if (error.code === "factor_enrolment_required") void mustEnrol();
    // Waiting for its second factor (e.g. a tab left open at that step): the sign-in page asks for it.
    else if (error.code === "second_factor_required") {
      if (!leaving) {
        leaving = true;
        leaveForSignIn(paths.auth.login.getHref());
      }
    } else if (error.code === "step_up_required") stepUpListeners.forEach((listener) => listener());
    // A stale token (e.g. after a password change elsewhere): fetch the current one for the retry.
    else if (error.code === "csrf_failed") void queryClient.invalidateQueries({ queryKey: sessionKey });
  }

  return { onApiError, verifySession, sessionEnded, signOut, onStepUpRequired };
}

export const SessionGuardContext = createContext<SessionGuard | null>(null);

export function useSessionGuard(): SessionGuard {
  const guard = useContext(SessionGuardContext);
  if (!guard) throw new Error("useSessionGuard must be used inside <App>.");
  return guard;
}
