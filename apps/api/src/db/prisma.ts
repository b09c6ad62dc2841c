import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";

export type { PrismaClient } from "../generated/prisma/client";
export { Prisma } from "../generated/prisma/client";

export interface PoolOptions {
  /**
   * How long a query waits for a free pooled connection (or a new one to open) before it fails; pg
   * waits forever by default, which under overload or a hung server turns into requests that never
   * end. The failure answers 503 (db/unavailable.ts).
   */
  poolTimeoutMs?: number;
  /**
   * A pooled connection lost while idle or inside a transaction (the server restarted or ended it).
   * The adapter already listens for these, so they cannot crash the process; the pool drops the
   * connection and opens a new one on the next query. Called with PostgreSQL's message only.
   */
  onConnectionLost?: (message: string) => void;
}

/** SQL text → the name it is prepared under on each connection (preparedStatement). */
const statementNames = new Map<string, string>();

/**
 * Marks a hot statement of fixed text (the audit INSERT, sent for every read) to be prepared once per
 * connection and then only bound and executed: PostgreSQL skips parsing and planning it again. Only
 * for a few statements named here, not for everything Prisma sends: its texts vary with the number
 * of values in a list, and every prepared statement stays in its connection's memory.
 */
export function preparedStatement<S extends string>(name: string, sql: S): S {
  const known = statementNames.get(sql);
  if (known !== undefined && known !== name)
    throw new Error(`${name}: this SQL is already prepared as ${known}`);
  if ([...statementNames.values()].includes(name) && known === undefined) {
    throw new Error(`two statements are prepared as ${name}`);
  }
  statementNames.set(sql, name);
  return sql;
}

/** The adapter's statement naming: the prepared name of a statement marked above, else none. */
export const preparedStatementName = (query: { sql: string }): string | undefined =>
  statementNames.get(query.sql);

export function createPrismaClient(
  databaseUrl: string,
  poolSize = 10,
  { poolTimeoutMs = 5_000, onConnectionLost }: PoolOptions = {},
): PrismaClient {
  const lost = (error: Error) => onConnectionLost?.(error.message);
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: poolTimeoutMs },
    {
      onPoolError: lost,
      onConnectionError: lost,
      statementNameGenerator: preparedStatementName,
    },
  );
  // A transaction waits for its connection as long as any other query does (Prisma's own default
  // is 2 s, which would answer 503 before the pool's timeout).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: poolTimeoutMs } });
}

/** A transaction's client: inside `$transaction(async (tx) => …)` only `tx` is used. */
export type Tx = Prisma.TransactionClient;
/** The app's client or a transaction's: for reads and writes that work in either. */
export type Db = PrismaClient | Tx;
