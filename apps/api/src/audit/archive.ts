// Archives whole months of the audit log out of the database (`audit:archive --before YYYY-MM`):
// each month's partition is written to a file (its events in chain order, as JSON lines) with a
// manifest (the runs of chain positions it covers, the link into each and the hash at its end, and
// the file's SHA-256), recorded in audit_archives, then detached and dropped, in one transaction per
// month. verifyAuditChain steps over the recorded runs, so what remains still verifies from the
// recorded heads; verifyArchiveFile re-checks a file on its own. Owner-run (DDL), never a request.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { MONTH_PATTERN, partitionName } from "./partitions";
import { SEAL_BATCH } from "./sealer";

export interface ArchivedRun {
  firstSeq: string;
  lastSeq: string;
  /** The hash of the event before the run (its first event's prev_hash). */
  prevHash: string;
  /** The hash of the run's last event. */
  headHash: string;
}

export interface ArchiveManifest {
  partition: string;
  month: string;
  events: number;
  runs: ArchivedRun[];
  file: string;
  sha256: string;
}

interface ArchivedEvent {
  chain_seq: string;
  prev_hash: string;
  hash: string;
  payload: string;
  row: Record<string, unknown>;
}

/** The partitions of months before `before` (YYYY-MM), oldest first. */
async function partitionsBefore(client: pg.ClientBase, before: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_y[0-9]{4}m[0-9]{2}$'
        AND c.relname < $1 ORDER BY c.relname`,
    [partitionName(before)],
  );
  return rows.map((row) => row.name);
}

export async function archiveAuditMonths(
  databaseUrl: string,
  before: string,
  folder: string,
): Promise<ArchiveManifest[]> {
  if (!MONTH_PATTERN.test(before)) throw new Error(`--before must be a month, YYYY-MM: ${before}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // What has committed is sealed first (a month's events must all be in the chain to leave).
    for (;;) {
      const { rows } = await client.query<{ sealed: number }>(`SELECT audit_seal($1, true) AS sealed`, [
        SEAL_BATCH,
      ]);
      if ((rows[0]?.sealed ?? 0) < SEAL_BATCH) break;
    }
    const { rows: early } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events_default WHERE occurred_at < ($1 || '-01')::timestamp AT TIME ZONE 'UTC'`,
      [before],
    );
    if (Number(early[0]?.n) > 0) {
      throw new Error(
        `The DEFAULT partition holds ${early[0]?.n} events before ${before}: run audit:partitions for their months first.`,
      );
    }
    await mkdir(folder, { recursive: true });
    const manifests: ArchiveManifest[] = [];
    for (const partition of await partitionsBefore(client, before)) {
      manifests.push(await archiveOne(client, partition, folder));
    }
    return manifests;
  } finally {
    await client.end();
  }
}

async function archiveOne(
  client: pg.ClientBase,
  partition: string,
  folder: string,
): Promise<ArchiveManifest> {
  const month = partition.replace(/^audit_events_y(\d{4})m(\d{2})$/, "$1-$2");
  const table = `"${partition}"`; // matched the name pattern above: no quoting issue
  await client.query("BEGIN");
  try {
    // The sealer's head: held to the end, so nothing is sealed meanwhile.
    await client.query(`SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
    const { rows } = await client.query<Omit<ArchivedEvent, "chain_seq"> & { chain_seq: string | null }>(
      `SELECT chain_seq::text, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash,
              audit_event_payload(e) AS payload, to_jsonb(e) AS row
         FROM ${table} e ORDER BY chain_seq NULLS LAST`,
    );
    const unsealed = rows.filter((row) => row.chain_seq === null).length;
    if (unsealed > 0) throw new Error(`${partition} has ${unsealed} unsealed events: try again in a moment.`);
    const runs = runsOf(rows as ArchivedEvent[]); // every chain_seq is set: checked just above
    const file = `${partition}.jsonl`;
    const body = rows.map((row) => JSON.stringify(row)).join("\n") + (rows.length ? "\n" : "");
    const manifest: ArchiveManifest = {
      partition,
      month,
      events: rows.length,
      runs,
      file,
      sha256: createHash("sha256").update(body).digest("hex"),
    };
    await writeFile(path.join(folder, file), body, { flag: "wx" });
    await writeFile(
      path.join(folder, `${partition}.manifest.json`),
      JSON.stringify(manifest, null, 2) + "\n",
      {
        flag: "wx",
      },
    );
    for (const run of runs) {
      await client.query(
        `INSERT INTO audit_archives (partition_name, range_start, range_end, file_name, first_seq, last_seq, prev_hash, head_hash)
         VALUES ($1, ($2 || '-01')::date, (($2 || '-01')::date + interval '1 month')::date, $3, $4, $5,
                 decode($6, 'hex'), decode($7, 'hex'))`,
        [partition, month, file, run.firstSeq, run.lastSeq, run.prevHash, run.headHash],
      );
    }
    await client.query(`ALTER TABLE audit_events DETACH PARTITION ${table}`);
    await client.query(`DROP TABLE ${table}`);
    await client.query("COMMIT");
    return manifest;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Splits events (in chain order) into runs of consecutive chain positions. */
function runsOf(rows: ArchivedEvent[]): ArchivedRun[] {
  const runs: ArchivedRun[] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && BigInt(last.lastSeq) + 1n === BigInt(row.chain_seq)) {
      last.lastSeq = row.chain_seq;
      last.headHash = row.hash;
    } else {
      runs.push({
        firstSeq: row.chain_seq,
        lastSeq: row.chain_seq,
        prevHash: row.prev_hash,
        headHash: row.hash,
      });
    }
  }
  return runs;
}

/** Re-checks an archived month on its own: the file's SHA-256, and every run's links and hashes
 * from its recorded prevHash to its recorded headHash. Returns the events checked. */
export async function verifyArchiveFile(manifestPath: string): Promise<number> {
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as ArchiveManifest;
  const body = await readFile(path.join(path.dirname(manifestPath), manifest.file), "utf8");
  if (createHash("sha256").update(body).digest("hex") !== manifest.sha256) {
    throw new Error(`${manifest.file}: the file's SHA-256 differs from its manifest`);
  }
  const events = body
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArchivedEvent);
  const runAt = new Map(manifest.runs.map((run) => [run.firstSeq, run]));
  let previous = "";
  let run: ArchivedRun | undefined;
  for (const event of events) {
    const starting = runAt.get(event.chain_seq);
    if (starting) {
      if (run && previous !== run.headHash)
        throw new Error(`${manifest.file}: run ${run.firstSeq} ends elsewhere`);
      run = starting;
      previous = starting.prevHash;
    }
    const hash = createHash("sha256")
      .update(Buffer.from(event.prev_hash, "hex"))
      .update(event.payload, "utf8")
      .digest("hex");
    if (event.prev_hash !== previous || hash !== event.hash) {
      throw new Error(`${manifest.file}: event at chain position ${event.chain_seq} does not verify`);
    }
    previous = hash;
  }
  if (run && previous !== run.headHash)
    throw new Error(`${manifest.file}: run ${run.firstSeq} ends elsewhere`);
  return events.length;
}
