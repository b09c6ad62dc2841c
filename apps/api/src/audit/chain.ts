// Verifies the audit log's hash chain. Events are written unsealed; the background sealer
// (sealer.ts, SQL function audit_seal, migration audit_partitions_and_sealer) chains them later:
// chain_seq 1, 2, 3… is chain order, hash = sha256(prev_hash || audit_event_payload(row)), the first
// event's prev_hash is 32 zero bytes, and audit_chain_head holds the last position and hash. Here
// the hashes are recomputed outside the database over the sealed events in chain order, so a changed
// field, hash or link, or a removed event, names its event; removing the newest sealed events shows
// against the head. Months archived out of the database (archive.ts) are stepped over by their
// record in audit_archives (the link into the run and the hash at its end). Unsealed events are
// counted, not checked: they are protected once the sealer reaches them (within a second or so).
import { createHash } from "node:crypto";
import type { PrismaClient } from "../db/prisma";

export const GENESIS_HASH = Buffer.alloc(32);

export interface BrokenLink {
  /** The event named; for `head`, the last sealed event found (empty when none). */
  id: string;
  /** `link`: prev_hash is not the previous event's hash, or a position is missing (an event
   * removed or its link changed); `hash`: the event's content or hash was changed after it was
   * sealed; `head`: the chain ends before the sealer's recorded head (the newest events removed). */
  reason: "link" | "hash" | "head";
}

export interface ChainReport {
  /** Sealed events in the database whose link and hash were checked. */
  checked: number;
  /** Chain positions stepped over because they were archived (audit:archive). */
  archived: number;
  /** Events not yet sealed: not part of the chain yet. */
  unsealed: number;
  /** The first event, in chain order, whose link or hash does not hold; null when intact. */
  firstBroken: BrokenLink | null;
  /** The hash of the last position checked: the chain head, to keep elsewhere. */
  head: string;
}

interface ChainRow {
  id: bigint;
  chain_seq: bigint;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  payload: string;
}

interface ArchivedRun {
  first_seq: bigint;
  last_seq: bigint;
  prev_hash: Uint8Array;
  head_hash: Uint8Array;
}

type Db = Pick<PrismaClient, "$queryRaw">;

export async function verifyAuditChain(prisma: Db, batchSize = 5_000): Promise<ChainReport> {
  const runs = await prisma.$queryRaw<ArchivedRun[]>`
    SELECT first_seq, last_seq, prev_hash, head_hash FROM audit_archives ORDER BY first_seq`;
  const runAt = new Map(runs.map((run) => [run.first_seq, run]));
  const [headRow] = await prisma.$queryRaw<{ seq: bigint; hash: Uint8Array }[]>`
    SELECT seq, hash FROM audit_chain_head WHERE id = 1`;
  const [{ unsealed } = { unsealed: 0n }] = await prisma.$queryRaw<{ unsealed: bigint }[]>`
    SELECT count(*) AS unsealed FROM audit_events WHERE chain_seq IS NULL`;

  let previous = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  let archived = 0;
  let lastId = "";
  const report = (firstBroken: BrokenLink | null): ChainReport => ({
    checked,
    archived,
    unsealed: Number(unsealed),
    firstBroken,
    head: previous.toString("hex"),
  });
  /** Steps over archived runs that start where the chain has got to; false when one does not link. */
  const stepOverArchives = (upTo: bigint): boolean => {
    for (let run = runAt.get(expected); run && expected < upTo; run = runAt.get(expected)) {
      if (!Buffer.from(run.prev_hash).equals(previous)) return false;
      previous = Buffer.from(run.head_hash);
      archived += Number(run.last_seq - run.first_seq + 1n);
      expected = run.last_seq + 1n;
    }
    return true;
  };

  for (;;) {
    const rows = await prisma.$queryRaw<ChainRow[]>`
      SELECT id, chain_seq, prev_hash, hash, audit_event_payload(e) AS payload
      FROM audit_events e WHERE chain_seq >= ${expected} ORDER BY chain_seq LIMIT ${batchSize}`;
    for (const row of rows) {
      const id = row.id.toString();
      if (!stepOverArchives(row.chain_seq) || row.chain_seq !== expected) {
        checked += 1;
        return report({ id, reason: "link" });
      }
      checked += 1;
      const prevHash = Buffer.from(row.prev_hash);
      const hash = Buffer.from(row.hash);
      if (!prevHash.equals(previous)) return report({ id, reason: "link" });
      const recomputed = createHash("sha256").update(prevHash).update(row.payload, "utf8").digest();
      if (!recomputed.equals(hash)) return report({ id, reason: "hash" });
      previous = hash;
      expected += 1n;
      lastId = id;
    }
    if (rows.length < batchSize) break;
  }
  const headSeq = headRow?.seq ?? 0n;
  if (!stepOverArchives(headSeq + 1n)) return report({ id: lastId, reason: "link" });
  const headHash = headRow ? Buffer.from(headRow.hash) : GENESIS_HASH;
  if (expected !== headSeq + 1n || !headHash.equals(previous)) return report({ id: lastId, reason: "head" });
  return report(null);
}
