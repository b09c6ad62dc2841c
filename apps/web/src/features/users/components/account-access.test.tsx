// The admin's account page offers "End all sessions" (behind a confirmation) and says what it did.
import { adminUser, endSessionsResponse, type AdminUser } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { renderWithProviders } from "../../../test/render";
import { AccountAccess, sessionsEndedMessage } from "./account-access";

const user: AdminUser = {
  id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10",
  email: "tess@example.org",
  name: "Tess Marlowe",
  role: "therapist",
  active: true,
  mustChangePassword: false,
  signInSlowedUntil: null,
  secondFactor: false,
  createdAt: "2026-01-05T09:00:00.000Z",
  supervisors: [],
  supervisees: [],
};

describe("ending an account's sessions", () => {
  it("is a button of its own next to deactivation and password reset, behind a confirmation", async () => {
    const api = stubFetch().on(
      `POST /api/admin/users/${user.id}/end-sessions`,
      json(endSessionsResponse, { endedSessions: 3 }),
    );
    const { user: person } = renderWithProviders(<AccountAccess user={user} />);
    expect(screen.getAllByRole("button").map((button) => button.textContent)).toEqual([
      "Deactivate account",
      "Reset password",
      "End all sessions",
    ]);

    await person.click(screen.getByRole("button", { name: "End all sessions" }));
    const dialog = screen.getByRole("dialog", { name: "End all sessions of Tess Marlowe?" });
    expect(api.requests).toHaveLength(0);
    await person.click(within(dialog).getByRole("button", { name: "End all sessions" }));

    expect(await screen.findByText("3 sessions have been ended.")).toBeTruthy();
    expect(api.sent(`POST /api/admin/users/${user.id}/end-sessions`)).toHaveLength(1);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("reports how many sessions ended", () => {
    expect(sessionsEndedMessage(0)).toBe("There were no open sessions to end.");
    expect(sessionsEndedMessage(1)).toBe("1 session has been ended.");
    expect(sessionsEndedMessage(3)).toBe("3 sessions have been ended.");
  });
});

describe("an account whose sign-in is slowed", () => {
  const slowed: AdminUser = { ...user, signInSlowedUntil: new Date(Date.now() + 600_000).toISOString() };

  it("offers to let them sign in now, sends the unlock once and says it is done", async () => {
    const api = stubFetch().on(
      `POST /api/admin/users/${user.id}/unlock-sign-in`,
      json(adminUser, { ...slowed, signInSlowedUntil: null }),
    );
    const { user: person } = renderWithProviders(<AccountAccess user={slowed} />);
    expect(screen.getByText(/Sign-in for Tess Marlowe is slowed/)).toBeTruthy();

    await person.click(screen.getByRole("button", { name: "Let them sign in now" }));

    expect(await screen.findByText("Sign-in is no longer slowed for this account.")).toBeTruthy();
    expect(api.sent(`POST /api/admin/users/${user.id}/unlock-sign-in`)).toHaveLength(1);
  });

  it("offers nothing of the kind when sign-in is not slowed", () => {
    renderWithProviders(<AccountAccess user={user} />);
    expect(screen.queryByRole("button", { name: "Let them sign in now" })).toBeNull();
  });
});

describe("an account with a second factor", () => {
  const enrolled: AdminUser = { ...user, secondFactor: true };
  const RESET = `POST /api/admin/users/${user.id}/reset-factors`;

  it("offers to reset its sign-in factors behind a confirmation, and says what follows", async () => {
    const api = stubFetch().on(RESET, json(adminUser, { ...enrolled, secondFactor: false }));
    const { user: person } = renderWithProviders(<AccountAccess user={enrolled} />);
    await person.click(screen.getByRole("button", { name: "Reset sign-in factors" }));
    const dialog = screen.getByRole("dialog", { name: "Reset the sign-in factors of Tess Marlowe?" });
    expect(api.requests).toHaveLength(0);
    await person.click(within(dialog).getByRole("button", { name: "Reset sign-in factors" }));
    expect(await screen.findByText(/The sign-in factors have been reset/)).toBeTruthy();
    expect(api.sent(RESET)).toHaveLength(1);
  });

  it("is not offered for an account without one", () => {
    renderWithProviders(<AccountAccess user={user} />);
    expect(screen.queryByRole("button", { name: "Reset sign-in factors" })).toBeNull();
  });
});
