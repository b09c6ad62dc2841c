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

/**
 * Every table of the app's schema, by name; a partitioned table once, through its parent. One
 * statement for all tables, and a checksum that needs no sort: the sum of each row's hash is the same
 * for the same rows in any order, and changes when any row does.
 */
export async function tableStates(
  prisma: PrismaClient,
  options: SnapshotOptions = {},
): Promise<Record<string, TableState>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`;
  const values: unknown[] = [];
  const parameter = (value: unknown) => `$${values.push(value)}`;
  const selects = tables
    .filter(({ name }) => !options.ignoreTables?.includes(name))
    .map(({ name }) => {
      const ignored = parameter(options.ignoreColumns?.[name] ?? []);
      const upTo = options.upToId?.[name];
      return `SELECT ${parameter(name)}::text AS name, count(*)::int AS rows,
                     coalesce(sum(('x' || left(md5(x), 16))::bit(64)::bigint::numeric), 0)::text AS checksum
                FROM (SELECT (to_jsonb(t) - ${ignored}::text[])::text AS x FROM ${quoteIdent(name)} t
                      ${upTo === undefined ? "" : `WHERE t.id <= ${parameter(upTo)}`}) rows`;
    });
  const rows = await prisma.$queryRawUnsafe<({ name: string } & TableState)[]>(
    selects.join("\nUNION ALL\n"),
    ...values,
  );
  return Object.fromEntries(rows.map(({ name, rows: count, checksum }) => [name, { rows: count, checksum }]));
}

/** The highest id in a table with a bigint id column (0 when empty). */
export async function maxId(prisma: PrismaClient, table: string): Promise<bigint> {
  const [row] = await prisma.$queryRawUnsafe<{ max: bigint }[]>(
    `SELECT coalesce(max(id), 0)::bigint AS max FROM ${quoteIdent(table)}`,
  );
  return row!.max;
}
