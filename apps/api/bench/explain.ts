// EXPLAIN of every distinct statement an endpoint sent (with the parameters of its first sending), and
// the check that no big table is read by a sequential scan: a scan of a table of more than
// BIG_TABLE_ROWS rows (PostgreSQL's estimate after ANALYZE) is named, and the run fails.
import type pg from "pg";
import type { LoggedStatement } from "../test/helpers/statement-log";

export const BIG_TABLE_ROWS = 10_000;

export interface Explained {
  text: string;
  /** The plan's node types, outermost first, e.g. "Limit > Index Scan on clients". */
  shape: string;
  /** Big tables read with a sequential scan (with their estimated rows). */
  seqScans: { table: string; rows: number }[];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

const NOT_EXPLAINABLE = /^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE|SHOW|DEALLOCATE)\b/i;

/** Estimated rows of every table (partitions included), for the big-table check. */
async function tableRows(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ name: string; rows: number }>(
    `SELECT c.relname AS name, c.reltuples::float8 AS rows
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
  );
  return new Map(rows.map((row) => [row.name, row.rows]));
}

export async function explainAll(
  pool: pg.Pool,
  statements: readonly LoggedStatement[],
): Promise<Explained[]> {
  const sizes = await tableRows(pool);
  const seen = new Set<string>();
  const explained: Explained[] = [];
  for (const statement of statements) {
    if (seen.has(statement.text) || NOT_EXPLAINABLE.test(statement.text)) continue;
    seen.add(statement.text);
    const { rows } = await pool.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>({
      text: `EXPLAIN (FORMAT JSON) ${statement.text}`,
      values: statement.values,
    });
    const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) continue;
    const nodes: string[] = [];
    const seqScans: Explained["seqScans"] = [];
    const walk = (node: PlanNode) => {
      const on = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
      nodes.push(`${node["Node Type"]}${on}`);
      const table = node["Relation Name"];
      if (node["Node Type"] === "Seq Scan" && table && (sizes.get(table) ?? 0) > BIG_TABLE_ROWS) {
        seqScans.push({ table, rows: Math.round(sizes.get(table) ?? 0) });
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan);
    explained.push({ text: statement.text, shape: nodes.join(" > "), seqScans });
  }
  return explained;
}
