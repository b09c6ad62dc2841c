import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import { changePasswordRequest, loginRequest, sessionResponse } from "./auth";
import {
  confirmTotpRequest,
  factorsResponse,
  recoveryCodesResponse,
  secondFactorRequest,
  totpEnrolmentResponse,
} from "./factors";

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
};
