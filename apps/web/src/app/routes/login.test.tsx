import { sessionResponse } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../../test/fetch-stub";
import { signedInAs } from "../../test/fixtures";
import { expectFieldError, textOf } from "../../test/queries";
import { renderWithProviders } from "../../test/render";
import { LoginRoute } from "./login";

const LOGIN = "POST /api/auth/login";

describe("signing in", () => {
  it("names each missing or malformed field next to it, focuses the first, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<LoginRoute />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "not an email");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const email = screen.getByLabelText("Email address");
    expectFieldError(email, "Enter a valid email address.");
    expectFieldError(screen.getByLabelText("Password"), "Enter your password.");
    expect(document.activeElement).toBe(email);
    expect(api.requests).toEqual([]);
  });

  it("sends the trimmed, lower-cased email and the password, then goes where the user was going", async () => {
    const api = stubFetch().on(LOGIN, json(sessionResponse, signedInAs("therapist")));
    const { user, router } = renderWithProviders(<LoginRoute />, { route: "/login?next=%2Fattention" });
    await user.type(screen.getByLabelText("Email address"), "  Tess@Example.TEST ");
    await user.type(screen.getByLabelText("Password"), "invented-password-1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("Navigated away");
    expect(api.sent(LOGIN)[0]?.body).toEqual({ email: "tess@example.test", password: "invented-password-1" });
    expect(router.state.location.pathname).toBe("/attention");
  });

  it("sends a user with a temporary password to choose their own", async () => {
    stubFetch().on(LOGIN, json(sessionResponse, signedInAs("therapist", { mustChangePassword: true })));
    const { user, router } = renderWithProviders(<LoginRoute />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "tess@example.test");
    await user.type(screen.getByLabelText("Password"), "temporary-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("Navigated away");
    expect(router.state.location.pathname).toBe("/change-password");
  });

  it("says the credentials were refused above the form and clears the password", async () => {
    stubFetch().on(LOGIN, apiError(401, "unauthenticated", "Email or password is not correct."));
    const { user } = renderWithProviders(<LoginRoute />, { route: "/login" });
    await user.type(screen.getByLabelText("Email address"), "tess@example.test");
    await user.type(screen.getByLabelText("Password"), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toBe("Email or password is not correct.");
    expect(document.activeElement).toBe(alert);
    expect(screen.getByLabelText("Password")).toHaveProperty("value", "");
  });
});
