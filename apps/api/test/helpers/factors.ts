// Second-factor helpers for integration tests: TOTP codes computed here with the same library and
// shape an authenticator app uses (RFC 6238: SHA-1, 6 digits, 30 s), enrolment through the API.
import {
  CSRF_HEADER,
  endpointPath,
  endpoints,
  recoveryCodesResponse,
  sessionResponse,
  totpEnrolmentResponse,
  type Role,
} from "@ipt/shared";
import { Secret, TOTP } from "otpauth";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
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

/**
 * Runs `body` while the sign-in settings require a second factor of `roles`, as an organisation's
 * settings must before its admin is shown a temporary password for such an account
 * (docs/decisions/025). The settings held before are stored again afterwards, so the file's other
 * tests keep the test deployment's settings (no role must enrol a factor).
 */
export async function withSecondFactorRequiredOf<T>(
  prisma: PrismaClient,
  roles: Role[],
  body: () => Promise<T>,
): Promise<T> {
  const before = await prisma.signInSettings.findUnique({ where: { id: 1 } });
  await storeSecondFactorRoles(prisma, roles);
  try {
    return await body();
  } finally {
    await storeSecondFactorRoles(prisma, before?.mfaRequiredRoles ?? []);
  }
}

/** Stores the roles that must enrol a second factor in the sign-in settings (the rest kept). */
export async function storeSecondFactorRoles(prisma: PrismaClient, roles: Role[]): Promise<void> {
  await prisma.signInSettings.upsert({
    where: { id: 1 },
    create: { id: 1, mfaRequiredRoles: roles, stepUpMinutes: 15 },
    update: { mfaRequiredRoles: roles },
  });
}
