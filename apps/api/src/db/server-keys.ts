// Named secret keys of this instance (table server_keys): 256 random bits each, created by the first
// instance that needs one (several may race: the first insert wins and everyone reads the stored key),
// read once per client and name.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "./prisma";

export type ServerKeyName = "audit_email" | "fhir_pseudonym";

const keys = new WeakMap<PrismaClient, Map<ServerKeyName, Promise<Uint8Array>>>();

async function loadOrCreateKey(prisma: PrismaClient, name: ServerKeyName): Promise<Uint8Array> {
  await prisma.serverKey.createMany({ data: [{ name, key: randomBytes(32) }], skipDuplicates: true });
  const row = await prisma.serverKey.findUniqueOrThrow({ where: { name } });
  return row.key;
}

export function serverKey(prisma: PrismaClient, name: ServerKeyName): Promise<Uint8Array> {
  let byName = keys.get(prisma);
  if (!byName) {
    byName = new Map();
    keys.set(prisma, byName);
  }
  let key = byName.get(name);
  if (!key) {
    key = loadOrCreateKey(prisma, name);
    const cache = byName;
    key.catch(() => cache.delete(name));
    byName.set(name, key);
  }
  return key;
}
