import { sessionResponse } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { sessionQueryOptions } from "../../features/auth/api/get-session";
import { apiError, json, stubFetch } from "../../test/fetch-stub";
import { signedInAs } from "../../test/fixtures";
import { expectFieldError, textOf } from "../../test/queries";
import { createTestQueryClient, renderWithProviders } from "../../test/render";
import { ChangePasswordRoute } from "./change-password";

const CHANGE = "POST /api/auth/password";

/** The page as the app shell leaves it: the session already read. */
function renderPage(mustChangePassword = false) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(sessionQueryOptions().queryKey, signedInAs("supervisor", { mustChangePassword }));
  return renderWithProviders(<ChangePasswordRoute />, { route: "/change-password", queryClient });
}

describe("changing a password", () => {
  it("asks a user with a temporary password to choose their own", () => {
    renderPage(true);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Choose a new password");
  });

  it("names each field to fix next to it, including a confirmation that differs, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderPage();
    await user.type(screen.getByLabelText("New password"), "short");
    await user.type(screen.getByLabelText("Confirm new password"), "shorter");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expectFieldError(screen.getByLabelText("Current password"), "Enter your current password.");
    expectFieldError(screen.getByLabelText("New password"), "Use at least 12 characters.");
    expectFieldError(screen.getByLabelText("Confirm new password"), "Enter the same new password twice.");
    expect(document.activeElement).toBe(screen.getByLabelText("Current password"));
    expect(api.requests).toEqual([]);
  });

  it("sends the current and new password (not the confirmation), then goes home", async () => {
    const api = stubFetch().on(CHANGE, json(sessionResponse, signedInAs("supervisor")));
    const { user, router } = renderPage(true);
    await user.type(screen.getByLabelText("Current password"), "temporary-password");
    await user.type(screen.getByLabelText("New password"), "three invented words");
    await user.type(screen.getByLabelText("Confirm new password"), "three invented words");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    await screen.findByText("Navigated away");
    expect(api.sent(CHANGE)[0]?.body).toEqual({
      currentPassword: "temporary-password",
      newPassword: "three invented words",
    });
    expect(router.state.location.pathname).toBe("/supervision");
  });

  it("puts the server's refusal of the current password next to it", async () => {
    stubFetch().on(
      CHANGE,
      apiError(400, "validation_failed", "The password was not changed.", [
        { field: "body.currentPassword", message: "The current password is not correct." },
      ]),
    );
    const { user } = renderPage();
    await user.type(screen.getByLabelText("Current password"), "wrong-password");
    await user.type(screen.getByLabelText("New password"), "three invented words");
    await user.type(screen.getByLabelText("Confirm new password"), "three invented words");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(textOf(await screen.findByRole("alert"))).toBe("The password was not changed.");
    expectFieldError(screen.getByLabelText("Current password"), "The current password is not correct.");
  });
});
