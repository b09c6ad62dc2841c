import { signInSettingsResponse, type SignInSettingsResponse } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { expectFieldError } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { SignInSettingsForm } from "./sign-in-settings-form";

const SAVE = "PUT /api/admin/settings/sign-in";
const defaults = { mfaRequiredRoles: ["therapist", "supervisor", "admin"] as const, stepUpMinutes: 15 };
const current: SignInSettingsResponse = {
  settings: { mfaRequiredRoles: [...defaults.mfaRequiredRoles], stepUpMinutes: 15 },
  defaults: { mfaRequiredRoles: [...defaults.mfaRequiredRoles], stepUpMinutes: 15 },
  version: 0,
  updatedAt: null,
};

describe("the sign-in settings", () => {
  it("refuse step-up minutes out of range next to the field and send nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<SignInSettingsForm current={current} />);
    const minutes = screen.getByLabelText(/Ask for the second factor again after/);
    await user.clear(minutes);
    await user.type(minutes, "0");
    await user.click(screen.getByRole("button", { name: "Save sign-in settings" }));
    expectFieldError(minutes, "At least 1 minute.");
    expect(api.requests).toEqual([]);
  });

  it("send the ticked roles and the minutes with the version read, and say they are saved", async () => {
    const saved = {
      ...current,
      settings: { mfaRequiredRoles: ["admin" as const], stepUpMinutes: 30 },
      version: 1,
    };
    const api = stubFetch().on(SAVE, json(signInSettingsResponse, saved));
    const { user } = renderWithProviders(<SignInSettingsForm current={current} />);
    await user.click(screen.getByRole("checkbox", { name: "Therapist" }));
    await user.click(screen.getByRole("checkbox", { name: "Supervisor" }));
    const minutes = screen.getByLabelText(/Ask for the second factor again after/);
    await user.clear(minutes);
    await user.type(minutes, "30");
    await user.click(screen.getByRole("button", { name: "Save sign-in settings" }));
    expect(await screen.findByText("The sign-in settings have been saved.")).toBeTruthy();
    expect(api.sent(SAVE)[0]?.body).toEqual({
      version: 0,
      settings: { mfaRequiredRoles: ["admin"], stepUpMinutes: 30 },
    });
  });
});
