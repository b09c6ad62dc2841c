// The auth area alone (the sign-in page loads this file too; docs/decisions/013).
import { authEndpoints, type SecondFactorRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";

/** The second sign-in step, or a step-up check: answers a new session (new CSRF token). */
export function passSecondFactor(body: SecondFactorRequest) {
  return apiRequest(authEndpoints.secondFactor, { body });
}
