// The auth area alone, not the whole `endpoints` table: the sign-in page (login.html) loads this
// file, and the table would bring every area's schemas with it (docs/decisions/013).
import { authEndpoints, type LoginRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";

/**
 * Signs in. Only the sign-in page calls it, and it then opens the app as a new document, so there is
 * no query cache to update (and none from a previous account to clear).
 */
export function login(body: LoginRequest) {
  return apiRequest(authEndpoints.login, { body });
}
