// Row counts and content checksums of every table, to prove that a run of requests changed nothing.
import type { PrismaClient } from "../../src/db/prisma";
import { quoteIdent } from "./test-cluster";

export interface TableState {
  rows: number;
  checksum: string;
}

export interface SnapshotOptions {
  /** Columns left out of a table's checksum (e.g. login_sessions.last_seen_at, which reads touch). */
  ignoreColumns?: Record<string, string[]>;
  /** Tables compared only up to this id: later rows are appended events (audit_events). */
  upToId?: Record<string, bigint>;
  /** Tables left out altogether (audit_refusal_windows: the counts of audited refusals). */
  ignoreTables?: string[];
}

/** Every table of the app's schema, by name; a partitioned table once, through its parent. */
export async function tableStates(
  prisma: PrismaClient,
  options: SnapshotOptions = {},
): Promise<Record<string, TableState>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`;
  const states: Record<string, TableState> = {};
  for (const { name } of tables) {
    if (options.ignoreTables?.includes(name)) continue;
    const ignored = options.ignoreColumns?.[name] ?? [];
    const upTo = options.upToId?.[name];
    const [state] = await prisma.$queryRawUnsafe<{ rows: number; checksum: string }[]>(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS checksum
         FROM (SELECT (to_jsonb(t) - $1::text[])::text AS x FROM ${quoteIdent(name)} t
               ${upTo === undefined ? "" : "WHERE t.id <= $2"}) rows`,
      ignored,
      ...(upTo === undefined ? [] : [upTo]),
    );
    states[name] = state!;
  }
  return states;
}

/** The highest id in a table with a bigint id column (0 when empty). */
export async function maxId(prisma: PrismaClient, table: string): Promise<bigint> {
  const [row] = await prisma.$queryRawUnsafe<{ max: bigint }[]>(
    `SELECT coalesce(max(id), 0)::bigint AS max FROM ${quoteIdent(table)}`,
  );
  return row!.max;
}
