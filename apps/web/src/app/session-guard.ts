// What the app does when the API says the session is gone or the password must change. The API
// client only reports errors; this decides where to go next.
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
}

export function createSessionGuard(queryClient: QueryClient, getRouter: () => DataRouter): SessionGuard {
  const sessionKey = sessionQueryOptions().queryKey;
  let signingOut = false;
  let leaving = false;

  const forgetAccountData = () =>
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });

  async function sessionEnded() {
    const router = getRouter();
    const { pathname, search, hash } = router.state.location;
    if (signingOut || leaving || pathname === paths.auth.login.path) return;
    leaving = true;
    try {
      queryClient.setQueryData(sessionKey, null);
      const next = pathname === paths.home.path ? null : `${pathname}${search}${hash}`;
      await router.navigate(paths.auth.login.getHref(next, { sessionEnded: true }), { replace: true });
      forgetAccountData();
    } finally {
      leaving = false;
    }
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
    if (signingOut) return;
    signingOut = true;
    try {
      await logout().catch(() => undefined); // an expired session is signed out anyway
      queryClient.setQueryData(sessionKey, null);
      await getRouter().navigate(paths.auth.login.getHref(), { replace: true });
      forgetAccountData();
    } finally {
      signingOut = false;
    }
  }

  function onApiError(error: unknown) {
    if (!(error instanceof ApiError)) return;
    if (error.status === 401) void verifySession();
    else if (error.code === "password_change_required") void mustChangePassword();
    // A stale token (e.g. after a password change elsewhere): fetch the current one for the retry.
    else if (error.code === "csrf_failed") void queryClient.invalidateQueries({ queryKey: sessionKey });
  }

  return { onApiError, verifySession, sessionEnded, signOut };
}

export const SessionGuardContext = createContext<SessionGuard | null>(null);

export function useSessionGuard(): SessionGuard {
  const guard = useContext(SessionGuardContext);
  if (!guard) throw new Error("useSessionGuard must be used inside <App>.");
  return guard;
}
