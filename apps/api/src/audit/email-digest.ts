// The keyed hash (HMAC-SHA-256) an unknown email typed at sign-in is audited as: repeated attempts
// with one address can be recognised, and an admin who knows an address can compute its digest,
// but the audit log never holds the address itself (it may be a patient's, or a mistyped password).
import { createHmac } from "node:crypto";
import type { PrismaClient } from "../db/prisma";
import { serverKey } from "../db/server-keys";

export const EMAIL_DIGEST_PREFIX = "hmac-sha256:";

export async function emailDigest(prisma: PrismaClient, email: string): Promise<string> {
  const key = await serverKey(prisma, "audit_email");
  return EMAIL_DIGEST_PREFIX + createHmac("sha256", key).update(email).digest("hex");
}
