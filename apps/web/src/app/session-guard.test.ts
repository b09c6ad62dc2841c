import type { SessionResponse } from "@ipt/shared";
import type { DataRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionQueryOptions } from "../features/auth/api/get-session";
import { ApiError, configureApiClient } from "../lib/api-client";
import { createQueryClient } from "./query-client";
import { createSessionGuard } from "./session-guard";

const session: SessionResponse = {
  user: {
    id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10",
    email: "a@example.org",
    name: "Alex Admin",
    role: "admin",
    mustChangePassword: false,
  },
  csrfToken: "token",
  idleTimeoutSeconds: 1800,
  absoluteExpiresAt: "2026-01-31T20:00:00.000Z",
  timeZone: "Europe/London",
  secondFactorPending: false,
  enrolmentRequired: false,
  factorsReset: false,
};

const unauthenticated = () =>
  new Response(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in." } }), {
    status: 401,
  });

function setUp(options: { signedIn: boolean; serverSession: SessionResponse | null; path?: string }) {
  const fetch = vi.fn(async () =>
    options.serverSession ? new Response(JSON.stringify(options.serverSession)) : unauthenticated(),
  );
  configureApiClient({ fetch });
  const queryClient = createQueryClient(() => undefined);
  const sessionKey = sessionQueryOptions().queryKey;
  queryClient.setQueryData(sessionKey, options.signedIn ? session : null);
  queryClient.setQueryData(["users", "list", {}], { items: [] });
  const navigate = vi.fn(async () => undefined);
  const [pathname, search = ""] = (options.path ?? "/admin/audit?page=2").split("?");
  const router = {
    state: { location: { pathname, search: search ? `?${search}` : "", hash: "" } },
    navigate,
  } as unknown as DataRouter;
  const goToSignIn = vi.fn();
  const guard = createSessionGuard(queryClient, () => router, goToSignIn);
  return { guard, navigate, goToSignIn, queryClient, sessionKey, fetch };
}

const expired = new ApiError({ status: 401, code: "unauthenticated", message: "Sign in." });

afterEach(() => {
  configureApiClient({ fetch: (...args) => globalThis.fetch(...args) });
});

describe("session guard", () => {
  it("sends a user whose session ended to sign in, with the page to come back to", async () => {
    const { guard, goToSignIn, queryClient, sessionKey } = setUp({ signedIn: true, serverSession: null });
    await guard.verifySession();
    expect(goToSignIn).toHaveBeenCalledExactlyOnceWith(
      "/login?next=%2Fadmin%2Faudit%3Fpage%3D2&reason=session-ended",
    );
    expect(queryClient.getQueryData(sessionKey)).toBeNull();
    // Nothing from the previous session stays in memory.
    expect(queryClient.getQueryData(["users", "list", {}])).toBeUndefined();
  });

  it("stays put when a 401 was about something else and the session is still alive", async () => {
    // e.g. a wrong current password answered with 401: the server still knows the session.
    const { guard, navigate, goToSignIn, fetch } = setUp({ signedIn: true, serverSession: session });
    await guard.verifySession();
    expect(fetch).toHaveBeenCalledOnce();
    expect(navigate).not.toHaveBeenCalled();
    expect(goToSignIn).not.toHaveBeenCalled();
  });

  it("ignores a 401 while nobody is signed in", async () => {
    const { guard, goToSignIn, fetch } = setUp({ signedIn: false, serverSession: null });
    guard.onApiError(expired);
    await guard.verifySession();
    expect(fetch).not.toHaveBeenCalled();
    expect(goToSignIn).not.toHaveBeenCalled();
  });

  it("leaves for the sign-in page once, however many requests find the session gone", async () => {
    const { guard, goToSignIn } = setUp({ signedIn: true, serverSession: null });
    await Promise.all([guard.verifySession(), guard.verifySession(), guard.sessionEnded()]);
    expect(goToSignIn).toHaveBeenCalledOnce();
  });

  it("sends a user who must change their password to the change-password page", async () => {
    const { guard, navigate } = setUp({
      signedIn: true,
      serverSession: { ...session, user: { ...session.user, mustChangePassword: true } },
    });
    guard.onApiError(new ApiError({ status: 403, code: "password_change_required", message: "Change it." }));
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("/change-password", { replace: true }));
  });

  it("signs out to the plain sign-in page, without a way back", async () => {
    const { guard, goToSignIn, queryClient, sessionKey } = setUp({ signedIn: true, serverSession: null });
    const logout = vi.fn(async () => undefined);
    await guard.signOut(logout);
    expect(logout).toHaveBeenCalledOnce();
    expect(goToSignIn).toHaveBeenCalledExactlyOnceWith("/login");
    expect(queryClient.getQueryData(sessionKey)).toBeNull();
    expect(queryClient.getQueryData(["users", "list", {}])).toBeUndefined();
  });

  it("sends a user whose role must have a second factor to set one up", async () => {
    const { guard, navigate } = setUp({
      signedIn: true,
      serverSession: { ...session, enrolmentRequired: true },
    });
    guard.onApiError(new ApiError({ status: 403, code: "factor_enrolment_required", message: "Set it up." }));
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("/account/security", { replace: true }));
  });

  it("sends a session still waiting for its second factor to the sign-in page's code step, once", () => {
    const { guard, goToSignIn } = setUp({ signedIn: true, serverSession: null });
    const pending = new ApiError({
      status: 403,
      code: "second_factor_required",
      message: "Enter your code.",
    });
    guard.onApiError(pending);
    guard.onApiError(pending);
    expect(goToSignIn).toHaveBeenCalledExactlyOnceWith("/login");
  });

  it("tells its listeners when a sensitive action asks for the second factor again, until they stop listening", () => {
    const { guard, navigate, goToSignIn } = setUp({ signedIn: true, serverSession: session });
    const listener = vi.fn();
    const stop = guard.onStepUpRequired(listener);
    const stepUp = new ApiError({ status: 403, code: "step_up_required", message: "Again." });
    guard.onApiError(stepUp);
    expect(listener).toHaveBeenCalledOnce();
    stop();
    guard.onApiError(stepUp);
    expect(listener).toHaveBeenCalledOnce();
    expect(navigate).not.toHaveBeenCalled();
    expect(goToSignIn).not.toHaveBeenCalled();
  });
});
