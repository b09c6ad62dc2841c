// Second-factor helpers for integration tests: TOTP codes computed here with the same library and
// shape an authenticator app uses (RFC 6238: SHA-1, 6 digits, 30 s), enrolment through the API.
import {
  CSRF_HEADER,
  endpointPath,
  endpoints,
  recoveryCodesResponse,
  sessionResponse,
  totpEnrolmentResponse,
} from "@ipt/shared";
import { Secret, TOTP } from "otpauth";
import type { App } from "../../src/app";
import { noteSecret } from "../../src/security/log-scan/sink";
import { sessionCookieFrom, type SignedIn } from "./app";

export const TOTP_STEP_MS = 30_000;

/** The code an authenticator app shows at `at`. */
export function totpCodeAt(secret: string, at: Date): string {
  const code = new TOTP({
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  }).generate({
    timestamp: at.getTime(),
  });
  noteSecret(code);
  return code;
}

/** Begins and confirms TOTP enrolment with the code of `at`: the secret and the recovery codes. */
export async function enrolTotp(app: App, session: SignedIn, at: Date) {
  const begun = await app.inject({
    method: "POST",
    url: endpointPath(endpoints.auth.beginTotp),
    headers: session.headers,
    payload: {},
  });
  if (begun.statusCode !== 200) throw new Error(`enrolment failed: ${begun.statusCode} ${begun.body}`);
  const { secret } = totpEnrolmentResponse.parse(begun.json());
  noteSecret(secret);
  const confirmed = await app.inject({
    method: "POST",
    url: endpointPath(endpoints.auth.confirmTotp),
    headers: session.headers,
    payload: { code: totpCodeAt(secret, at) },
  });
  if (confirmed.statusCode !== 200)
    throw new Error(`confirmation failed: ${confirmed.statusCode} ${confirmed.body}`);
  const { recoveryCodes } = recoveryCodesResponse.parse(confirmed.json());
  recoveryCodes.forEach(noteSecret);
  return { secret, recoveryCodes };
}

/** Sends a second-factor request with a pending (or full) session; the raw response. */
export function sendSecondFactor(
  app: App,
  session: SignedIn,
  body: { method: "totp" | "recovery_code"; code: string },
) {
  return app.inject({
    method: "POST",
    url: endpointPath(endpoints.auth.secondFactor),
    headers: session.headers,
    payload: body,
  });
}

/** The session a passed second factor answered with. */
export function sessionAfter(response: Awaited<ReturnType<typeof sendSecondFactor>>): SignedIn {
  if (response.statusCode !== 200)
    throw new Error(`second factor failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookieFrom(response.headers["set-cookie"]);
  const { csrfToken } = sessionResponse.parse(response.json());
  noteSecret(csrfToken);
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}
