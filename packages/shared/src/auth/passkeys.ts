// Passkeys (WebAuthn; docs/decisions/021): the options the server hands the browser's WebAuthn API and
// the credential the browser answers with, in the JSON shape @simplewebauthn/browser and /server use.
// Closed at the top; every string is bounded (a COSE key or attestation is a few kB at most).
import { z } from "zod";

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, "Expected base64url.");
const shortText = z.string().max(64);

const credentialDescriptor = z.object({
  id: base64url,
  type: z.literal("public-key"),
  transports: z.array(shortText).max(10).optional(),
});

/** What `navigator.credentials.create()` needs (PublicKeyCredentialCreationOptionsJSON). */
export const passkeyRegistrationOptions = z.object({
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: base64url, name: z.string(), displayName: z.string() }),
  challenge: base64url,
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal("public-key") })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
      requireResidentKey: z.boolean().optional(),
      residentKey: z.enum(["discouraged", "preferred", "required"]).optional(),
      userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
    })
    .optional(),
  attestation: z.enum(["none", "indirect", "direct", "enterprise"]).optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  hints: z.array(z.enum(["security-key", "client-device", "hybrid"])).optional(),
});
export type PasskeyRegistrationOptions = z.infer<typeof passkeyRegistrationOptions>;

/** What `navigator.credentials.get()` needs (PublicKeyCredentialRequestOptionsJSON). */
export const passkeyAuthenticationOptions = z.object({
  challenge: base64url,
  timeout: z.number().int().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptor).optional(),
  userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
  hints: z.array(z.enum(["security-key", "client-device", "hybrid"])).optional(),
});
export type PasskeyAuthenticationOptions = z.infer<typeof passkeyAuthenticationOptions>;

// Closed like every request body (mass-assignment suite): the browser reports only the extensions
// the options asked for (credProps at registration, none at sign-in).
const clientExtensionResults = z
  .strictObject({ credProps: z.strictObject({ rk: z.boolean().optional() }).optional() })
  .default({});

/** The browser's answer to `create()` (RegistrationResponseJSON). */
export const passkeyRegistrationCredential = z.strictObject({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  response: z.strictObject({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    authenticatorData: base64url.optional(),
    transports: z.array(shortText).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults,
});

/** The browser's answer to `get()` (AuthenticationResponseJSON). */
export const passkeyAuthenticationCredential = z.strictObject({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  response: z.strictObject({
    clientDataJSON: base64url.min(1),
    authenticatorData: base64url.min(1),
    signature: base64url.min(1),
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults,
});

export const passkeyName = z
  .string()
  .trim()
  .min(1, "Name this passkey, e.g. “Work laptop”.")
  .max(60, "Use at most 60 characters.");

export const registerPasskeyRequest = z.strictObject({
  name: passkeyName,
  credential: passkeyRegistrationCredential,
});
export type RegisterPasskeyRequest = z.infer<typeof registerPasskeyRequest>;

/** One assertion, for the second step, a step-up check or a passwordless sign-in. */
export const passkeyAssertionRequest = z.strictObject({ credential: passkeyAuthenticationCredential });
export type PasskeyAssertionRequest = z.infer<typeof passkeyAssertionRequest>;

export const passkeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** The authenticator says the passkey is synced to other devices (backup state). */
  backedUp: z.boolean(),
});
export type PasskeySummary = z.infer<typeof passkeySummary>;

export const registeredPasskeyResponse = z.object({
  passkey: passkeySummary,
  /** Ten recovery codes when this passkey is the account's first factor (shown once), else null. */
  recoveryCodes: z.array(z.string()).nullable(),
});
export type RegisteredPasskeyResponse = z.infer<typeof registeredPasskeyResponse>;

export const passkeyParams = z.strictObject({ passkeyId: z.uuid() });
