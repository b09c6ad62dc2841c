import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import { changePasswordRequest, loginRequest, sessionResponse } from "./auth";

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
};
