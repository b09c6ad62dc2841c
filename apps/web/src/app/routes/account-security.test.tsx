import { factorsResponse, recoveryCodesResponse, sessionResponse, totpEnrolmentResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { sessionQueryOptions } from "../../features/auth/api/get-session";
import { apiError, json, stubFetch } from "../../test/fetch-stub";
import { signedInAs } from "../../test/fixtures";
import { expectFieldError } from "../../test/queries";
import { createTestQueryClient, renderWithProviders } from "../../test/render";
import { AccountSecurityRoute } from "./account-security";

const FACTORS = "GET /api/auth/factors";
const BEGIN = "POST /api/auth/factors/totp";
const CONFIRM = "POST /api/auth/factors/totp/confirm";
const SESSION = "GET /api/auth/session";

const none = { totp: { enrolled: false, confirmedAt: null }, passkeys: [], recoveryCodesLeft: 0 };
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const started = {
  secret,
  otpauthUri: `otpauth://totp/IPT%20Session%20Planner:tess%40example.test?issuer=IPT%20Session%20Planner&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
};
const codes = Array.from({ length: 10 }, (_, i) => `abcd-efgh-jkmn-pq${String(i).padStart(2, "0")}`);

function renderPage(session = signedInAs("therapist", {}, { enrolmentRequired: true })) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(sessionQueryOptions().queryKey, session);
  return renderWithProviders(<AccountSecurityRoute />, { route: "/account/security", queryClient });
}

describe("sign-in security", () => {
  it("leads through setting up an authenticator app: QR code and key, a code, then the recovery codes once", async () => {
    const api = stubFetch()
      .on(FACTORS, json(factorsResponse, none))
      .on(BEGIN, json(totpEnrolmentResponse, started))
      .on(CONFIRM, json(recoveryCodesResponse, { recoveryCodes: codes }))
      .on(SESSION, json(sessionResponse, signedInAs("therapist")));
    const { user } = renderPage();
    expect(await screen.findByText(/asks everyone in your role to use a second factor/)).toBeTruthy();
    await user.click(await screen.findByRole("button", { name: "Set up an authenticator app" }));

    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeTruthy();
    expect(screen.getByLabelText("Key for your authenticator app")).toHaveProperty("value", secret);

    const code = screen.getByLabelText("Code from your authenticator app");
    await user.type(code, "12");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expectFieldError(code, "Enter the 6-digit code from your authenticator app.");
    expect(api.sent(CONFIRM)).toEqual([]);

    // From now on the server lists the app as set up: the page still shows the codes until saved.
    api.on(
      FACTORS,
      json(factorsResponse, {
        totp: { enrolled: true, confirmedAt: "2026-03-02T09:00:00.000Z" },
        passkeys: [],
        recoveryCodesLeft: 10,
      }),
    );
    await user.clear(code);
    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(api.sent(CONFIRM)[0]?.body).toEqual({ code: "654321" });
    const saved = await screen.findByRole("heading", { name: "Save your recovery codes" });
    const box = saved.parentElement!;
    for (const recovery of codes) expect(within(box).getByText(recovery)).toBeTruthy();
    expect(screen.getByLabelText("All recovery codes")).toHaveProperty("value", codes.join(" "));
    expect(screen.queryByLabelText("Key for your authenticator app")).toBeNull();
  });

  it("shows the server's refusal of a wrong code next to the field", async () => {
    stubFetch()
      .on(FACTORS, json(factorsResponse, none))
      .on(BEGIN, json(totpEnrolmentResponse, started))
      .on(
        CONFIRM,
        apiError(400, "validation_failed", "Some fields are not valid.", [
          {
            field: "body.code",
            message: "The code is not right. Check your authenticator app and try again.",
          },
        ]),
      );
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: "Set up an authenticator app" }));
    await user.type(await screen.findByLabelText("Code from your authenticator app"), "000000");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await vi.waitFor(() =>
      expectFieldError(
        screen.getByLabelText("Code from your authenticator app"),
        "The code is not right. Check your authenticator app and try again.",
      ),
    );
  });

  it("tells a user whose factors an admin reset, and shows a live app's recovery codes left", async () => {
    stubFetch().on(
      FACTORS,
      json(factorsResponse, {
        totp: { enrolled: true, confirmedAt: "2026-03-02T09:00:00.000Z" },
        passkeys: [],
        recoveryCodesLeft: 7,
      }),
    );
    renderPage(signedInAs("admin", {}, { factorsReset: true }));
    expect(await screen.findByText(/An administrator reset your sign-in factors/)).toBeTruthy();
    expect(await screen.findByText(/Recovery codes left: 7 of 10/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Remove the authenticator app" })).toBeTruthy();
  });
});
