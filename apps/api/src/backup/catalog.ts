// What a backup reads from the database: the app's tables in foreign-key order with their columns
// and primary keys, its sequences, and a fingerprint (row count and checksum) per table computed in
// SQL, so the backup and the restored copy are compared by the database's own view of the rows.
import type pg from "pg";
import { required } from "../errors/required";

/** Migration bookkeeping is not data: a restore re-creates it by applying the backup's migrations. */
export const BOOKKEEPING_TABLE = "_prisma_migrations";

export interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns are left out: COPY cannot write them). */
  columns: string[];
  primaryKey: string[];
}

export interface Fingerprint {
  rows: number;
  /** md5 over the md5 of each row's text form, rows in primary-key order. */
  checksum: string;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Fixes every setting that changes a row's text form (time zone, date style), so a fingerprint taken
 * at backup and one taken after restore can be compared. Call inside the transaction that reads.
 */
export async function useCanonicalTextForm(client: pg.ClientBase): Promise<void> {
  await client.query("SET LOCAL TimeZone TO 'UTC'");
  await client.query("SET LOCAL DateStyle TO 'ISO, YMD'");
  await client.query("SET LOCAL IntervalStyle TO 'postgres'");
  await client.query("SET LOCAL bytea_output TO 'hex'");
  await client.query("SET LOCAL extra_float_digits TO 1");
}

/** The app's tables (schema public, bookkeeping excluded; a partitioned table once, through its parent,
 * never its partitions), parents before the tables that refer to them. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{
    name: string;
    columns: string[];
    primary_key: string[] | null;
  }>(
    `SELECT c.relname AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                  ORDER BY a.attnum) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_constraint p
               CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE p.conrelid = c.oid AND p.contype = 'p') AS primary_key
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      ORDER BY c.relname`,
    [BOOKKEEPING_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent
       FROM pg_constraint f
       JOIN pg_class child ON child.oid = f.conrelid
       JOIN pg_class parent ON parent.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE f.contype = 'f' AND n.nspname = 'public' AND child.oid <> parent.oid`,
  );
  const infos = tables.map((t) => ({ name: t.name, columns: t.columns, primaryKey: t.primary_key ?? [] }));
  return inDependencyOrder(infos, references);
}

function inDependencyOrder(
  tables: TableInfo[],
  references: { child: string; parent: string }[],
): TableInfo[] {
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  let remaining = [...tables];
  while (remaining.length > 0) {
    const ready = remaining.filter((table) =>
      references.every((r) => r.child !== table.name || placed.has(r.parent) || r.parent === table.name),
    );
    // A reference cycle cannot be ordered; the restore loads with triggers (and so FK checks) off anyway.
    const next = ready.length > 0 ? ready : remaining.slice(0, 1);
    for (const table of next) placed.add(table.name);
    ordered.push(...next);
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

export async function fingerprint(client: pg.ClientBase, table: TableInfo): Promise<Fingerprint> {
  const order = table.primaryKey.length
    ? table.primaryKey.map((column) => `t.${quoteIdent(column)}`).join(", ")
    : "t::text";
  const { rows } = await client.query<{ rows: string; checksum: string }>(
    `SELECT count(*)::text AS rows,
            md5(coalesce(string_agg(md5(t::text), '' ORDER BY ${order}), '')) AS checksum
       FROM ${quoteIdent(table.name)} t`,
  );
  const counted = required(rows[0], `the count of ${table.name}`); // an aggregate always returns a row
  return { rows: Number(counted.rows), checksum: counted.checksum };
}

export interface SequenceState {
  name: string;
  /** As text: a bigint may exceed a JavaScript number. */
  lastValue: string;
  isCalled: boolean;
}

export async function readSequences(client: pg.ClientBase): Promise<SequenceState[]> {
  const { rows: names } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quoteIdent(name)}`,
    );
    const state = required(rows[0], `the state of sequence ${name}`); // a sequence is one row
    states.push({ name, lastValue: state.last_value, isCalled: state.is_called });
  }
  return states;
}
