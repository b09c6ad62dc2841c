// EXPLAIN of every distinct statement an endpoint sent (with the parameters of its first sending), and
// the check that no big table is read by a sequential scan: a scan of a table of more than
// BIG_TABLE_ROWS rows (PostgreSQL's estimate after ANALYZE) is named, and the run fails. Each
// statement is also run once under EXPLAIN (ANALYZE, BUFFERS), in a transaction rolled back, for its
// execution time and the buffers it touched: what a statement reads should follow the page, so the
// two sizes of `--scale` are compared by these figures (a statement whose buffers grow with the
// database reads rows it does not show).
import type pg from "pg";
import type { LoggedStatement } from "../test/helpers/statement-log";

/**
 * A table this big must not be scanned sequentially by a request. 5,000 rows: at 102,000 clients the
 * smallest table that grows with the caseload, the open risk flags (one client in fifteen, 6,800
 * rows), is over it, so a plan that reads all of them to show a supervisor's hundred fails the run
 * (it did, unseen under the earlier 10,000: docs/benchmarks.md, "The count's flags by course"); the
 * tables that do not grow with the caseload (users, assignments, settings) stay under it.
 */
export const BIG_TABLE_ROWS = 5_000;

export interface Explained {
  text: string;
  /** The plan's node types, outermost first, e.g. "Limit > Index Scan on clients". */
  shape: string;
  /** Big tables read with a sequential scan (with their estimated rows). */
  seqScans: { table: string; rows: number }[];
  /** One execution under EXPLAIN ANALYZE (rolled back); null when it could not be replayed. */
  analyzed: { ms: number; buffers: number } | null;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

interface ExplainOutput {
  Plan: PlanNode;
  "Execution Time"?: number;
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

/**
 * The statement run once under EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back (a
 * write changes nothing); null when it fails (a replayed write can meet a key it already inserted).
 */
async function analyzed(pool: pg.Pool, statement: LoggedStatement): Promise<Explained["analyzed"]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ "QUERY PLAN": ExplainOutput[] }>({
      text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
      values: statement.values,
    });
    const output = rows[0]?.["QUERY PLAN"][0];
    if (!output) return null;
    // A node's buffers include its children's, so the top node's are the statement's, except for a
    // data-modifying CTE run to its end after the top node (the audit insert): the most any node
    // touched.
    let buffers = 0;
    const walk = (node: PlanNode) => {
      buffers = Math.max(buffers, (node["Shared Hit Blocks"] ?? 0) + (node["Shared Read Blocks"] ?? 0));
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(output.Plan);
    return { ms: output["Execution Time"] ?? 0, buffers };
  } catch {
    return null;
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
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
    const { rows } = await pool.query<{ "QUERY PLAN": ExplainOutput[] }>({
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
    explained.push({
      text: statement.text,
      shape: nodes.join(" > "),
      seqScans,
      analyzed: await analyzed(pool, statement),
    });
  }
  return explained;
}
