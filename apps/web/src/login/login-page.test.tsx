import { sessionResponse } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "../features/auth/components/login-form";
import { apiError, json, stubFetch } from "../test/fetch-stub";
import { signedInAs } from "../test/fixtures";
import { expectFieldError, textOf } from "../test/queries";
import { renderWithProviders } from "../test/render";
import { SecondFactorForm } from "../features/auth/components/second-factor-form";
import { configureApiClient } from "../lib/api-client";
import { destinationAfterSignIn, LoginPage } from "./login-page";

const LOGIN = "POST /api/auth/login";
const SECOND_FACTOR = "POST /api/auth/second-factor";

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

describe("the second step", () => {
  it("follows a password that opens only the code step, on the same page, sent with the new CSRF token", async () => {
    const pending = {
      ...signedInAs("therapist", {}, { secondFactorPending: true }),
      csrfToken: "pending-csrf",
    };
    const api = stubFetch()
      .on(LOGIN, json(sessionResponse, pending))
      .on(SECOND_FACTOR, apiError(400, "validation_failed", "Some fields are not valid.", []));
    const { user } = renderWithProviders(<LoginPage next={null} sessionEnded={false} />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "tess@example.test");
    await user.type(screen.getByLabelText("Password"), "invented-password-1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Enter your code" })).toBeTruthy();
    expect(screen.getByLabelText(/Code from your authenticator app/)).toBeTruthy();
    expect(screen.queryByLabelText("Password")).toBeNull();
    await user.type(screen.getByLabelText(/Code from your authenticator app/), "123456");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await vi.waitFor(() => expect(api.sent(SECOND_FACTOR)).toHaveLength(1));
    expect(api.sent(SECOND_FACTOR)[0]?.headers.get("x-csrf-token")).toBe("pending-csrf");
    configureApiClient({ getCsrfToken: () => undefined }); // module state: put back for other files
  });

  it("refuses a code that is not six digits without sending it, then sends a good one", async () => {
    const session = signedInAs("therapist");
    const api = stubFetch().on(SECOND_FACTOR, json(sessionResponse, session));
    const onPassed = vi.fn();
    const { user } = renderWithProviders(<SecondFactorForm onPassed={onPassed} />, { route: "/login" });
    const code = screen.getByLabelText(/Code from your authenticator app/);
    await user.type(code, "12a");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expectFieldError(code, "Enter the 6-digit code from your authenticator app.");
    expect(api.requests).toEqual([]);
    await user.clear(code);
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await vi.waitFor(() => expect(onPassed).toHaveBeenCalledOnce());
    expect(api.sent(SECOND_FACTOR)[0]?.body).toEqual({ method: "totp", code: "123456" });
  });

  it("takes a recovery code instead, and shows the server's refusal next to the field", async () => {
    const api = stubFetch().on(
      SECOND_FACTOR,
      apiError(400, "validation_failed", "Some fields are not valid.", [
        { field: "body.code", message: "That recovery code has been used already. Use another one." },
      ]),
    );
    const onPassed = vi.fn();
    const { user } = renderWithProviders(<SecondFactorForm onPassed={onPassed} />, { route: "/login" });
    await user.click(screen.getByRole("button", { name: "Use a recovery code instead" }));
    const code = screen.getByLabelText(/Recovery code/);
    await user.type(code, "abcd-efgh-jkmn-pqrs");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await vi.waitFor(() =>
      expectFieldError(
        screen.getByLabelText(/Recovery code/),
        "That recovery code has been used already. Use another one.",
      ),
    );
    expect(api.sent(SECOND_FACTOR)[0]?.body).toEqual({
      method: "recovery_code",
      code: "abcd-efgh-jkmn-pqrs",
    });
    expect(onPassed).not.toHaveBeenCalled();
  });
});

describe("where a user goes once signed in", () => {
  it("sets up an authenticator app first when their role requires one", () => {
    const session = signedInAs("therapist", {}, { enrolmentRequired: true });
    expect(destinationAfterSignIn(session, "/attention")).toBe("/account/security");
  });

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
