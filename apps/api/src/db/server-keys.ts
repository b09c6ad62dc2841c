// Keys the server generates for itself (table server_keys): 256 random bits per name, created by the
// first instance that needs one (several may race: the first insert wins and everyone reads the
// stored key), read once per Prisma client. Never sent to a client or logged.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "./prisma";

export type ServerKeyName = "audit_email" | "fhir_pseudonym" | "totp_secret";

const cache = new WeakMap<PrismaClient, Map<ServerKeyName, Promise<Uint8Array>>>();

async function loadOrCreate(prisma: PrismaClient, name: ServerKeyName): Promise<Uint8Array> {
  await prisma.serverKey.createMany({ data: [{ name, key: randomBytes(32) }], skipDuplicates: true });
  const row = await prisma.serverKey.findUniqueOrThrow({ where: { name } });
  return row.key;
}

export function serverKey(prisma: PrismaClient, name: ServerKeyName): Promise<Uint8Array> {
  let keys = cache.get(prisma);
  if (!keys) {
    keys = new Map();
    cache.set(prisma, keys);
  }
  let key = keys.get(name);
  if (!key) {
    key = loadOrCreate(prisma, name);
    const held = keys;
    key.catch(() => held.delete(name));
    keys.set(name, key);
  }
  return key;
}
