// Passkeys in the browser (docs/decisions/021), with @simplewebauthn/browser: the server hands out
// options with a single-use challenge, the browser's WebAuthn API asks the authenticator, and the
// answer goes back. Only the fields the server's closed schemas name are sent. The auth area alone:
// the sign-in page loads this file too (docs/decisions/013).
import {
  authEndpoints,
  type PasskeyAssertionRequest,
  type RegisterPasskeyRequest,
  type SessionResponse,
} from "@ipt/shared";
import {
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import { apiRequest } from "../../../lib/api-client";

function assertionBody(answer: AuthenticationResponseJSON): PasskeyAssertionRequest {
  const { clientDataJSON, authenticatorData, signature, userHandle } = answer.response;
  return {
    credential: {
      id: answer.id,
      rawId: answer.rawId,
      type: "public-key",
      response: { clientDataJSON, authenticatorData, signature, ...(userHandle ? { userHandle } : {}) },
      ...(answer.authenticatorAttachment ? { authenticatorAttachment: answer.authenticatorAttachment } : {}),
      clientExtensionResults: {},
    },
  };
}

function registrationCredential(answer: RegistrationResponseJSON): RegisterPasskeyRequest["credential"] {
  const { clientDataJSON, attestationObject, authenticatorData, transports, publicKeyAlgorithm, publicKey } =
    answer.response;
  const rk = answer.clientExtensionResults.credProps?.rk;
  return {
    id: answer.id,
    rawId: answer.rawId,
    type: "public-key",
    response: {
      clientDataJSON,
      attestationObject,
      ...(authenticatorData ? { authenticatorData } : {}),
      ...(transports ? { transports } : {}),
      ...(publicKeyAlgorithm === undefined ? {} : { publicKeyAlgorithm }),
      ...(publicKey ? { publicKey } : {}),
    },
    ...(answer.authenticatorAttachment ? { authenticatorAttachment: answer.authenticatorAttachment } : {}),
    clientExtensionResults: rk === undefined ? {} : { credProps: { rk } },
  };
}

/** Passwordless sign-in: the browser offers the passkeys it holds for this site. */
export async function signInWithPasskey(): Promise<SessionResponse> {
  const options = await apiRequest(authEndpoints.passkeySignInOptions);
  const answer = await startAuthentication({ optionsJSON: options });
  return apiRequest(authEndpoints.passkeySignIn, { body: assertionBody(answer) });
}

/** The second sign-in step, or a step-up check, with one of the user's passkeys (a new session). */
export async function passSecondFactorWithPasskey(): Promise<SessionResponse> {
  const options = await apiRequest(authEndpoints.secondFactorPasskeyOptions);
  const answer = await startAuthentication({ optionsJSON: options });
  return apiRequest(authEndpoints.secondFactorPasskey, { body: assertionBody(answer) });
}

/** Creates a passkey on this device and registers it under `name`. */
export async function registerPasskey(name: string) {
  const options = await apiRequest(authEndpoints.passkeyRegistrationOptions);
  const answer = await startRegistration({ optionsJSON: options });
  return apiRequest(authEndpoints.registerPasskey, {
    body: { name, credential: registrationCredential(answer) },
  });
}

/** What to tell the person when the browser's WebAuthn prompt failed (cancelled, timed out, no passkey). */
export function passkeyProblem(error: unknown): string | null {
  if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
    return "No passkey was used. Try again, or use another way.";
  }
  if (error instanceof Error && error.name === "InvalidStateError") {
    return "This device already holds a passkey for your account.";
  }
  return null;
}
