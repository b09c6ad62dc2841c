import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import { changePasswordRequest, loginRequest, sessionResponse } from "./auth";
import {
  confirmTotpRequest,
  factorsResponse,
  recoveryCodesResponse,
  secondFactorRequest,
  totpEnrolmentResponse,
} from "./factors";
import {
  passkeyAssertionRequest,
  passkeyAuthenticationOptions,
  passkeyParams,
  passkeyRegistrationOptions,
  registeredPasskeyResponse,
  registerPasskeyRequest,
} from "./passkeys";
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
  /** Options for registering a passkey (step-up); the challenge is kept server-side, single use. */
  passkeyRegistrationOptions: defineEndpoint({
    method: "POST",
    path: "/api/auth/factors/passkeys/options",
    body: noBody,
    response: passkeyRegistrationOptions,
  }),
  /** Registers the passkey the browser created (step-up). */
  registerPasskey: defineEndpoint({
    method: "POST",
    path: "/api/auth/factors/passkeys",
    body: registerPasskeyRequest,
    response: registeredPasskeyResponse,
    status: 201,
  }),
  /** Removes one of your passkeys (step-up). */
  removePasskey: defineEndpoint({
    method: "DELETE",
    path: "/api/auth/factors/passkeys/:passkeyId",
    params: passkeyParams,
    body: noBody,
    response: noContent,
    status: 204,
  }),
  /** Options for the second step or a step-up check with one of your passkeys. */
  secondFactorPasskeyOptions: defineEndpoint({
    method: "POST",
    path: "/api/auth/second-factor/passkey/options",
    body: noBody,
    response: passkeyAuthenticationOptions,
  }),
  /** The second step (or a step-up check) with a passkey (new session id). */
  secondFactorPasskey: defineEndpoint({
    method: "POST",
    path: "/api/auth/second-factor/passkey",
    body: passkeyAssertionRequest,
    response: sessionResponse,
  }),
  /** Options for a passwordless sign-in with a passkey the browser finds (discoverable credential). */
  passkeySignInOptions: defineEndpoint({
    method: "POST",
    path: "/api/auth/passkey/options",
    body: noBody,
    response: passkeyAuthenticationOptions,
  }),
  /** Passwordless sign-in: a user-verified passkey counts as both factors. */
  passkeySignIn: defineEndpoint({
    method: "POST",
    path: "/api/auth/passkey",
    body: passkeyAssertionRequest,
    response: sessionResponse,
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
