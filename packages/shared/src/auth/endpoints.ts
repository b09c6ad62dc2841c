import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import { changePasswordRequest, loginRequest, sessionResponse } from "./auth";
import {
  confirmTotpRequest,
  factorsResponse,
  recoveryCodesResponse,
  secondFactorRequest,
  totpEnrolmentResponse,
} from "./factors";
import { signInSettingsResponse, updateSignInSettingsRequest } from "./sign-in-settings";

export const authEndpoints = {
  login: defineEndpoint({
    method: "POST",
    path: "/api/auth/login",
    body: loginRequest,
    response: sessionResponse,
  }),
  session: defineEndpoint({ method: "GET", path: "/api/auth/session", response: sessionResponse }),
  logout: defineEndpoint({
    method: "POST",
    path: "/api/auth/logout",
    body: noBody,
    response: noContent,
    status: 204,
  }),
  changePassword: defineEndpoint({
    method: "POST",
    path: "/api/auth/password",
    body: changePasswordRequest,
    response: sessionResponse,
  }),
  /** The second sign-in step (a TOTP code or a recovery code); also the step-up check. */
  secondFactor: defineEndpoint({
    method: "POST",
    path: "/api/auth/second-factor",
    body: secondFactorRequest,
    response: sessionResponse,
  }),
  factors: defineEndpoint({ method: "GET", path: "/api/auth/factors", response: factorsResponse }),
  beginTotp: defineEndpoint({
    method: "POST",
    path: "/api/auth/factors/totp",
    body: noBody,
    response: totpEnrolmentResponse,
  }),
  confirmTotp: defineEndpoint({
    method: "POST",
    path: "/api/auth/factors/totp/confirm",
    body: confirmTotpRequest,
    response: recoveryCodesResponse,
  }),
  /** Removes your own authenticator app and recovery codes (step-up). */
  removeTotp: defineEndpoint({
    method: "DELETE",
    path: "/api/auth/factors/totp",
    body: noBody,
    response: noContent,
    status: 204,
  }),
  /** Ten new recovery codes replace the old ones (step-up); shown once. */
  renewRecoveryCodes: defineEndpoint({
    method: "POST",
    path: "/api/auth/factors/recovery-codes",
    body: noBody,
    response: recoveryCodesResponse,
  }),
};

/** The organisation's sign-in settings, for admins (beside the other settings). */
export const signInSettingsEndpoints = {
  signIn: defineEndpoint({
    method: "GET",
    path: "/api/admin/settings/sign-in",
    response: signInSettingsResponse,
  }),
  updateSignIn: defineEndpoint({
    method: "PUT",
    path: "/api/admin/settings/sign-in",
    body: updateSignInSettingsRequest,
    response: signInSettingsResponse,
  }),
};
