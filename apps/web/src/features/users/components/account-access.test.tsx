// The admin's account page offers "End all sessions" (behind a confirmation) and says what it did.
import type { AdminUser } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml } from "../../../test/static-render";
import { AccountAccess, sessionsEndedMessage } from "./account-access";

const user: AdminUser = {
  id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10",
  email: "tess@example.org",
  name: "Tess Marlowe",
  role: "therapist",
  active: true,
  mustChangePassword: false,
  lockedUntil: null,
  createdAt: "2026-01-05T09:00:00.000Z",
  supervisors: [],
  supervisees: [],
};

describe("ending an account's sessions", () => {
  it("is a button of its own next to deactivation and password reset", () => {
    const buttons = elements(renderHtml(<AccountAccess user={user} />), "button").map((b) => b.text);
    // The page's own buttons come first; the (closed) confirmation dialogs follow.
    expect(buttons.slice(0, 3)).toEqual(["Deactivate account", "Reset password", "End all sessions"]);
    expect(buttons.filter((text) => text === "End all sessions")).toHaveLength(2);
  });

  it("reports how many sessions ended", () => {
    expect(sessionsEndedMessage(0)).toBe("There were no open sessions to end.");
    expect(sessionsEndedMessage(1)).toBe("1 session has been ended.");
    expect(sessionsEndedMessage(3)).toBe("3 sessions have been ended.");
  });
});
