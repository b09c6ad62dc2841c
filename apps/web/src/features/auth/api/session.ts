// The session fetcher on its own, without TanStack Query: the sign-in page (an entry of its own,
// docs/decisions/010) asks whether someone is already signed in and must not load the query library.
// The app's query options and hook are in get-session.ts.
import { sessionResponse, type SessionResponse } from "@ipt/shared";
import { apiRequest, isApiError } from "../../../lib/api-client";

/** The signed-in session, or null when nobody is signed in (or the session has ended). */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await apiRequest("/api/auth/session", sessionResponse, { signal });
  } catch (error) {
    if (isApiError(error, "unauthenticated")) return null;
    throw error;
  }
}
