// AES-256-GCM sealing of a secret the server must read back (the TOTP secret): a fresh 96-bit nonce
// per seal, the 128-bit tag checked on opening, and associated data (the owner's id) so a sealed value
// copied onto another row does not open. Layout: nonce (12) ‖ tag (16) ‖ ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Uint8Array, plaintext: string, associatedData: string): Uint8Array<ArrayBuffer> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, cipher.getAuthTag(), body]));
}

/** The plaintext, or an error when the value was altered, moved to another owner or sealed under another key. */
export function open(key: Uint8Array, sealed: Uint8Array, associatedData: string): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString(
    "utf8",
  );
}
