// Verifies the audit log's hash chain. The database chains every insert (trigger `audit_events_chain`,
// migration audit_hash_chain): hash = sha256(prev_hash || audit_event_payload(row)), the first
// event's prev_hash is 32 zero bytes, and id order is chain order. Here the hashes are recomputed
// outside the database, so a changed field, hash or link, or a removed event, names its event.
// Not detectable by the chain alone: removing the newest events (compare the head with a copy kept
// elsewhere, e.g. the last verified hash in the backups).
import { createHash } from "node:crypto";
import type { PrismaClient } from "../db/prisma";

export const GENESIS_HASH = Buffer.alloc(32);

export interface BrokenLink {
  id: string;
  /** `link`: prev_hash is not the previous event's hash (an event removed or its link changed);
   * `hash`: the event's content or hash was changed after it was written. */
  reason: "link" | "hash";
}

export interface ChainReport {
  checked: number;
  /** The first event, in chain order, whose link or hash does not hold; null when intact. */
  firstBroken: BrokenLink | null;
  /** The hash of the last event checked: the chain head, to keep elsewhere. */
  head: string;
}

interface ChainRow {
  id: bigint;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  payload: string;
}

export async function verifyAuditChain(prisma: PrismaClient, batchSize = 5_000): Promise<ChainReport> {
  let previous = GENESIS_HASH;
  let after = 0n;
  let checked = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<ChainRow[]>`
      SELECT id, prev_hash, hash, audit_event_payload(e) AS payload
      FROM audit_events e WHERE id > ${after} ORDER BY id LIMIT ${batchSize}`;
    if (rows.length === 0) return { checked, firstBroken: null, head: previous.toString("hex") };
    for (const row of rows) {
      checked += 1;
      const id = row.id.toString();
      const prevHash = Buffer.from(row.prev_hash);
      const hash = Buffer.from(row.hash);
      if (!prevHash.equals(previous)) return broken(checked, id, "link", previous);
      const expected = createHash("sha256").update(prevHash).update(row.payload, "utf8").digest();
      if (!expected.equals(hash)) return broken(checked, id, "hash", previous);
      previous = hash;
      after = row.id;
    }
  }
}

function broken(checked: number, id: string, reason: BrokenLink["reason"], head: Buffer): ChainReport {
  return { checked, firstBroken: { id, reason }, head: head.toString("hex") };
}
