import { endpoints, type LoginRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";

/**
 * Signs in. Only the sign-in page calls it, and it then opens the app as a new document, so there is
 * no query cache to update (and none from a previous account to clear).
 */
export function login(body: LoginRequest) {
  return apiRequest(endpoints.auth.login, { body });
}
