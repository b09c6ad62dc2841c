import { sessionResponse } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "../features/auth/components/login-form";
import { apiError, json, stubFetch } from "../test/fetch-stub";
import { signedInAs } from "../test/fixtures";
import { expectFieldError, textOf } from "../test/queries";
import { renderWithProviders } from "../test/render";
import { destinationAfterSignIn } from "./login-page";

const LOGIN = "POST /api/auth/login";

describe("signing in", () => {
  it("names each missing or malformed field next to it, focuses the first, and sends nothing", async () => {
    const api = stubFetch();
    const onSignedIn = vi.fn();
    const { user } = renderWithProviders(<LoginForm onSignedIn={onSignedIn} />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "not an email");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const email = screen.getByLabelText("Email address");
    expectFieldError(email, "Enter a valid email address.");
    expectFieldError(screen.getByLabelText("Password"), "Enter your password.");
    expect(document.activeElement).toBe(email);
    expect(api.requests).toEqual([]);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("sends the trimmed, lower-cased email and the password, then hands on the new session", async () => {
    const session = signedInAs("therapist");
    const api = stubFetch().on(LOGIN, json(sessionResponse, session));
    const onSignedIn = vi.fn();
    const { user } = renderWithProviders(<LoginForm onSignedIn={onSignedIn} />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "  Tess@Example.TEST ");
    await user.type(screen.getByLabelText("Password"), "invented-password-1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(api.sent(LOGIN)[0]?.body).toEqual({ email: "tess@example.test", password: "invented-password-1" });
    expect(onSignedIn.mock.calls[0]?.[0]).toEqual(session);
  });

  it("says the credentials were refused above the form and clears the password", async () => {
    stubFetch().on(LOGIN, apiError(401, "unauthenticated", "Email or password is not correct."));
    const onSignedIn = vi.fn();
    const { user } = renderWithProviders(<LoginForm onSignedIn={onSignedIn} />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "tess@example.test");
    await user.type(screen.getByLabelText("Password"), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toBe("Email or password is not correct.");
    expect(document.activeElement).toBe(alert);
    expect(screen.getByLabelText("Password")).toHaveProperty("value", "");
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});

describe("where a user goes once signed in", () => {
  it("goes where they were going", () => {
    expect(destinationAfterSignIn(signedInAs("therapist"), "/attention")).toBe("/attention");
  });

  it("goes to their role's home page when they were going nowhere in particular", () => {
    expect(destinationAfterSignIn(signedInAs("supervisor"), null)).toBe("/supervision");
  });

  it("chooses their own password first when theirs is temporary", () => {
    const session = signedInAs("therapist", { mustChangePassword: true });
    expect(destinationAfterSignIn(session, "/attention")).toBe("/change-password");
  });
});
