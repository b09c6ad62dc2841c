// A software authenticator for integration tests: real WebAuthn responses made with node:crypto
// (ES256 on P-256) and CBOR from @simplewebauthn/server's helpers, so the server verifies them exactly
// as it verifies a browser's. It answers any challenge it is given (the tests choose which), with user
// presence and verification flags set like a platform passkey that asked for a fingerprint.
import type { PasskeyAuthenticationOptions, PasskeyRegistrationOptions } from "@ipt/shared";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64url = (data: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(data));

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface SoftPasskey {
  credentialId: Uint8Array;
  privateKey: KeyObject;
  /** base64url of the user handle the server gave at registration. */
  userHandle: string;
  rpId: string;
  signCount: number;
}

function clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function counter(value: number) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** Creates a passkey for the options the server answered, and the registration response for them. */
export function createPasskey(
  options: PasskeyRegistrationOptions,
  origin: string,
  overrides: { challenge?: string; userVerified?: boolean } = {},
) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, isoBase64URL.toBuffer(jwk.x ?? "")],
    [-3, isoBase64URL.toBuffer(jwk.y ?? "")],
  ]);
  const credentialId = randomBytes(16);
  const rpId = options.rp.id ?? new URL(origin).hostname;
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const flags = FLAG_UP | FLAG_AT | (overrides.userVerified === false ? 0 : FLAG_UV);
  const authData = Buffer.concat([
    sha256(rpId),
    Buffer.from([flags]),
    counter(0),
    Buffer.alloc(16), // AAGUID: none
    idLength,
    credentialId,
    Buffer.from(isoCBOR.encode(cose)),
  ]);
  const attestation = new Map<string, string | Uint8Array | Map<string, string>>();
  attestation.set("fmt", "none");
  attestation.set("attStmt", new Map<string, string>());
  attestation.set("authData", new Uint8Array(authData));
  const attestationObject = isoCBOR.encode(attestation);
  const passkey: SoftPasskey = { credentialId, privateKey, userHandle: options.user.id, rpId, signCount: 0 };
  const credential = {
    id: b64url(credentialId),
    rawId: b64url(credentialId),
    type: "public-key" as const,
    response: {
      clientDataJSON: b64url(clientData("webauthn.create", overrides.challenge ?? options.challenge, origin)),
      attestationObject: b64url(attestationObject),
      transports: ["internal"],
    },
    clientExtensionResults: {},
  };
  return { passkey, credential };
}

/** An assertion by the passkey over the given challenge (a new signature counter each time). */
export function assertWith(
  passkey: SoftPasskey,
  options: Pick<PasskeyAuthenticationOptions, "challenge">,
  origin: string,
  overrides: { userVerified?: boolean; userHandle?: string | null; credentialId?: Uint8Array } = {},
) {
  passkey.signCount += 1;
  const flags = FLAG_UP | (overrides.userVerified === false ? 0 : FLAG_UV);
  const authData = Buffer.concat([sha256(passkey.rpId), Buffer.from([flags]), counter(passkey.signCount)]);
  const clientDataJSON = clientData("webauthn.get", options.challenge, origin);
  const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), passkey.privateKey);
  const id = b64url(overrides.credentialId ?? passkey.credentialId);
  const userHandle = overrides.userHandle === undefined ? passkey.userHandle : overrides.userHandle;
  return {
    id,
    rawId: id,
    type: "public-key" as const,
    response: {
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      ...(userHandle === null ? {} : { userHandle }),
    },
    clientExtensionResults: {},
  };
}

/** A challenge the server never issued. */
export const strangerChallenge = () => b64url(randomBytes(32));
