// The keyed hash (HMAC-SHA-256) an unknown email typed at sign-in is audited as: repeated attempts
// with one address can be recognised, and an admin who knows an address can compute its digest,
// but the audit log never holds the address itself (it may be a patient's, or a mistyped password).
import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/prisma";

const keys = new WeakMap<PrismaClient, Promise<Uint8Array>>();

/** 256 random bits, created by the first instance that needs it (several may race: the first insert
 *  wins and everyone reads the stored key); read once per client. */
async function loadOrCreateKey(prisma: PrismaClient): Promise<Uint8Array> {
  await prisma.serverKey.createMany({
    data: [{ name: "audit_email", key: randomBytes(32) }],
    skipDuplicates: true,
  });
  const row = await prisma.serverKey.findUniqueOrThrow({ where: { name: "audit_email" } });
  return row.key;
}

function auditEmailKey(prisma: PrismaClient): Promise<Uint8Array> {
  let key = keys.get(prisma);
  if (!key) {
    key = loadOrCreateKey(prisma);
    key.catch(() => keys.delete(prisma));
    keys.set(prisma, key);
  }
  return key;
}

export const EMAIL_DIGEST_PREFIX = "hmac-sha256:";

export async function emailDigest(prisma: PrismaClient, email: string): Promise<string> {
  const key = await auditEmailKey(prisma);
  return EMAIL_DIGEST_PREFIX + createHmac("sha256", key).update(email).digest("hex");
}
